/// Splits Python source into tokens with INDENT/DEDENT and logical NEWLINEs, as `tokenize` does,
/// refusing what Python's own tokenizer refuses (unclosed brackets and strings, inconsistent dedents).
struct PythonLexer {
    private let source: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var brackets: [(Unicode.Scalar, Int, Int)] = []
    private var indents = [0]
    private var tokens: [PythonToken] = []

    static func tokens(of text: String) throws(PythonSyntaxError) -> [PythonToken] {
        var lexer = PythonLexer(source: Array(text.unicodeScalars))
        try lexer.run()
        return lexer.tokens
    }

    private init(source: [Unicode.Scalar]) {
        self.source = source
    }

    private var column: Int { index - lineStart + 1 }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < source.count ? source[index + offset] : nil
    }

    private mutating func run() throws(PythonSyntaxError) {
        var atLineStart = true
        while index < source.count {
            if atLineStart && brackets.isEmpty {
                atLineStart = false
                if try !indentLine() { continue }
            }
            let scalar = source[index]
            switch scalar {
            case " ", "\t", "\u{0C}":
                index += 1
            case "#":
                while let next = peek(), next != "\n" { index += 1 }
            case "\\":
                guard peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n") else {
                    throw error("unexpected character after line continuation character")
                }
                index += peek(1) == "\r" ? 3 : 2
                newLine()
            case "\r" where peek(1) == "\n":
                index += 1
            case "\n":
                if brackets.isEmpty, let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                    tokens.append(PythonToken(kind: .newline, line: line, column: column))
                }
                index += 1
                newLine()
                atLineStart = true
            default:
                try token(startingWith: scalar)
            }
        }
        if let (open, openLine, openColumn) = brackets.last {
            throw PythonSyntaxError(line: openLine, column: openColumn, message: "'\(open)' was never closed")
        }
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
            tokens.append(PythonToken(kind: .newline, line: line, column: column))
        }
        for _ in indents.dropFirst() { tokens.append(PythonToken(kind: .dedent, line: line, column: 1)) }
        tokens.append(PythonToken(kind: .end, line: line, column: column))
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    /// Reads the indentation of a new line; false when the line is blank or a comment (no tokens).
    private mutating func indentLine() throws(PythonSyntaxError) -> Bool {
        var width = 0
        var cursor = index
        while cursor < source.count {
            switch source[cursor] {
            case " ": width += 1
            case "\t": width = (width / 8 + 1) * 8
            case "\u{0C}": width = 0
            default: break
            }
            guard source[cursor] == " " || source[cursor] == "\t" || source[cursor] == "\u{0C}" else { break }
            cursor += 1
        }
        if cursor >= source.count || source[cursor] == "\n" || source[cursor] == "#" || source[cursor] == "\r" {
            index = cursor
            return false
        }
        index = cursor
        if width > indents[indents.count - 1] {
            guard indents.count <= Self.maximumNesting else { throw error("too many levels of indentation") }
            indents.append(width)
            tokens.append(PythonToken(kind: .indent, line: line, column: column))
        } else {
            while width < indents[indents.count - 1] {
                indents.removeLast()
                tokens.append(PythonToken(kind: .dedent, line: line, column: column))
            }
            if width != indents[indents.count - 1] {
                throw error("unindent does not match any outer indentation level")
            }
        }
        return true
    }

    private mutating func token(startingWith scalar: Unicode.Scalar) throws(PythonSyntaxError) {
        let startColumn = column
        if Self.isNameStart(scalar) {
            let start = index
            while let next = peek(), Self.isNameContinue(next) { index += 1 }
            let word = String(String.UnicodeScalarView(source[start..<index]))
            if let quote = peek(), quote == "'" || quote == "\"", Self.stringPrefixes.contains(word.lowercased()) {
                try string(prefix: word.lowercased(), column: startColumn)
            } else {
                tokens.append(PythonToken(kind: .name(word), line: line, column: startColumn))
            }
            return
        }
        if scalar == "'" || scalar == "\"" {
            try string(prefix: "", column: startColumn)
            return
        }
        if ("0"..."9").contains(scalar) || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            let start = index
            while let next = peek(), Self.isNameContinue(next) || next == "." ||
                    ((next == "+" || next == "-") && ["e", "E"].contains(source[index - 1]) && !String(String.UnicodeScalarView(source[start..<index])).lowercased().hasPrefix("0x")) {
                index += 1
            }
            tokens.append(PythonToken(kind: .number(String(String.UnicodeScalarView(source[start..<index]))), line: line, column: startColumn))
            return
        }
        for length in [3, 2, 1] {
            guard index + length <= source.count else { continue }
            let text = String(String.UnicodeScalarView(source[index..<index + length]))
            guard Self.operators.contains(text) else { continue }
            switch text {
            case "(", "[", "{":
                // Python stops at 200; the parser's recursion must fit a concurrency thread's stack.
                guard brackets.count < Self.maximumNesting else { throw error("too many nested parentheses") }
                brackets.append((scalar, line, startColumn))
            case ")", "]", "}":
                let expected: Unicode.Scalar = text == ")" ? "(" : text == "]" ? "[" : "{"
                guard let open = brackets.popLast() else { throw error("unmatched '\(text)'") }
                guard open.0 == expected else {
                    throw error("closing parenthesis '\(text)' does not match opening parenthesis '\(open.0)' on line \(open.1)")
                }
            default: break
            }
            index += length
            tokens.append(PythonToken(kind: .op(text), line: line, column: startColumn))
            return
        }
        throw error("invalid character '\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true)))")
    }

    private mutating func string(prefix: String, column startColumn: Int) throws(PythonSyntaxError) {
        let startLine = line
        let quote = source[index]
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        let raw = prefix.contains("r")
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw PythonSyntaxError(line: startLine, column: startColumn, message: triple ? "unterminated triple-quoted string literal" : "unterminated string literal")
            }
            if scalar == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                index += triple ? 3 : 1
                break
            }
            if scalar == "\n" {
                guard triple else {
                    throw PythonSyntaxError(line: startLine, column: startColumn, message: "unterminated string literal")
                }
                text.append(scalar)
                index += 1
                newLine()
                continue
            }
            if scalar == "\\", let next = peek(1) {
                index += 2
                if raw {
                    text.append("\\")
                    text.append(next)
                    if next == "\n" { newLine() }
                    continue
                }
                switch next {
                case "\n": newLine()
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\", "'", "\"": text.append(next)
                case "x", "u", "U":
                    let count = next == "x" ? 2 : next == "u" ? 4 : 8
                    let digits = String(String.UnicodeScalarView(source[index..<min(index + count, source.count)]))
                    guard digits.count == count, let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw error("truncated \\\(next) escape")
                    }
                    text.append(decoded)
                    index += count
                default:
                    text.append("\\")
                    text.append(next)
                }
                continue
            }
            text.append(scalar)
            index += 1
        }
        tokens.append(PythonToken(kind: .string(prefix: prefix, text: String(text)), line: startLine, column: startColumn))
    }

    private func error(_ message: String) -> PythonSyntaxError {
        PythonSyntaxError(line: line, column: column, message: message)
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isXIDStart
    }

    private static func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isXIDContinue
    }

    static let maximumNesting = 100

    private static let stringPrefixes: Set<String> = ["r", "u", "b", "f", "br", "rb", "fr", "rf"]

    private static let operators: Set<String> = [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=",
        "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
        "+", "-", "*", "/", "%", "@", "<", ">", "=", ".", ",", ":", ";", "(", ")", "[", "]", "{", "}", "&", "|", "^", "~",
    ]
}
