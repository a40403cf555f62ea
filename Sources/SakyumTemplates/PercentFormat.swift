import Foundation

/// Python's printf-style `format % arguments`, used by the `%` operator and the `format` filter.
enum PercentFormat {
    /// A parsed format string, so constant formats in templates are parsed once at compile time.
    struct Parsed: Sendable {
        fileprivate let pieces: [Piece]
        fileprivate let specifierCount: Int
        /// Some specifier names a key (`%(name)s`): the arguments must be a mapping.
        fileprivate let usesKeys: Bool

        fileprivate init(pieces: [Piece]) {
            self.pieces = pieces
            specifierCount = pieces.count { piece in
                if case .specifier = piece { return true }
                return false
            }
            usesKeys = pieces.contains { piece in
                if case .specifier(let specifier) = piece { return specifier.key != nil }
                return false
            }
        }
    }

    fileprivate struct Specifier: Sendable {
        var key: String?
        var flags = ""
        /// The `-` flag, looked up once here rather than in the flags at each conversion.
        var leftAlign: Bool { flags.utf8.contains(UInt8(ascii: "-")) }
        var width: Int?
        var precision: Int?
        var conversion: Character
    }

    fileprivate enum Piece: Sendable {
        case literal(String)
        case specifier(Specifier)
    }

    static func parse(_ format: String) throws -> Parsed {
        Parsed(pieces: try pieces(of: format))
    }

    private static func pieces(of format: String) throws -> [Piece] {
        let bytes = Array(format.utf8)
        var pieces: [Piece] = []
        var literalStart = 0
        var literal: [UInt8] = []
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func number() -> Int? {
            var value: Int?
            while index < bytes.count, isDigit(bytes[index]) {
                // Saturates: a width past Int.max is then refused by checkedSize, never an overflow trap.
                let (shifted, overflowed) = (value ?? 0).multipliedReportingOverflow(by: 10)
                let (next, carried) = shifted.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                value = overflowed || carried ? Int.max : next
                index += 1
            }
            return value
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                index += 1
                continue
            }
            literal.append(contentsOf: bytes[literalStart..<index])
            index += 1
            guard index < bytes.count else { throw EvaluationError("incomplete format") }
            if bytes[index] == UInt8(ascii: "%") {
                literal.append(UInt8(ascii: "%"))
                index += 1
                literalStart = index
                continue
            }
            var specifier = Specifier(conversion: "s")
            if bytes[index] == UInt8(ascii: "(") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) else {
                    throw EvaluationError("incomplete format key")
                }
                specifier.key = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                index = close + 1
            }
            while index < bytes.count, "-+ 0#".utf8.contains(bytes[index]) {
                specifier.flags.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            }
            specifier.width = number()
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                specifier.precision = number() ?? 0
            }
            while index < bytes.count, "hlL".utf8.contains(bytes[index]) { index += 1 }
            guard index < bytes.count else { throw EvaluationError("incomplete format") }
            let conversion = Character(Unicode.Scalar(bytes[index]))
            guard "sridfFeEgGxXoc".contains(conversion) else {
                throw EvaluationError("unsupported format character '\(conversion)'")
            }
            index += 1
            literalStart = index
            specifier.conversion = conversion
            if !literal.isEmpty {
                pieces.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll()
            }
            pieces.append(.specifier(specifier))
        }
        literal.append(contentsOf: bytes[literalStart...])
        if !literal.isEmpty { pieces.append(.literal(String(decoding: literal, as: UTF8.self))) }
        return pieces
    }

    /// Formats like Python; with `escaping` (Markup formats) arguments that are not Markup are escaped.
    static func format(_ format: String, _ arguments: Value, escaping: Bool) throws -> String {
        try self.format(try parse(format), arguments, escaping: escaping)
    }

    /// `format % arguments`: a tuple or sequence gives the positional arguments, anything else is the one
    /// argument, and a dict is also the mapping for `%(key)s`.
    static func format(_ parsed: Parsed, _ arguments: Value, escaping: Bool) throws -> String {
        switch arguments {
        case .object(let object as TupleValue):
            return try format(parsed, positional: object.elements, mapping: nil, escaping: escaping)
        case .object(let object as any TemplateSequence):
            return try format(parsed, positional: object.elements, mapping: nil, escaping: escaping)
        case .dict(let mapping):
            return try format(parsed, positional: [arguments], mapping: mapping, escaping: escaping)
        default:
            return try format(parsed, positional: [arguments], mapping: nil, escaping: escaping)
        }
    }

    /// The `format` filter's call: its positional arguments, or its keywords as the mapping.
    static func format(_ parsed: Parsed, _ arguments: TemplateArguments, escaping: Bool) throws -> String {
        try checkFilterArguments(arguments)
        if arguments.keyword.isEmpty {
            return try format(parsed, positional: arguments.positional, mapping: nil, escaping: escaping)
        }
        let mapping = ValueDictionary(arguments.keyword)
        return try format(parsed, positional: [.dict(mapping)], mapping: mapping, escaping: escaping)
    }

    /// The filter takes positional arguments or keywords, not both (checked before the format is parsed, as Jinja2 does).
    static func checkFilterArguments(_ arguments: TemplateArguments) throws {
        if !arguments.positional.isEmpty && !arguments.keyword.isEmpty {
            throw EvaluationError("can't handle positional and keyword arguments at the same time")
        }
    }

    private static func format(_ parsed: Parsed, positional: [Value], mapping: ValueDictionary?, escaping: Bool) throws
        -> String
    {
        var result = ""
        var next = 0
        for piece in parsed.pieces {
            switch piece {
            case .literal(let text): result += text
            case .specifier(let specifier):
                let value: Value
                if let key = specifier.key {
                    guard let mapping else { throw EvaluationError("format requires a mapping") }
                    guard let found = mapping[key] else { throw EvaluationError("KeyError: '\(key)'") }
                    value = found
                } else {
                    guard !parsed.usesKeys else { throw EvaluationError("format requires a mapping") }
                    guard next < positional.count else { throw EvaluationError("not enough arguments for format string") }
                    value = positional[next]
                    next += 1
                }
                result += try convert(value, specifier, escaping: escaping)
            }
        }
        if !parsed.usesKeys && next < positional.count && !(parsed.specifierCount == 0 && mapping != nil) {
            throw EvaluationError("not all arguments converted during string formatting")
        }
        return result
    }

    private static func convert(_ value: Value, _ specifier: Specifier, escaping: Bool) throws -> String {
        if let width = specifier.width { try Value.checkedSize(width) }
        if let precision = specifier.precision { try Value.checkedSize(precision) }
        let leftAlign = specifier.leftAlign
        var body: String
        switch specifier.conversion {
        case "s", "r":
            var text = specifier.conversion == "r" ? value.repr : value.text
            if let precision = specifier.precision { text = String(text.prefix(precision)) }
            if escaping, case .markup = value {} else if escaping { text = Markup.escaped(text) }
            body = text
        case "c":
            switch value {
            case .int(let code):
                guard let scalar = UInt32(exactly: code).flatMap(Unicode.Scalar.init) else {
                    throw EvaluationError("%c arg not in range(0x110000)")
                }
                body = String(Character(scalar))
            default: body = value.text
            }
        case "d", "i", "x", "X", "o":
            guard let number = value.doubleValue else {
                throw EvaluationError("%\(specifier.conversion) format: a real number is required, not \(value.typeName)")
            }
            let integer: Int
            if case .int(let i) = value { integer = i } else { integer = try Value.integer(from: number) }
            if specifier.flags.isEmpty && specifier.width == nil && specifier.precision == nil
                && (specifier.conversion == "d" || specifier.conversion == "i")
            {
                return String(integer)
            }
            let code = specifier.conversion == "i" ? "d" : String(specifier.conversion)
            body = cFormat(specifier, code: "l" + code, integer)
        default:
            guard let number = value.doubleValue else {
                throw EvaluationError("must be real number, not \(value.typeName)")
            }
            if specifier.conversion == "f" && specifier.flags.isEmpty && specifier.width == nil {
                return PythonText.fixed(number, precision: specifier.precision ?? 6)
            }
            body = cFormat(specifier, code: String(specifier.conversion), number)
            return body
        }
        guard let width = specifier.width, body.count < width else { return body }
        let padding = String(repeating: " ", count: width - body.count)
        return leftAlign ? body + padding : padding + body
    }

    private static func cFormat(_ specifier: Specifier, code: String, _ argument: any CVarArg) -> String {
        var format = "%" + specifier.flags
        if let width = specifier.width { format += String(width) }
        if let precision = specifier.precision { format += "." + String(precision) }
        return String(format: format + code, argument)
    }
}

extension Value {
    var isMapping: Bool {
        if case .dict = self { return true }
        return false
    }
}
