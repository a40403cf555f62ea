import Foundation
import HTTPTypes

/// What to answer to a request for a static file: status, headers and which bytes to send,
/// after RFC 9110's conditional requests (§13.2.2) and single byte ranges (§14).
///
/// Responses carry `Cache-Control: no-cache`, like Flask's `send_file` default: browsers keep
/// the file but revalidate it each time, which costs a 304 and never shows a stale file.
public struct StaticResponsePlan: Sendable, Equatable {
    /// 200, 206, 304, 412 or 416.
    public let status: HTTPResponse.Status
    /// The headers to send.
    public let headers: HTTPFields
    /// The bytes of the file to send as the body; nil when no body is sent (HEAD, 304, 412, 416).
    public let body: Range<Int>?

    /// Plans the answer to `method` for `file`, given the request's headers.
    ///
    /// Conditions are evaluated in RFC order: If-Match, else If-Unmodified-Since (412 when
    /// false); If-None-Match (weak comparison), else If-Modified-Since for GET and HEAD (304
    /// when unchanged; If-None-Match gives 412 for other methods); then, for GET only, a
    /// single Range, honoured only when If-Range (entity tag or exact date) still holds.
    /// Several ranges, other units and malformed ranges are served whole with 200.
    public init(file: StaticFile, method: HTTPRequest.Method, headers request: HTTPFields) {
        let readsFile = method == .get || method == .head
        let tag = EntityTag(Substring(file.etag))
        let lastModified = Date(timeIntervalSince1970: file.modified.timeIntervalSince1970.rounded(.down))
        let validators: HTTPFields = [
            .eTag: file.etag,
            .lastModified: HTTPDate.string(from: lastModified),
            .cacheControl: "no-cache",
        ]

        if let ifMatch = request[.ifMatch] {
            guard let tag, EntityTagCondition(ifMatch).contains(tag, strong: true) else {
                self.init(status: .preconditionFailed, headers: [:], body: nil)
                return
            }
        } else if let text = request[.ifUnmodifiedSince], let date = HTTPDate.date(from: text), lastModified > date {
            self.init(status: .preconditionFailed, headers: [:], body: nil)
            return
        }

        if let ifNoneMatch = request[.ifNoneMatch] {
            if let tag, EntityTagCondition(ifNoneMatch).contains(tag, strong: false) {
                self.init(status: readsFile ? .notModified : .preconditionFailed, headers: readsFile ? validators : [:], body: nil)
                return
            }
        } else if readsFile, let text = request[.ifModifiedSince], let date = HTTPDate.date(from: text),
            lastModified <= date
        {
            self.init(status: .notModified, headers: validators, body: nil)
            return
        }

        var headers = validators
        headers[.contentType] = file.contentType
        headers[.acceptRanges] = "bytes"
        if method == .get, let range = request[.range],
            request[.ifRange].map({ Self.holds(ifRange: $0, tag: tag, lastModified: lastModified) }) ?? true
        {
            switch ByteRange(header: range, size: file.size) {
            case .satisfiable(let bytes):
                headers[.contentLength] = String(bytes.count)
                headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/\(file.size)"
                self.init(status: .partialContent, headers: headers, body: bytes)
                return
            case .unsatisfiable:
                self.init(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(file.size)"], body: nil)
                return
            case .ignored:
                break
            }
        }
        headers[.contentLength] = String(file.size)
        self.init(status: .ok, headers: headers, body: method == .head ? nil : 0..<file.size)
    }

    private init(status: HTTPResponse.Status, headers: HTTPFields, body: Range<Int>?) {
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
