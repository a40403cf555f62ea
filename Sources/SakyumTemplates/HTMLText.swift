import Foundation

/// HTML text helpers for `striptags` and `urlize`, following MarkupSafe and Jinja2.
enum HTMLText {
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "laquo": "«", "raquo": "»", "euro": "€", "trade": "™",
    ]

    /// MarkupSafe's `striptags`: drop comments and tags, collapse whitespace, unescape entities.
    static func stripTags(_ html: String) -> String {
        var bytes = html.withUTF8Bytes { Array($0) }
        if bytes.contains(UInt8(ascii: "<")) {
            removeSpans(from: &bytes, open: commentOpen, close: commentClose)
            removeSpans(from: &bytes, open: tagOpen, close: tagClose)
        }
        return unescape(collapseWhitespace(bytes))
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let tagOpen = [UInt8(ascii: "<")]
    private static let tagClose = [UInt8(ascii: ">")]

    /// Python's `" ".join(text.split())` of UTF-8 `bytes`; ASCII is collapsed byte by byte.
    private static func collapseWhitespace(_ bytes: [UInt8]) -> String {
        guard bytes.isASCII else {
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: PythonString.isSpace).joined(separator: " ")
        }
        // Written straight into the string's storage (never longer than the input): appending to an array checked
        // its uniqueness for every byte.
        return String(unsafeUninitializedCapacity: bytes.count) { result in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        result[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    result[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// MarkupSafe 3's loop, `value = value[:start] + value[end + len(close):]` for the first `open` and the first
    /// `close` at or after it, until either is missing, in one pass: the kept bytes are compacted in place, and
    /// before each search the last `open.count - 1` kept bytes go back to the unread part, because joining the
    /// two sides of a removed span can make a new `open` (`x<<!-- c -->!-- y -->z` loses both comments). Removing
    /// spans one by one, as before, moved the whole rest each time: quadratic in the number of tags.
    private static func removeSpans(from buffer: inout [UInt8], open: [UInt8], close: [UInt8]) {
        var written = 0  // buffer[..<written] is kept and holds no `open`
        var read = 0  // buffer[read...] is not yet looked at
        func copy(from source: Int, to target: Int, count: Int) {
            guard count > 0, source != target else { return }
            buffer.withUnsafeMutableBufferPointer { bytes in
                let base = bytes.baseAddress!
                (base + target).update(from: base + source, count: count)  // target < source: a forward copy is safe
            }
        }
        while true {
            let carried = Swift.min(open.count - 1, written)
            // Move the kept tail next to the unread part, highest byte first (the two ranges may overlap).
            if read > written {
                for offset in stride(from: carried - 1, through: 0, by: -1) {
                    buffer[read - carried + offset] = buffer[written - carried + offset]
                }
            }
            written -= carried
            read -= carried
            guard let start = UTF8Search.firstOccurrence(of: open, in: buffer, from: read),
                let end = UTF8Search.firstOccurrence(of: close, in: buffer, from: start)
            else { break }
            copy(from: read, to: written, count: start - read)
            written += start - read
            read = end + close.count
        }
        copy(from: read, to: written, count: buffer.count - read)
        written += buffer.count - read
        buffer.removeLast(buffer.count - written)
    }

    static func unescape(_ text: String) -> String {
        guard text.withUTF8Bytes({ $0.contains(UInt8(ascii: "&")) }) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let semicolon = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semicolon) <= 10 {
                let name = rest[rest.index(after: rest.startIndex)..<semicolon]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = entities[String(name)]
                }
                if let replacement {
                    result += replacement
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            result.append("&")
            rest = rest.dropFirst()
        }
        return result + rest
    }

    /// Turns http(s) URLs, `www.` addresses and e-mail addresses in plain text into links (text is escaped).
    static func urlize(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            var core = Substring(word)
            var trailing = ""
            while let last = core.last, ".,:;!?)]'\"".contains(last) {
                trailing = String(last) + trailing
                core.removeLast()
            }
            let candidate = String(core)
            let escaped = Markup.escaped(candidate)
            if candidate.hasPrefix("http://") || candidate.hasPrefix("https://") {
                result += "<a href=\"\(escaped)\" rel=\"noopener\">\(escaped)</a>" + Markup.escaped(trailing)
            } else if candidate.hasPrefix("www.") {
                result += "<a href=\"https://\(escaped)\" rel=\"noopener\">\(escaped)</a>" + Markup.escaped(trailing)
            } else if candidate.contains("@"), !candidate.hasPrefix("@"), !candidate.contains(":"),
                candidate.split(separator: "@").last?.contains(".") == true
            {
                result += "<a href=\"mailto:\(escaped)\">\(escaped)</a>" + Markup.escaped(trailing)
            } else {
                result += Markup.escaped(word)
            }
            word = ""
        }
        for character in text {
            if PythonString.isSpace(character) {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }
}
