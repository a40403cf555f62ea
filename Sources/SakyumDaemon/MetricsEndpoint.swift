import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import Prometheus

/// The metrics listener's one page: `GET /metrics` in Prometheus' text format. Served on its own address
/// (`metrics_listen`, loopback in the shipped configuration), never through the sites.
struct MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry

    var responder: HTTPChannelHandler.Responder {
        { [registry] request, writer, _ in
            var headers = HTTPFields()
            let response: Response
            if request.uri.path == "/metrics", request.method == .get || request.method == .head {
                let text = registry.emitToBuffer()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                headers[.contentLength] = String(text.count)
                response = Response(status: .ok, headers: headers,
                                    body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
            } else {
                headers[.contentLength] = "0"
                response = Response(status: .notFound, headers: headers)
            }
            try await writer.write(response: response.head, body: response.body)
        }
    }
}
