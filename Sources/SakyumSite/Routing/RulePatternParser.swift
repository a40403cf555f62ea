/// Reads a Werkzeug rule pattern such as `/exam/<int(min=1):id>/edit` into rule parts.
enum RulePatternParser {
    /// A named variable of the pattern.
    struct Variable: Sendable {
        let name: String
        let converter: RouteConverter
        /// The placeholder as written, `<int(min=1):id>`, for messages.
        let source: String
    }

    static func parse(_ pattern: String) throws(RoutingError) -> (parts: [RulePart], variables: [Variable]) {
        func invalid(_ reason: String) -> RoutingError {
            RoutingError(.invalidPattern, "Invalid rule '\(pattern)': \(reason).")
        }
        guard pattern.first == "/" else { throw invalid("it must start with a slash") }

        var parts: [RulePart] = []
        var variables: [Variable] = []
        var pieces: [RulePart.Piece] = []
        var literal = ""
        var spansSegments = false

        func flushLiteral() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
        }

        var index = pattern.index(after: pattern.startIndex)
        while index < pattern.endIndex {
            switch pattern[index] {
            case "/" where spansSegments:
                literal.append("/")
            case "/":
                flushLiteral()
                guard !pieces.isEmpty else { throw invalid("it has an empty segment ('//')") }
                parts.append(RulePart(pieces: pieces, spansSegments: false))
                pieces = []
            case "<":
                guard let close = pattern[index...].firstIndex(of: ">"),
                    !pattern[pattern.index(after: index)..<close].contains("<")
                else { throw invalid("'<' at offset \(pattern.distance(from: pattern.startIndex, to: index)) is not closed by '>'") }
                let source = String(pattern[index...close])
                let variable = try variable(source, invalid: invalid)
                guard !variables.contains(where: { $0.name == variable.name }) else {
                    throw invalid("variable '\(variable.name)' appears twice")
                }
                variables.append(variable)
                flushLiteral()
                pieces.append(.variable(variable.converter))
                spansSegments = spansSegments || variable.converter.spansSegments
                index = close
            case ">":
                throw invalid("'>' at offset \(pattern.distance(from: pattern.startIndex, to: index)) has no matching '<'")
            case let character:
                literal.append(character)
            }
            index = pattern.index(after: index)
        }
        flushLiteral()
        parts.append(RulePart(pieces: pieces, spansSegments: spansSegments))
        return (parts, variables)
    }

    /// Reads `<name>`, `<converter:name>` or `<converter(arguments):name>`.
    private static func variable(
        _ source: String, invalid: (String) -> RoutingError
    ) throws(RoutingError) -> Variable {
        let inner = source.dropFirst().dropLast()
        let colon = inner.lastIndex(of: ":")
        let name = colon.map { inner[inner.index(after: $0)...] } ?? inner
        guard let first = name.first, first.isASCII, first.isLetter || first == "_",
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { throw invalid("'\(name)' in \(source) is not a valid variable name") }

        let specification = colon.map { inner[..<$0] } ?? "default"
        let converterName: Substring
        let argumentText: Substring
        if let open = specification.firstIndex(of: "(") {
            guard specification.last == ")" else {
                throw invalid("the converter arguments in \(source) do not end with ')'")
            }
            converterName = specification[..<open]
            argumentText = specification[specification.index(after: open)..<specification.index(before: specification.endIndex)]
        } else {
            converterName = specification
            argumentText = ""
        }
        do {
            let arguments = try ConverterArguments(parsing: String(argumentText))
            let converter = try RouteConverter(name: String(converterName), arguments: arguments)
            return Variable(name: String(name), converter: converter, source: source)
        } catch {
            throw invalid("converter '\(converterName)' in \(source) \(error.message)")
        }
    }
}
