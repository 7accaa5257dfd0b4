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

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: staging.appendingPathComponent(name))
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
