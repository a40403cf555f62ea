import HummingbirdCore
import Logging
import Metrics
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOPosix
import SakyumSpec
import ServiceLifecycle

/// Where a listener accepts connections: an address it binds itself, or a socket systemd bound.
enum ListenerSocket: Sendable, CustomStringConvertible {
    case address(ListenAddress)
    case inherited(descriptor: Int32)

    var description: String {
        switch self {
        case .address(let address): "\(address)"
        case .inherited(let descriptor): "inherited socket \(descriptor)"
        }
    }
}

/// One HTTP or HTTPS listening socket served by Hummingbird's channel handlers.
///
/// Hummingbird's own `Server` can only bind an address; this one also takes an already bound
/// descriptor (socket activation). On graceful shutdown it stops accepting, closes idle
/// connections and lets every request in flight finish before `run()` returns.
struct HTTPListener<ChildChannel: ServerChildChannel>: Service {
    let socket: ListenerSocket
    let childChannel: ChildChannel
    let scheme: String
    let logger: Logger
    /// Called once the socket accepts connections.
    let onListening: @Sendable () -> Void
    /// Shared by the site listeners (`max_connections`); nil: no limit (the metrics listener).
    var slots: ConnectionSlots? = nil
    /// Small static files answered under Hummingbird (the site listeners); nil: none (the metrics listener).
    var fastPath: StaticFastPathRouter? = nil

    func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
        let setup: @Sendable (any Channel) -> EventLoopFuture<ChildChannel.Value> = { [childChannel, logger, fastPath] channel in
            // First in the pipeline, next to the socket: see FlushBeforeCloseHandler and RequestTimeouts.
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandlers(FlushBeforeCloseHandler(), RequestBytesSignal())
            }.flatMap {
                childChannel.setup(channel: channel, logger: logger)
            }.flatMapThrowing { value in
                let pipeline = channel.pipeline.syncOperations
                let timeouts = try? pipeline.handler(type: RequestTimeouts.self)
                try pipeline.handler(type: RequestBytesSignal.self).timeouts = timeouts
                if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
                    try pipeline.addHandler(HTTP10ConnectionClose(), position: .before(codec))
                }
                if let fastPath, let encoder = try? pipeline.handler(type: HTTPResponseEncoder.self),
                   let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
                    try pipeline.addHandler(RawResponseWriter(), position: .before(encoder))
                    try pipeline.addHandler(StaticFastPath(router: fastPath, timeouts: timeouts), position: .after(decoder))
                }
                return value
            }
        }
        let server: NIOAsyncChannel<ChildChannel.Value, Never>
        switch socket {
        case .address(let address):
            server = try await bootstrap.bind(host: address.host, port: address.port, childChannelInitializer: setup)
        case .inherited(let descriptor):
            server = try await bootstrap.bind(descriptor, childChannelInitializer: setup)
        }
        let bound = server.channel.localAddress.flatMap { local in
            local.ipAddress.flatMap { ip in local.port.map { ListenAddress(host: ip, port: $0) } }
        }
        logger.notice("listening on \(scheme)://\(bound.map(String.init(describing:)) ?? socket.description)")
        onListening()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { connections in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            await slots?.acquire()
                            connections.addTask {
                                DaemonMetrics.openConnections.increment()
                                await childChannel.handle(value: connection, logger: logger)
                                DaemonMetrics.openConnections.decrement()
                                await slots?.release()
                            }
                        }
                    }
                } catch {
                    logger.error("\(scheme) listener on \(socket) failed: \(error)")
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
