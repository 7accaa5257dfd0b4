import Foundation

/// How `sarhad serve` was asked to run.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the system for a free port (tests).
    public var port: Int
    /// Holds `sarhad.sqlite` and `runs/<id>/`.
    public var dataDirectory: URL
    public var access: AccessPolicy
    public var maximumConcurrentRuns: Int
    /// Threads each run uses; results do not depend on it.
    public var threadsPerRun: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL, token: String? = nil,
                maximumConcurrentRuns: Int = 1,
                threadsPerRun: Int = ProcessInfo.processInfo.activeProcessorCount) throws(AccessPolicy.Failure) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        access = try AccessPolicy(host: host, token: token)
        self.maximumConcurrentRuns = max(1, maximumConcurrentRuns)
        self.threadsPerRun = max(1, threadsPerRun)
    }

    /// `~/.sarhad`.
    public static var defaultDataDirectory: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".sarhad", isDirectory: true)
    }

    public var databasePath: String { dataDirectory.appendingPathComponent("sarhad.sqlite").path }
    public var runsDirectory: URL { dataDirectory.appendingPathComponent("runs", isDirectory: true) }
}
