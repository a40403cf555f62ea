import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import SakyumSite
import SakyumSpec

/// Turns the `Dispatcher` into what Hummingbird's channel handlers call per request, as
/// Hummingbird's `Application` does: an HTTP error becomes its response, any other thrown
/// error a 500; every response gets `Date`, `Server` and `X-Request-ID`, and a line in the access log.
struct ChannelResponder: Sendable {
    let dispatcher: Dispatcher
    let logger: Logger
    /// Serves the TLS listener: cookies get `Secure`, URLs `https://`.
    let isSecure: Bool
    /// Whose X-Forwarded-* headers to believe.
    let trustedProxies: [IPRange]
    let accessLog: AccessLog?
    let date = HTTPDateHeader()

    var responder: HTTPChannelHandler.Responder {
        { [dispatcher, logger, date, isSecure, trustedProxies, accessLog] request, writer, channel in
            let start = ContinuousClock.now
            let peer = channel.remoteAddress?.ipAddress ?? "-"
            let client = ForwardedClient(peer: peer, isSecure: isSecure, headers: request.headers, trusted: trustedProxies)
            var request = request
            if let host = client.host {
                var head = request.head
                head.authority = host
                request = Request(head: head, body: request.body)
            }
            let requestID = RequestID.of(request.headers, viaTrustedProxy: client.viaTrustedProxy)
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            let note = RequestNote()
            var response: Response
            do {
                response = try await RequestNote.$current.withValue(note) {
                    try await dispatcher.respond(to: request, context: context, isSecure: client.isSecure, clientAddress: client.address)
                }
            } catch let error as HTTPParserError {
                throw error
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                logger.error("request \(request.method) \(request.uri.path) failed: \(error)")
                response = DaemonPage.response(status: .internalServerError, message: "The server failed to answer this request.")
            }
            response.headers[.date] = date.current
            response.headers[.server] = "sakyumd"
            response.headers[RequestID.header] = requestID
            try await writer.write(response: response.head, body: response.body)
            if response.headers[.connection] == "close" {
                // Hummingbird would read the rest of the request's body first; a 413 must not.
                channel.close(promise: nil)
            }
            let duration = start.duration(to: .now)
            let bytes = response.headers[.contentLength].flatMap(Int.init) ?? response.body.contentLength
            DaemonMetrics.request(project: note.project, method: request.method.rawValue, status: response.status.code, bytes: bytes,
                                  duration: duration)
            guard let accessLog, note.isLogged else { return }
            let unsafe = request.method == .post || request.method == .put || request.method == .patch || request.method == .delete
            accessLog.record(AccessLog.Entry(
                time: Date(), remote: client.address, userID: note.userID, method: request.method.rawValue,
                target: unsafe ? request.uri.path : request.uri.string, status: response.status.code,
                bytes: bytes, referer: request.headers[.referer], userAgent: request.headers[.userAgent], project: note.project,
                host: request.head.authority ?? "-", requestID: requestID, duration: duration))
        }
    }
}
