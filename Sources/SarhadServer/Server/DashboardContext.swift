import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the client's address, which
/// the token-guessing limit counts failures by.
public struct DashboardContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or one shared key when the connection has none (a Unix socket).
    var clientKey: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}
