import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers the parser's refusals that have a status of their own, before Hummingbird answers every one
/// with 400: an HTTP version other than 1.0 or 1.1 gets 505, headers beyond `max_header_count` or
/// `max_header_bytes` get 431. Either way the connection closes, since nothing after it can be trusted.
final class ParserErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let accessLog: AccessLog?

    init(accessLog: AccessLog?) {
        self.accessLog = accessLog
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let status: HTTPResponse.Status
        switch error as? HTTPParserError {
        case .invalidVersion?: status = .httpVersionNotSupported
        case .headerOverflow?: status = .requestHeaderFieldsTooLarge
        default:
            context.fireErrorCaught(error)
            return
        }
        context.answerAndClose(status, accessLog: accessLog)
    }
}

extension ChannelHandlerContext {
    /// Answers `status` in plain text with `Connection: close`, then closes: for refusals made below
    /// Hummingbird's responder, where nothing after them on the connection can be trusted. The access log
    /// gets a line with no request (`"- -"`), as nginx writes its 400s and 408s.
    func answerAndClose(_ status: HTTPResponse.Status, accessLog: AccessLog?) {
        let body = ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")
        let head = HTTPResponse(status: status, headerFields: [
            .connection: "close", .contentType: "text/plain; charset=utf-8", .contentLength: String(body.readableBytes), .server: "sakyumd",
        ])
        write(NIOAny(HTTPResponsePart.head(head)), promise: nil)
        write(NIOAny(HTTPResponsePart.body(body)), promise: nil)
        let channel = channel
        writeAndFlush(NIOAny(HTTPResponsePart.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        accessLog?.record(AccessLog.Entry(
            time: Date(), remote: channel.remoteAddress?.ipAddress ?? "-", userID: nil, method: "-", target: "-",
            status: status.code, bytes: body.readableBytes, referer: nil, userAgent: nil, project: nil, host: "-",
            requestID: RequestID.of(HTTPFields(), viaTrustedProxy: false), duration: .zero))
    }
}
