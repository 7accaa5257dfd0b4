import Foundation

/// Writes a run's files into a temporary sibling directory and renames it into place at the end,
/// so an interrupted run never leaves a half-written output directory.
struct OutputDirectory {
    let final: URL
    let staging: URL

    init(path: String) throws {
        final = URL(fileURLWithPath: path).standardizedFileURL
        staging = final.deletingLastPathComponent()
            .appendingPathComponent(".\(final.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// `name` may include folders ("2-screening/summary.json").
    func write(_ name: String, _ data: Data) throws {
        let file = staging.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    /// Replaces any previous output at the destination.
    func commit() throws {
        if FileManager.default.fileExists(atPath: final.path) {
            try FileManager.default.removeItem(at: final)
        }
        try FileManager.default.moveItem(at: staging, to: final)
    }

    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}

extension OutputDirectory {
    /// Moves each staged file into the destination (created if needed), replacing files of the same
    /// name one by one with an atomic rename, and keeps whatever else is there (e.g. `shards/`).
    func commitAlongside() throws {
        try FileManager.default.createDirectory(at: final, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: staging.path) {
            let from = staging.appendingPathComponent(name).path, to = final.appendingPathComponent(name).path
            guard rename(from, to) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
            }
        }
        try FileManager.default.removeItem(at: staging)
    }
}
