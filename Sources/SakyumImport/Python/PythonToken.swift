/// One token of Python source, as Python's `tokenize` module splits it.
struct PythonToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case name(String)
        case number(String)
        /// A string literal with its prefix letters lowercased (`f`, `r`, `b`, `rb`…) and its decoded text.
        case string(prefix: String, text: String)
        case op(String)
        /// The end of a logical line.
        case newline
        case indent
        case dedent
        case end
    }

    var kind: Kind
    /// 1-based.
    var line: Int
    var column: Int

    var name: String? {
        if case .name(let name) = kind { return name }
        return nil
    }

    func isOp(_ text: String) -> Bool {
        kind == .op(text)
    }

    func isKeyword(_ word: String) -> Bool {
        kind == .name(word)
    }
}

/// Source that Python itself would refuse to compile, at `line:column`.
struct PythonSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    var description: String { "\(line):\(column): \(message)" }
}
