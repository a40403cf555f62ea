/// The argument list of a converter, `int(4, min=1)`, parsed the way Werkzeug reads it:
/// positional values first, then `name=value` pairs; values are `True`, `False`, `None`,
/// integers, decimals, quoted strings or bare words.
struct ConverterArguments: Sendable {
    /// One literal value.
    enum Value: Sendable, Equatable {
        case none
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
    }

    private(set) var positional: [Value] = []
    private(set) var named: [(name: String, value: Value)] = []

    /// Parses the text between the parentheses; throws a message without rule context.
    init(parsing text: String) throws(ConverterArgumentError) {
        guard !text.allSatisfy(\.isWhitespace) else { return }
        for item in try Self.splitItems(text) {
            let trimmed = item.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw ConverterArgumentError("has an empty argument") }
            if let (name, valueText) = Self.keyword(in: trimmed) {
                guard !named.contains(where: { $0.name == name }) else {
                    throw ConverterArgumentError("is given argument '\(name)' twice")
                }
                named.append((name, try Self.value(valueText)))
            } else {
                guard named.isEmpty else {
                    throw ConverterArgumentError("has positional argument '\(trimmed)' after a keyword argument")
                }
                positional.append(try Self.value(trimmed))
            }
        }
    }

    /// Assigns positional values to `parameters` in order and checks every name is known.
    func bind(to parameters: [String]) throws(ConverterArgumentError) -> [String: Value] {
        guard positional.count <= parameters.count else {
            throw ConverterArgumentError(
                parameters.isEmpty
                    ? "takes no arguments"
                    : "takes at most \(parameters.count) arguments (\(parameters.joined(separator: ", ")))"
            )
        }
        var bound: [String: Value] = [:]
        for (name, value) in zip(parameters, positional) {
            bound[name] = value
        }
        for (name, value) in named {
            guard parameters.contains(name) else {
                throw ConverterArgumentError(
                    "has no argument '\(name)'"
                        + (parameters.isEmpty ? "" : " (known: \(parameters.joined(separator: ", ")))")
                )
            }
            guard bound[name] == nil else { throw ConverterArgumentError("is given argument '\(name)' twice") }
            bound[name] = value
        }
        return bound
    }

    private static func splitItems(_ text: String) throws(ConverterArgumentError) -> [Substring] {
        var items: [Substring] = []
        var start = text.startIndex
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        guard quote == nil else { throw ConverterArgumentError("has an unterminated string argument") }
        items.append(text[start...])
        return items
    }

    private static func keyword(in item: Substring) -> (String, Substring)? {
        let name = item.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        let rest = item[name.endIndex...].drop(while: \.isWhitespace)
        guard !name.isEmpty, rest.first == "=" else { return nil }
        return (String(name), rest.dropFirst().trimmingWhitespace())
    }

    private static func value(_ text: Substring) throws(ConverterArgumentError) -> Value {
        switch text {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default: break
        }
        if let first = text.first, first == "\"" || first == "'" {
            guard text.count >= 2, text.last == first else {
                throw ConverterArgumentError("cannot read argument '\(text)'")
            }
            return .string(String(text.dropFirst().dropLast()))
        }
        if let integer = Int(text) { return .int(integer) }
        if isDecimal(text), let double = Double(text) { return .double(double) }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
        else {
            throw ConverterArgumentError("cannot read argument '\(text)'")
        }
        return .string(String(text))
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        let unsigned = text.first == "-" ? text.dropFirst() : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}

/// A problem in a converter's argument list; `RulePatternParser` adds the rule it belongs to.
struct ConverterArgumentError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
