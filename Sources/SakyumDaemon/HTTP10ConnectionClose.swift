import NIOCore
import NIOHTTP1

/// HTTP/1.0 closes the connection after each response unless the client asked for keep-alive. Hummingbird's
/// request has no version, so a 1.0 client reading until the close would wait for idle_timeout; this handler,
/// placed before the conversion to HTTPTypes, marks such a request `Connection: close`, which Hummingbird
/// honours after the response.
final class HTTP10ConnectionClose: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version.major == 1, head.version.minor == 0, !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
