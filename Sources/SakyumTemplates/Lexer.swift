import Foundation

/// Splits template text into tokens, handling comments, `raw` blocks and whitespace control (`{%-`, `-%}`).
struct Lexer {
    private let bytes: [UInt8]
    private let templateName: String
    private var position = 0
    private var line = 1
    private var lineCursor = 0
    private var tokens: [Token] = []

    init(source: String, templateName: String) {
        var text = source
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Jinja2's default keep_trailing_newline=False drops one trailing newline.
        if text.hasSuffix("\n") { text.removeLast() }
        bytes = Array(text.utf8)
        self.templateName = templateName
    }

    static func tokenize(_ source: String, templateName: String) throws -> [Token] {
        var lexer = Lexer(source: source, templateName: templateName)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func lineNumber(at offset: Int) -> Int {
        while lineCursor < offset {
            if bytes[lineCursor] == UInt8(ascii: "\n") { line += 1 }
            lineCursor += 1
        }
        return line
    }

    private func error(_ message: String, line: Int) -> TemplateError {
        TemplateError(kind: .syntax, templateName: templateName, line: line, message: message)
    }

    private mutating func run() throws {
        var stripLeading = false
        while position < bytes.count {
            let tagStart = findTagStart(from: position)
            var textEnd = tagStart ?? bytes.count
            var textStart = position
            if let tagStart, tagStart + 2 < bytes.count, bytes[tagStart + 2] == UInt8(ascii: "-") {
                while textEnd > textStart, isWhitespace(bytes[textEnd - 1]) { textEnd -= 1 }
            }
            if stripLeading {
                while textStart < textEnd, isWhitespace(bytes[textStart]) { textStart += 1 }
                stripLeading = false
            }
            if textStart < textEnd {
                emit(.text(string(textStart, textEnd)), at: textStart)
            }
            guard let tagStart else {
                position = bytes.count
                break
            }
            var cursor = tagStart + 2
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
                cursor += 1
            }
            switch bytes[tagStart + 1] {
            case UInt8(ascii: "#"):
                stripLeading = try skipComment(from: cursor, tagStart: tagStart)
            case UInt8(ascii: "{"):
                emit(.variableBegin, at: tagStart)
                position = cursor
                guard let strip = try lexExpression(closing: UInt8(ascii: "}"), tagStart: tagStart) else { break }
                stripLeading = strip
                emit(.variableEnd, at: position)
            default:
                if let rawBodyStart = matchRawStart(from: cursor) {
                    stripLeading = try lexRaw(bodyStart: rawBodyStart.offset, stripBody: rawBodyStart.strip, tagStart: tagStart)
                } else {
                    emit(.blockBegin, at: tagStart)
                    position = cursor
                    guard let strip = try lexExpression(closing: UInt8(ascii: "%"), tagStart: tagStart) else { break }
                    stripLeading = strip
                    emit(.blockEnd, at: position)
                }
            }
        }
        emit(.end, at: bytes.count)
    }

    private mutating func emit(_ kind: Token.Kind, at offset: Int) {
        tokens.append(Token(kind: kind, line: lineNumber(at: offset)))
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    private func findTagStart(from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "{") {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") { return index }
            }
            index += 1
        }
        return nil
    }

    /// Skips a comment; returns whether it ended with `-#}`.
    private mutating func skipComment(from start: Int, tagStart: Int) throws -> Bool {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "#"), bytes[index + 1] == UInt8(ascii: "}") {
                position = index + 2
                return index > start && bytes[index - 1] == UInt8(ascii: "-")
            }
            index += 1
        }
        throw error("Missing end of comment tag", line: lineNumber(at: tagStart))
    }

    private func skipSpaces(_ index: inout Int) {
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
    }

    private func matchWord(_ word: String, at index: Int) -> Bool {
        let wordBytes = Array(word.utf8)
        guard index + wordBytes.count <= bytes.count else { return false }
        for (offset, byte) in wordBytes.enumerated() where bytes[index + offset] != byte { return false }
        let after = index + wordBytes.count
        return after == bytes.count || !isNameByte(bytes[after])
    }

    /// Matches `raw -%}` after `{%`; returns where the raw body starts and whether to strip its leading space.
    private func matchRawStart(from start: Int) -> (offset: Int, strip: Bool)? {
        var index = start
        skipSpaces(&index)
        guard matchWord("raw", at: index) else { return nil }
        index += 3
        skipSpaces(&index)
        var strip = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            strip = true
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "%"), bytes[index + 1] == UInt8(ascii: "}") else {
            return nil
        }
        return (index + 2, strip)
    }

    private mutating func lexRaw(bodyStart: Int, stripBody: Bool, tagStart: Int) throws -> Bool {
        var search = bodyStart
        while let candidate = findTagStart(from: search) {
            guard bytes[candidate + 1] == UInt8(ascii: "%") else {
                search = candidate + 1
                continue
            }
            var index = candidate + 2
            var stripEnd = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                stripEnd = true
                index += 1
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            skipSpaces(&index)
            guard matchWord("endraw", at: index) else {
                search = candidate + 1
                continue
            }
            index += 6
            skipSpaces(&index)
            var stripAfter = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                stripAfter = true
                index += 1
            }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "%"), bytes[index + 1] == UInt8(ascii: "}") else {
                search = candidate + 1
                continue
            }
            var textStart = bodyStart
            var textEnd = candidate
            if stripBody { while textStart < textEnd, isWhitespace(bytes[textStart]) { textStart += 1 } }
            if stripEnd { while textEnd > textStart, isWhitespace(bytes[textEnd - 1]) { textEnd -= 1 } }
            if textStart < textEnd { emit(.text(string(textStart, textEnd)), at: textStart) }
            position = index + 2
            return stripAfter
        }
        throw error("Missing end of raw directive", line: lineNumber(at: tagStart))
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Lexes tokens inside `{{ … }}` or `{% … %}` up to the closing delimiter; returns whether it was `-}}`/`-%}`,
    /// or nil when the template ends inside the tag (the parser then reports what it expected).
    private mutating func lexExpression(closing: UInt8, tagStart: Int) throws -> Bool? {
        var depth = 0
        while true {
            skipSpaces(&position)
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if depth == 0 {
                if byte == UInt8(ascii: "-"), position + 2 < bytes.count, bytes[position + 1] == closing,
                    bytes[position + 2] == UInt8(ascii: "}")
                {
                    position += 3
                    return true
                }
                if byte == closing, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "}") {
                    position += 2
                    return false
                }
            }
            let start = position
            if isDigit(byte) {
                try lexNumber(start: start)
            } else if isNameByte(byte) {
                while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
                emit(.name(string(start, position)), at: start)
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                try lexString(quote: byte)
            } else {
                let op = try lexOperator()
                switch op {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                default: break
                }
                emit(.op(op), at: start)
            }
        }
    }

    private mutating func lexNumber(start: Int) throws {
        let afterDot = start > 0 && bytes[start - 1] == UInt8(ascii: ".")
        if bytes[start] == UInt8(ascii: "0"), start + 1 < bytes.count, !afterDot {
            let radixByte = bytes[start + 1] | 0x20
            let radix: Int? =
                radixByte == UInt8(ascii: "x") ? 16 : radixByte == UInt8(ascii: "o") ? 8 : radixByte == UInt8(ascii: "b") ? 2 : nil
            if let radix {
                position = start + 2
                while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
                let digits = string(start + 2, position).replacingOccurrences(of: "_", with: "")
                guard let value = Int(digits, radix: radix) else {
                    throw error("invalid number literal", line: lineNumber(at: start))
                }
                emit(.integer(value), at: start)
                return
            }
        }
        func digits() {
            while position < bytes.count, isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") { position += 1 }
        }
        position = start
        digits()
        var isFloat = false
        if !afterDot {
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
                isFloat = true
                position += 1
                digits()
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                var probe = position + 1
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
                if probe < bytes.count, isDigit(bytes[probe]) {
                    isFloat = true
                    position = probe
                    digits()
                }
            }
        }
        let text = string(start, position).replacingOccurrences(of: "_", with: "")
        if isFloat {
            emit(.float(Double(text) ?? 0), at: start)
        } else if let value = Int(text) {
            emit(.integer(value), at: start)
        } else {
            throw error("integer literal too large", line: lineNumber(at: start))
        }
    }

    private mutating func lexString(quote: UInt8) throws {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flushRaw() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll(keepingCapacity: true)
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                flushRaw()
                emit(.string(String(scalars)), at: start)
                return
            }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                flushRaw()
                position += 1
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "'"): scalars.append("'")
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "a"): scalars.append("\u{07}")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "v"): scalars.append("\u{0B}")
                case UInt8(ascii: "\n"): break
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                    guard position + count <= bytes.count, let code = UInt32(string(position, position + count), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else {
                        throw error("invalid \\\(Character(Unicode.Scalar(escape))) escape in string", line: lineNumber(at: start))
                    }
                    scalars.append(scalar)
                    position += count
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var code = UInt32(escape - UInt8(ascii: "0"))
                    var taken = 1
                    while taken < 3, position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "7") {
                        code = code * 8 + UInt32(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                        taken += 1
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default:
                    raw.append(UInt8(ascii: "\\"))
                    raw.append(escape)
                }
                continue
            }
            raw.append(byte)
            position += 1
        }
        throw error("unexpected end of string", line: lineNumber(at: start))
    }

    private mutating func lexOperator() throws -> String {
        let byte = bytes[position]
        let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        let pairs: [(UInt8, UInt8, String)] = [
            (UInt8(ascii: "*"), UInt8(ascii: "*"), "**"), (UInt8(ascii: "/"), UInt8(ascii: "/"), "//"),
            (UInt8(ascii: "="), UInt8(ascii: "="), "=="), (UInt8(ascii: "!"), UInt8(ascii: "="), "!="),
            (UInt8(ascii: "<"), UInt8(ascii: "="), "<="), (UInt8(ascii: ">"), UInt8(ascii: "="), ">="),
        ]
        for (first, second, op) in pairs where byte == first && next == second {
            position += 2
            return op
        }
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="),
            UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: ","), UInt8(ascii: ";"):
            position += 1
            return String(UnicodeScalar(byte))
        default:
            let character = String(decoding: [byte], as: UTF8.self)
            throw error("unexpected char '\(character)' at \(position)", line: lineNumber(at: position))
        }
    }
}
