import ArgumentParser
import Foundation
import SarhadJobs
import SarhadScenario
import SarhadServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard: scenarios, a run queue with live progress, results and comparisons.",
        discussion: """
            Open http://HOST:PORT in a browser. Scenarios and runs are kept in DATA/sarhad.sqlite and each run's \
            outputs (timeseries.csv, summary.json, scenario.toml, report.html) in DATA/runs/<id>/. The JSON API is \
            under /api/v1, described at /api/v1/openapi.json. Listening on anything but loopback needs a token \
            (--token or SARHAD_TOKEN), sent as Authorization: Bearer TOKEN; loopback is decided by the addresses \
            --host resolves to. Requests must name the server by the address it listens on (or localhost on \
            loopback, or an --allowed-host name); others are refused with 421. Only one server may use a data \
            folder at a time.

            Example: sarhad serve --host 0.0.0.0 --token "$(openssl rand -hex 16)" --allowed-host sarhad.example.org
            Example: sarhad serve --country nepal-2020
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Directory for the database and run outputs (default: ~/.sarhad).") var data: String?
    @Option(help: "Token every request must carry (default: $SARHAD_TOKEN). Required off loopback.") var token: String?
    @Option(name: .customLong("allowed-host"),
            help: "A name clients may reach the server by besides --host, e.g. its DNS name when listening on 0.0.0.0 (repeatable).")
    var allowedHosts: [String] = []
    @Option(name: .customLong("max-runs"),
            help: "Runs executing at the same time, at most \(ServerConfiguration.maximumConcurrentRunsLimit); the others wait in the queue.")
    var maxRuns = 1
    @Option(help: ArgumentHelp("Country pack the dashboard serves: its built-in scenario, and the pack of scenarios that name "
        + "none. A bundled pack's name (`sarhad country list`) or a pack folder's path. Scenarios may still name another bundled pack.",
        valueName: "pack"))
    var country: String?
    @Option(help: ArgumentHelp("Worker threads per run, at most \(WorkLimits.maximumThreads) (default: all cores, "
        + "\(ProcessInfo.processInfo.activeProcessorCount) on this machine). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535 (got \(port))") }
        guard (1...ServerConfiguration.maximumConcurrentRunsLimit).contains(maxRuns) else {
            throw ValidationError("--max-runs must be from 1 to \(ServerConfiguration.maximumConcurrentRunsLimit) (got \(maxRuns))")
        }
        if let threads, !(1...ServerConfiguration.maximumThreadsPerRun).contains(threads) {
            throw ValidationError("--threads must be from 1 to \(ServerConfiguration.maximumThreadsPerRun) (got \(threads))")
        }
    }

    func run() async throws {
        let threads = workerThreads(self.threads)
        try WorkLimits.checkThreads(threads)
        let dataDirectory = data.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath, isDirectory: true) }
            ?? ServerConfiguration.defaultDataDirectory
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration(host: host, port: port, dataDirectory: dataDirectory,
                                                    token: token ?? ProcessInfo.processInfo.environment["SARHAD_TOKEN"],
                                                    allowedHosts: allowedHosts, maximumConcurrentRuns: maxRuns, threadsPerRun: threads,
                                                    country: country)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
        let server: DashboardServer
        do {
            server = try DashboardServer(configuration: configuration)
        } catch let error as DataDirectoryLock.Failure {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data("error: --country: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
        let host = self.host
        try await server.run(handleSignals: true) { port in
            let address = host.contains(":") ? "[\(host)]" : host
            // Written straight away (not buffered by print) so a script reading the output sees the address.
            FileHandle.standardOutput.write(Data("Sarhad dashboard on http://\(address):\(port) (data in \(dataDirectory.path)); Ctrl-C stops it.\n".utf8))
        }
    }
}
