import Foundation

/// Headless Chromium for the tests that look at pages as a reader's browser shows them (the report,
/// the dashboard). Chromium is a test dependency: .ci/run installs the Debian package.
public enum HeadlessChromium {
    public static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"]

    /// The first installed Chromium, or nil.
    public static var executable: String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct NotInstalled: Error, CustomStringConvertible {
        public var description: String {
            "Chromium is not installed (apt-get install chromium; .ci/run installs it): none of \(candidates.joined(separator: ", "))"
        }
    }

    /// Runs Chromium headless with a private profile under `directory`; stops it if it takes longer than
    /// `timeout` seconds. Its output goes to a file, so waiting on the process cannot block on a full pipe.
    public static func run(_ arguments: [String], in directory: URL,
                           timeout: TimeInterval = 120) throws -> (status: Int32, output: String) {
        guard let executable else { throw NotInstalled() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(directory.appendingPathComponent("profile").path)"] + arguments
        let outputURL = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let data = (try? Data(contentsOf: outputURL)) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `run` on a dispatch thread, for async tests: waiting on Chromium in a Swift concurrency thread
    /// would hold one of the few (one per core) that every test's server answers on, and two such waits
    /// at once starve the other tests' servers.
    public static func runOffPool(_ arguments: [String], in directory: URL,
                                  timeout: TimeInterval = 120) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, in: directory, timeout: timeout) })
            }
        }
    }

    /// Width and height from a PNG's IHDR chunk, or nil if the file is not a PNG.
    public static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        let integer = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }
}
