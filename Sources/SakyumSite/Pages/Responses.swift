import HTTPTypes
import Hummingbird
import NIOCore

/// The responses handlers make, each built in one place.
extension Response {
    /// An HTML page; a HEAD request gets the headers alone.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, head: Bool = false) -> Response {
        body(html, contentType: "text/html; charset=utf-8", status: status, head: head)
    }

    /// An HTML page rendered as UTF-8 bytes (`TemplateEnvironment.renderUTF8`).
    static func html(utf8 html: [UInt8], status: HTTPResponse.Status = .ok, head: Bool = false) -> Response {
        body(ByteBuffer(bytes: html), contentType: "text/html; charset=utf-8", status: status, head: head)
    }

    static func json(_ json: String, head: Bool = false) -> Response {
        body(json, contentType: "application/json", status: .ok, head: head)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status, head: Bool) -> Response {
        body(ByteBuffer(string: text), contentType: contentType, status: status, head: head)
    }

    static func body(_ bytes: ByteBuffer, contentType: String, status: HTTPResponse.Status, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.readableBytes)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: bytes))
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
