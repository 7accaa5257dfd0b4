import Foundation

/// How `sarhad serve` was asked to run.
public struct ServerConfiguration: Sendable {
    /// The most worker threads a run may use; more only adds switching (results do not depend on it).
    public static let maximumThreadsPerRun = 256
    /// The most runs executing at once; each also has to fit in the available memory to start.
    public static let maximumConcurrentRunsLimit = 64

    public var host: String
    /// 0 asks the system for a free port (tests).
    public var port: Int
    /// Holds `sarhad.sqlite`, `sarhad.lock` and `runs/<id>/`.
    public var dataDirectory: URL
    public var access: AccessPolicy
    public var maximumConcurrentRuns: Int
    /// Threads each run uses; results do not depend on it.
    public var threadsPerRun: Int
    /// The country pack served (the built-in scenario, and the pack of texts that name none); nil: the default pack.
    public var country: String?

    /// `allowedHosts`: names besides `host` that requests may give as their Host (e.g. the
    /// machine's DNS name when listening on 0.0.0.0). Thread and run counts are clamped to their limits.
    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL, token: String? = nil, allowedHosts: [String] = [],
                maximumConcurrentRuns: Int = 1,
                threadsPerRun: Int = ProcessInfo.processInfo.activeProcessorCount, country: String? = nil) throws(AccessPolicy.Failure) {
        self.country = country
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        access = try AccessPolicy(host: host, token: token, allowedHosts: allowedHosts)
        self.maximumConcurrentRuns = min(ServerConfiguration.maximumConcurrentRunsLimit, max(1, maximumConcurrentRuns))
        self.threadsPerRun = min(ServerConfiguration.maximumThreadsPerRun, max(1, threadsPerRun))
    }

    /// `~/.sarhad`.
    public static var defaultDataDirectory: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".sarhad", isDirectory: true)
    }

    /// The address the socket is bound to: the first address `host` resolved to when the access
    /// policy was decided (the host itself when it is an address, or when it resolved to nothing).
    public var bindAddress: String {
        if HostAddress.literal(host) != nil { return HostAddress.unbracketed(host) }
        return access.addresses.first.flatMap(HostAddress.text) ?? host
    }

    public var databasePath: String { dataDirectory.appendingPathComponent("sarhad.sqlite").path }
    public var runsDirectory: URL { dataDirectory.appendingPathComponent("runs", isDirectory: true) }
}
