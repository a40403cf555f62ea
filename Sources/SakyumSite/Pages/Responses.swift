import HTTPTypes
import Hummingbird
import NIOCore

/// The responses handlers make, each built in one place.
extension Response {
    /// An HTML page; a HEAD request gets the headers alone.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, head: Bool = false) -> Response {
        body(html, contentType: "text/html; charset=utf-8", status: status, head: head)
    }

    static func json(_ json: String, head: Bool = false) -> Response {
        body(json, contentType: "application/json", status: .ok, head: head)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(text.utf8.count)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 302 to `location` (already prefixed with the mount).
    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .found, headers: headers)
    }
}

/// A redirect thrown from deep inside a handler (login required), answered as a 302.
struct RedirectResponse: Error {
    let location: String
}
