import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `text/event-stream` answers: one `progress` event per change, JSON data; the stream ends after
/// the run's final state (clients should then close, or EventSource reconnects).
enum ServerSentEvents {
    static func progress(_ updates: AsyncStream<RunProgress>) -> Response {
        let body = ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for await update in updates {
                let data = try encoder.encode(update)
                try await writer.write(ByteBuffer(string: "event: progress\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok,
                        headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: body)
    }
}
