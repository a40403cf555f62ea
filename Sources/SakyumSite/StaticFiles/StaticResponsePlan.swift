import Foundation

/// What to answer to a request for a static file: status, headers and which bytes to send,
/// after RFC 9110's conditional requests (§13.2.2) and single byte ranges (§14).
///
/// Responses carry `Cache-Control: no-cache`, like Flask's `send_file` default: browsers keep
/// the file but revalidate it each time, which costs a 304 and never shows a stale file.
public struct StaticResponsePlan: Sendable, Equatable {
    /// 200, 206, 304, 412 or 416.
    public let status: Int
    /// The headers to send, by canonical name.
    public let headers: [String: String]
    /// The bytes of the file to send as the body; nil when no body is sent (HEAD, 304, 412, 416).
    public let body: Range<Int>?

    /// Plans the answer to `method` for `file`, given the request headers by lower-cased name.
    ///
    /// Conditions are evaluated in RFC order: If-Match, else If-Unmodified-Since (412 when
    /// false); If-None-Match (weak comparison), else If-Modified-Since for GET and HEAD (304
    /// when unchanged; If-None-Match gives 412 for other methods); then, for GET only, a
    /// single Range, honoured only when If-Range (entity tag or exact date) still holds.
    /// Several ranges, other units and malformed ranges are served whole with 200.
    public init(file: StaticFile, method: String, headers request: [String: String]) {
        let method = method.uppercased()
        let readsFile = method == "GET" || method == "HEAD"
        let tag = EntityTag(Substring(file.etag))
        let lastModified = Date(timeIntervalSince1970: file.modified.timeIntervalSince1970.rounded(.down))
        let validators = [
            "ETag": file.etag,
            "Last-Modified": HTTPDate.string(from: lastModified),
            "Cache-Control": "no-cache",
        ]

        if let ifMatch = request["if-match"] {
            guard let tag, EntityTagCondition(ifMatch).contains(tag, strong: true) else {
                self.init(status: 412, headers: [:], body: nil)
                return
            }
        } else if let text = request["if-unmodified-since"], let date = HTTPDate.date(from: text), lastModified > date {
            self.init(status: 412, headers: [:], body: nil)
            return
        }

        if let ifNoneMatch = request["if-none-match"] {
            if let tag, EntityTagCondition(ifNoneMatch).contains(tag, strong: false) {
                self.init(status: readsFile ? 304 : 412, headers: readsFile ? validators : [:], body: nil)
                return
            }
        } else if readsFile, let text = request["if-modified-since"], let date = HTTPDate.date(from: text),
            lastModified <= date
        {
            self.init(status: 304, headers: validators, body: nil)
            return
        }

        var headers = validators
        headers["Content-Type"] = file.contentType
        headers["Accept-Ranges"] = "bytes"
        if method == "GET", let range = request["range"],
            request["if-range"].map({ Self.holds(ifRange: $0, tag: tag, lastModified: lastModified) }) ?? true
        {
            switch ByteRange(header: range, size: file.size) {
            case .satisfiable(let bytes):
                headers["Content-Length"] = String(bytes.count)
                headers["Content-Range"] = "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/\(file.size)"
                self.init(status: 206, headers: headers, body: bytes)
                return
            case .unsatisfiable:
                self.init(status: 416, headers: ["Content-Range": "bytes */\(file.size)"], body: nil)
                return
            case .ignored:
                break
            }
        }
        headers["Content-Length"] = String(file.size)
        self.init(status: 200, headers: headers, body: method == "HEAD" ? nil : 0..<file.size)
    }

    private init(status: Int, headers: [String: String], body: Range<Int>?) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// If-Range holds for a strongly equal entity tag, or a date equal to Last-Modified.
    private static func holds(ifRange: String, tag: EntityTag?, lastModified: Date) -> Bool {
        if let condition = EntityTag(ifRange.trimmingWhitespace()) {
            return tag.map(condition.matchesStrongly) ?? false
        }
        return HTTPDate.date(from: String(ifRange.trimmingWhitespace())) == lastModified
    }
}
