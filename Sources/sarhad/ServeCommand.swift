import ArgumentParser
import Foundation
import SarhadServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard: scenarios, a run queue with live progress, results and comparisons.",
        discussion: """
            Open http://HOST:PORT in a browser. Scenarios and runs are kept in DATA/sarhad.sqlite and each run's \
            outputs (timeseries.csv, summary.json, scenario.toml, report.html) in DATA/runs/<id>/. The JSON API is \
            under /api/v1, described at /api/v1/openapi.json. Listening on anything but loopback needs a token \
            (--token or SARHAD_TOKEN), sent as Authorization: Bearer TOKEN.
            Example: sarhad serve --port 8080 --data ~/sarhad-data --max-runs 2
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Directory for the database and run outputs (default: ~/.sarhad).") var data: String?
    @Option(help: "Token every request must carry (default: $SARHAD_TOKEN). Required off loopback.") var token: String?
    @Option(name: .customLong("max-runs"), help: "Runs executing at the same time; the others wait in the queue.")
    var maxRuns = 1
    @Option(help: ArgumentHelp("Worker threads per run, at most \(WorkLimits.maximumThreads) (default: all cores, "
        + "\(ProcessInfo.processInfo.activeProcessorCount) on this machine). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535 (got \(port))") }
        guard maxRuns >= 1 else { throw ValidationError("--max-runs must be at least 1 (got \(maxRuns))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
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
                                                    maximumConcurrentRuns: maxRuns, threadsPerRun: threads)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.refused)
        }
        let server = try DashboardServer(configuration: configuration)
        let host = self.host
        try await server.run(handleSignals: true) { port in
            let address = host.contains(":") ? "[\(host)]" : host
            // Written straight away (not buffered by print) so a script reading the output sees the address.
            FileHandle.standardOutput.write(Data("Sarhad dashboard on http://\(address):\(port) (data in \(dataDirectory.path)); Ctrl-C stops it.\n".utf8))
        }
    }
}
