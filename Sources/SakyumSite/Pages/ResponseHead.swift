import HTTPTypes

/// A response's status line and header fields as HTTP/1.1 bytes, for answers the daemon's fast path writes
/// itself: made from the same `HTTPFields` the usual path sends, so both give the same head.
enum ResponseHead {
    static func bytes(_ status: HTTPResponse.Status, _ fields: HTTPFields) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for field in fields { text += "\(field.name.rawName): \(field.value)\r\n" }
        return Array(text.utf8)
    }
}
