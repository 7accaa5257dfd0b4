import SarhadJobs
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SarhadServer
import Testing

/// A real dashboard server on 127.0.0.1 at a free port, with its own temporary data directory,
/// called over HTTP with URLSession as any client would.
final class TestServer: Sendable {
    struct Answer: Sendable {
        let status: Int
        let data: Data
        let headers: [String: String]
        let url: URL?

        var text: String { String(decoding: data, as: UTF8.self) }

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object: \(text)")
        }

        /// A JSON array of objects (lists).
        func jsonArray() throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]], "not a JSON array: \(text)")
        }

        /// The `error` object of an API error answer.
        func error() throws -> [String: Any] {
            try #require(try json()["error"] as? [String: Any], "no error object in \(text)")
        }
    }

    let dataDirectory: URL
    let port: Int
    let token: String?
    let task: Task<Void, any Error>

    static func start(token: String? = nil, maximumConcurrentRuns: Int = 1, dataDirectory: URL? = nil, country: String? = nil,
                      availableMemory: @escaping @Sendable () -> Int64? = { MemoryEstimate.availableBytes() }) async throws -> TestServer {
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("sarhad-server-test-\(UUID().uuidString)", isDirectory: true)
        let configuration = try ServerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: directory, token: token,
                                                    maximumConcurrentRuns: maximumConcurrentRuns, threadsPerRun: 2, country: country)
        let server = try DashboardServer(configuration: configuration, availableMemory: availableMemory)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return TestServer(dataDirectory: directory, port: port, token: token, task: task)
    }

    /// Runs `body` against a fresh server and stops it afterwards, whether `body` succeeded or not.
    static func with<T>(token: String? = nil, maximumConcurrentRuns: Int = 1, country: String? = nil,
                        availableMemory: @escaping @Sendable () -> Int64? = { MemoryEstimate.availableBytes() },
                        _ body: (TestServer) async throws -> T) async throws -> T {
        let server = try await start(token: token, maximumConcurrentRuns: maximumConcurrentRuns, country: country,
                                     availableMemory: availableMemory)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    init(dataDirectory: URL, port: Int, token: String?, task: Task<Void, any Error>) {
        self.dataDirectory = dataDirectory
        self.port = port
        self.token = token
        self.task = task
    }

    /// Stops the server; `keepData` leaves the directory for a restart in the same test.
    func stop(keepData: Bool = false) async {
        task.cancel()
        _ = await task.result
        if !keepData { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    func request(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
                 headers: [String: String] = [:], useToken: Bool = true) async throws -> Answer {
        var request = URLRequest(url: url(path))
        request.httpMethod = method
        request.timeoutInterval = 120
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        if useToken, let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields = [String: String]()
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, data: data, headers: fields, url: http.url)
    }

    func get(_ path: String) async throws -> Answer {
        try await request("GET", path)
    }

    func postJSON(_ path: String, _ object: [String: Any]) async throws -> Answer {
        try await request("POST", path, body: try JSONSerialization.data(withJSONObject: object))
    }

    /// Posts a form as a browser does (URL-encoded).
    func postForm(_ path: String, _ fields: [String: String]) async throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { name, value in
            name.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + value.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        return try await request("POST", path, body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    func createBuiltInScenario() async throws -> Int {
        let answer = try await postJSON("/api/v1/scenarios", ["from": "built-in"])
        #expect(answer.status == 201, "\(answer.text)")
        return try #require(try answer.json()["id"] as? Int)
    }

    func startRun(scenario: Int, seed: Int, end: String, scale: Double) async throws -> Int {
        let answer = try await postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": seed, "end_date": end, "population_scale": scale])
        #expect(answer.status == 202, "\(answer.text)")
        return try #require(try answer.json()["id"] as? Int)
    }

    /// Polls the run until it reaches a final state or `timeout` seconds pass; returns the last answer.
    func waitForEnd(of run: Int, timeout: TimeInterval = 180) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let run = try await get("/api/v1/runs/\(run)").json()
            let status = run["status"] as? String ?? ""
            if !["queued", "running"].contains(status) || Date() > deadline { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
