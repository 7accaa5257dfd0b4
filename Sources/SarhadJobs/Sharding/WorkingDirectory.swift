import Foundation

/// Shards record the directory they ran in, since their scenario paths are relative to it; a merge
/// reads the inputs back from there.
package struct WorkingDirectory {
    /// Where the process was before `enter`.
    package let previous: String

    /// Makes `path` the working directory. A merge whose recorded directory is gone must stop, not read
    /// relative paths from wherever it was started.
    package static func enter(_ path: String) throws -> WorkingDirectory {
        let manager = FileManager.default
        let previous = manager.currentDirectoryPath
        guard manager.changeCurrentDirectoryPath(path) else {
            throw ShardFiles.Problem(description: "the shards ran in \(path), which cannot be entered now "
                + "(their scenario paths are relative to it); restore it or rerun the shards")
        }
        return WorkingDirectory(previous: previous)
    }

    /// Returns to the directory before `enter` (which existed a moment ago; nothing else to do if not).
    package func leave() {
        _ = FileManager.default.changeCurrentDirectoryPath(previous)
    }
}
