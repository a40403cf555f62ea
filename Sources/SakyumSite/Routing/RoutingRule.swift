/// One URL rule: a Werkzeug pattern, the endpoint it leads to, and the methods it answers.
///
/// The compiled pattern serves both `RouteTable.match` and `RouteTable.build`, so a URL built
/// for a rule always matches that rule back with the same arguments.
public struct RoutingRule: Sendable {
    /// The pattern as written, e.g. `/exam/<int(min=1):id>`.
    public let pattern: String
    /// The name views and `url_for` know the rule by, e.g. `exam.show`.
    public let endpoint: String
    /// The methods given, upper-cased.
    public let methods: Set<String>
    /// Whether a branch rule (ending in `/`) redirects requests that lack the slash, rather
    /// than matching them directly.
    public let strictSlashes: Bool

    let parts: [RulePart]
    let variables: [RulePatternParser.Variable]
    /// `methods`, plus `HEAD` when `GET` is present.
    let answeredMethods: Set<String>

    /// Compiles `pattern`; throws for malformed patterns, unknown converters, bad converter
    /// arguments, repeated variable names and empty or malformed method lists.
    public init(
        _ pattern: String, endpoint: String, methods: Set<String> = ["GET"], strictSlashes: Bool = true
    ) throws(RoutingError) {
        guard !methods.isEmpty else {
            throw RoutingError(.invalidMethods, "Rule '\(pattern)' for endpoint '\(endpoint)' has no methods.")
        }
        for method in methods where method.isEmpty || !method.allSatisfy(Self.isTokenCharacter) {
            throw RoutingError(
                .invalidMethods, "Rule '\(pattern)' for endpoint '\(endpoint)' has an invalid method '\(method)'.")
        }
        (parts, variables) = try RulePatternParser.parse(pattern)
        self.pattern = pattern
        self.endpoint = endpoint
        self.methods = Set(methods.map { $0.uppercased() })
        self.strictSlashes = strictSlashes
        answeredMethods = self.methods.contains("GET") ? self.methods.union(["HEAD"]) : self.methods
    }

    /// The variable names, in the order they appear in the pattern.
    public var argumentNames: [String] { variables.map(\.name) }

    /// Whether a request with `method` is answered by this rule.
    func answers(_ method: String) -> Bool {
        answeredMethods.contains(method)
    }

    /// Names the matched values after the rule's variables.
    func arguments(_ values: [RouteArgument]) -> [String: RouteArgument] {
        Dictionary(uniqueKeysWithValues: zip(variables.map(\.name), values))
    }

    /// The path (starting with `/`, percent-encoded) for `values`, which must name every
    /// variable exactly once; values for other names are left for the caller.
    func buildPath(_ values: [(String, String)]) throws(RuleBuildFailure) -> String {
        let missing = variables.map(\.name).filter { name in !values.contains { $0.0 == name } }
        guard missing.isEmpty else { throw .missing(missing) }

        var texts: [String] = []
        for variable in variables {
            let given = values.filter { $0.0 == variable.name }
            guard given.count == 1 else { throw .repeated(variable.name) }
            guard let text = variable.converter.urlText(for: given[0].1) else {
                throw .invalid(placeholder: variable.source, value: given[0].1)
            }
            texts.append(text)
        }

        // Each part is matched back, so values that would match with different arguments (two
        // adjacent variables splitting their text otherwise, a `/` in a string variable after a
        // `path` one) are refused rather than built into a URL that means something else.
        var segments: [String] = []
        var offset = 0
        for part in parts {
            let partTexts = texts[offset..<offset + part.variableCount]
            let expected = zip(variables[partTexts.indices], partTexts).compactMap { variable, text in
                variable.converter.argument(fromURLText: text)
            }
            guard part.match(part.plain(with: partTexts)) == expected else { throw .ambiguous }
            segments.append(part.encoded(with: partTexts))
            offset += part.variableCount
        }
        return "/" + segments.joined(separator: "/")
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character))
    }
}

/// Why one rule could not be built with the given values.
enum RuleBuildFailure: Error {
    case missing([String])
    case repeated(String)
    case invalid(placeholder: String, value: String)
    /// The values render to a path that would match with different values, e.g. two adjacent
    /// variables splitting their text differently.
    case ambiguous
}
