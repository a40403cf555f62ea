import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Turns the `Dispatcher` into what Hummingbird's channel handlers call per request, as
/// Hummingbird's `Application` does: an HTTP error becomes its response, any other thrown
/// error a 500; every response gets `Date` and `Server`.
struct ChannelResponder: Sendable {
    let dispatcher: Dispatcher
    let logger: Logger
    /// Serves the TLS listener: cookies get `Secure`, URLs `https://`.
    let isSecure: Bool
    let date = HTTPDateHeader()

    var responder: HTTPChannelHandler.Responder {
        { [dispatcher, logger, date, isSecure] request, writer, channel in
            let clientAddress = channel.remoteAddress?.ipAddress ?? "-"
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await dispatcher.respond(to: request, context: context, isSecure: isSecure, clientAddress: clientAddress)
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
            try await writer.write(response: response.head, body: response.body)
        }
    }
}
