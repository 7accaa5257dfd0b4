import Foundation

/// The built `sarhad` executable, beside the test bundle in the build's products folder: the CLI tests
/// run it as a user would, and the server tests run it to compare the dashboard's files with the CLI's.
public enum SarhadExecutable {
    public static var url: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sarhad"),
            Bundle.main.bundleURL.appendingPathComponent("sarhad"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sarhad"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs it with `arguments` in `directory` and waits; returns the exit status and standard error.
    public static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
