import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A page in headless Chromium driven over the DevTools protocol, on real time. `--dump-dom` with
/// `--virtual-time-budget` waits for the page's requests, but on virtual time, so timings taken in the page
/// mean nothing; here the page runs as in a reader's browser and the test asks it questions while it runs.
///
/// The protocol goes over `--remote-debugging-pipe` (Chromium reads requests on descriptor 3 and writes
/// answers on 4, each a JSON object ended by a NUL byte). Foundation's `Process` passes only the three
/// standard descriptors, so a shell opens two named pipes on 3 and 4 and then becomes Chromium.
public final class ChromiumPage {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let process: Process
    let requests: FileHandle
    /// The answer pipe's descriptor, read without blocking: every wait has a deadline (`poll`).
    let answers: Int32
    /// How long one protocol call may take before the page is given up on.
    let callTimeout: TimeInterval
    private var sessionId = ""
    var nextId = 10
    var pending = Data()

    /// Opens `url` in a new headless Chromium with a private profile under `directory`.
    public init(url: URL, in directory: URL, timeout: TimeInterval = 60) throws {
        guard let executable = HeadlessChromium.executable else { throw HeadlessChromium.NotInstalled() }
        // A write to a pipe Chromium has closed must fail, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        callTimeout = timeout
        let requestPipe = directory.appendingPathComponent("devtools-in-\(UUID().uuidString)").path
        let answerPipe = directory.appendingPathComponent("devtools-out-\(UUID().uuidString)").path
        guard mkfifo(requestPipe, 0o600) == 0, mkfifo(answerPipe, 0o600) == 0 else { throw Failure(description: "mkfifo failed") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
            + "--user-data-dir=\"$1\" --remote-debugging-pipe \"$2\" 3<\"$3\" 4>\"$4\"",
            executable, directory.appendingPathComponent("profile-\(UUID().uuidString)").path, url.absoluteString, requestPipe, answerPipe]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The shell opens the request pipe for reading first, then the answer pipe for writing; opening
        // our ends in the same order, without blocking, waits only as long as Chromium is alive.
        let deadline = Date().addingTimeInterval(timeout)
        var writeEnd: Int32 = -1
        while writeEnd < 0 {
            writeEnd = open(requestPipe, O_WRONLY | O_NONBLOCK)
            if writeEnd < 0 {
                guard process.isRunning, Date() < deadline else {
                    if process.isRunning { process.terminate() }
                    throw Failure(description: "Chromium did not start")
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        // Non-blocking, so that opening does not wait for Chromium to open its end.
        let readEnd = open(answerPipe, O_RDONLY | O_NONBLOCK)
        guard readEnd >= 0 else {
            process.terminate()
            throw Failure(description: "the answer pipe could not be opened")
        }
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) & ~O_NONBLOCK)
        requests = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: true)
        answers = readEnd
        do {
            try attach()
        } catch {
            close()
            throw error
        }
    }

    /// Finds the page Chromium opened and attaches a session to it.
    private func attach() throws {
        let targets = try call("Target.getTargets", session: nil)
        let infos = (targets["targetInfos"] as? [[String: Any]]) ?? []
        guard let page = infos.first(where: { $0["type"] as? String == "page" })?["targetId"] as? String else {
            throw Failure(description: "no page target: \(targets)")
        }
        let attached = try call("Target.attachToTarget", ["targetId": page, "flatten": true], session: nil)
        guard let id = attached["sessionId"] as? String else { throw Failure(description: "not attached: \(attached)") }
        sessionId = id
    }

    deinit {
        close()
        Glibc.close(answers)
    }

    /// Ends Chromium (and waits for it).
    public func close() {
        guard process.isRunning else { return }
        _ = try? send("Browser.close", [:], session: nil)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The value of a JavaScript expression in the page (JSON-like: strings, numbers, arrays, objects, nil).
    public func evaluate(_ expression: String) throws -> Any? {
        let answer = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true], session: sessionId)
        if let exception = answer["exceptionDetails"] { throw Failure(description: "\(expression): \(exception)") }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Asks `expression` every 50 ms until it is neither null nor undefined (nor throws, as it does while the
    /// page is still loading); that value, or a failure after `timeout` seconds.
    public func waitFor(_ expression: String, timeout: TimeInterval) throws -> Any {
        let deadline = Date().addingTimeInterval(timeout)
        let guarded = "(function () { try { return (\(expression)); } catch (e) { return null; } })()"
        while Date() < deadline {
            if let value = try evaluate(guarded), !(value is NSNull) { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "\(expression) was still null after \(timeout) s")
    }

    @discardableResult
    func send(_ method: String, _ parameters: [String: Any], session: String?) throws -> Int {
        nextId += 1
        var message: [String: Any] = ["id": nextId, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try requests.write(contentsOf: data)
        return nextId
    }

    func call(_ method: String, _ parameters: [String: Any] = [:], session: String?) throws -> [String: Any] {
        let id = try send(method, parameters, session: session)
        while true {
            while let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                guard let object = try JSONSerialization.jsonObject(with: message) as? [String: Any], object["id"] as? Int == id else { continue }
                if let error = object["error"] { throw Failure(description: "\(method): \(error)") }
                return object["result"] as? [String: Any] ?? [:]
            }
            pending.append(try readAnswer(during: method))
        }
    }

    /// What Chromium has written, waiting at most `callTimeout`.
    private func readAnswer(during method: String) throws -> Data {
        let deadline = Date().addingTimeInterval(callTimeout)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            guard poll(&descriptor, 1, min(remaining, 200)) >= 0 else { throw Failure(description: "poll failed during \(method)") }
            let count = read(answers, &buffer, buffer.count)
            if count > 0 { return Data(buffer[0..<count]) }
            // Nothing yet (EAGAIN), or no writer: give up once Chromium is gone or the deadline passed.
            guard process.isRunning else { throw Failure(description: "Chromium ended during \(method)") }
            guard Date() < deadline else { throw Failure(description: "Chromium did not answer \(method) in \(callTimeout) s") }
            if count == 0 { Thread.sleep(forTimeInterval: 0.01) }
        }
    }

    /// `body` with a page open at `url`, on a dispatch thread (the calls block; async tests must not hold a
    /// Swift concurrency thread while they wait: `HeadlessChromium.runOffPool`).
    public static func with<T: Sendable>(_ url: URL, in directory: URL,
                                         _ body: @escaping @Sendable (ChromiumPage) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let page = try ChromiumPage(url: url, in: directory)
                    defer { page.close() }
                    return try body(page)
                })
            }
        }
    }
}
