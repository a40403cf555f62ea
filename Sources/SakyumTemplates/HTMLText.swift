import Foundation

/// HTML text helpers for `striptags` and `urlize`, following MarkupSafe and Jinja2.
enum HTMLText {
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "laquo": "«", "raquo": "»", "euro": "€", "trade": "™",
    ]

    /// MarkupSafe's `striptags`: drop comments and tags, collapse whitespace, unescape entities.
    static func stripTags(_ html: String) -> String {
        var bytes = Array(html.utf8)
        bytes = removeSpans(bytes, open: Array("<!--".utf8), close: Array("-->".utf8))
        bytes = removeSpans(bytes, open: [UInt8(ascii: "<")], close: [UInt8(ascii: ">")])
        return unescape(collapseWhitespace(String(decoding: bytes, as: UTF8.self)))
    }

    /// Python's `" ".join(text.split())`.
    static func collapseWhitespace(_ text: String) -> String {
        let asciiOnly = text.utf8.allSatisfy { $0 < 0x80 }
        guard asciiOnly else { return text.split(whereSeparator: PythonString.isSpace).joined(separator: " ") }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func removeSpans(_ input: [UInt8], open: [UInt8], close: [UInt8]) -> [UInt8] {
        var text = input
        while let start = UTF8Search.occurrences(of: open, in: text, limit: 1).first {
            let rest = Array(text[start.upperBound...])
            guard let end = UTF8Search.occurrences(of: close, in: rest, limit: 1).first else { break }
            text.removeSubrange(start.lowerBound..<(start.upperBound + end.upperBound))
        }
        return text
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
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
