import SakyumSpec
import Synchronization
/// An immutable set of rules that maps request paths to endpoints and endpoints back to paths.
///
/// `match` takes the path relative to the mount point exactly as it arrived, still
/// percent-encoded and without its query string. The path is split at `/` first and each
/// segment decoded afterwards, so `%2F` is data inside a segment and never a separator: a
/// `string` variable receives it as `/`, a `path` variable never matches across it. A path with
/// a malformed escape or bytes that are not UTF-8 matches nothing.
public struct RouteTable: Sendable {
    /// The rules, in the order given.
    public let rules: [RoutingRule]
    private let machine: RouteStateMachine
    /// Rule numbers per endpoint, rules with more variables first (Werkzeug's build order).
    private var rulesByEndpoint: [String: [Int]]
    /// URLs built so far: a page calls url_for with the same arguments again and again, and building
    /// matches the result back against its rule (as Werkzeug does), which is not cheap.
    private let built = BuiltURLs()

    /// Assembles `rules`; throws when two rules have the same pattern shape (variable names
    /// aside) and share a method, since the second could never be reached. `aliases` are more names to
    /// build an endpoint's URLs by (alias → endpoint); matching always gives the endpoint's own name.
    public init(rules: [RoutingRule], aliases: [String: String] = [:]) throws(RoutingError) {
        var owners: [[RulePart]: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            for earlier in owners[rule.parts, default: []] {
                let shared = rules[earlier].answeredMethods.intersection(rule.answeredMethods)
                guard shared.isEmpty else {
                    throw RoutingError(
                        .duplicateRule,
                        "Rule '\(rule.pattern)' for endpoint '\(rule.endpoint)' duplicates rule '\(rules[earlier].pattern)'"
                            + " for endpoint '\(rules[earlier].endpoint)' (both answer \(shared.sorted().joined(separator: ", ")))."
                    )
                }
            }
            owners[rule.parts, default: []].append(index)
        }
        self.rules = rules
        machine = RouteStateMachine(rules: rules)
        rulesByEndpoint = Dictionary(grouping: rules.indices, by: { rules[$0].endpoint })
            .mapValues { indices in
                indices.enumerated()
                    .sorted { lhs, rhs in
                        let (left, right) = (rules[lhs.element].variables.count, rules[rhs.element].variables.count)
                        return left == right ? lhs.offset < rhs.offset : left > right
                    }
                    .map(\.element)
            }
        for (alias, endpoint) in aliases where rulesByEndpoint[alias] == nil {
            rulesByEndpoint[alias] = rulesByEndpoint[endpoint]
        }
    }

    /// Finds what answers `path` (percent-encoded, relative to the mount, no query) for `method`.
    ///
    /// `HEAD` is answered wherever `GET` is. Redirects are for strict-slashes branch rules asked
    /// without their trailing slash, and for paths with repeated slashes that match once merged.
    public func match(path: String, method: String) -> RouteMatch {
        matchRule(path: path, method: method).match
    }

    /// `match`, with the number in `rules` of the rule that matched, so a caller can keep what answers
    /// each rule in an array beside them.
    func matchRule(path: String, method: String) -> (rule: Int?, match: RouteMatch) {
        let method = method.uppercased()
        guard let segments = Self.decodedSegments(path) else { return (nil, .notFound) }
        var allowed: Set<String> = []
        switch machine.search(segments, method: method, allowed: &allowed) {
        case .matched(let rule, let values)?:
            return (rule, .matched(endpoint: rules[rule].endpoint, arguments: rules[rule].arguments(values)))
        case .slashRequired?:
            return (nil, .redirect(location: path + "/"))
        case nil:
            break
        }
        if path.contains("//") {
            let merged = Self.mergingSlashes(path)
            if let segments = Self.decodedSegments(merged) {
                switch machine.search(segments, method: method, allowed: &allowed) {
                case .matched?: return (nil, .redirect(location: merged))
                case .slashRequired?: return (nil, .redirect(location: merged + "/"))
                case nil: break
                }
            }
        }
        guard !allowed.isEmpty else { return (nil, .notFound) }
        let allow = allowed.union(["OPTIONS"]).sorted()
        return (nil, method == "OPTIONS" ? .options(allowed: allow) : .methodNotAllowed(allowed: allow))
    }

    /// The variable names of `endpoint`'s first rule (empty for an unknown endpoint).
    func argumentNames(of endpoint: String) -> [String] {
        rulesByEndpoint[endpoint]?.first.map { rules[$0].argumentNames } ?? []
    }

    /// Whether some rule has `endpoint`.
    public func hasEndpoint(_ endpoint: String) -> Bool {
        rulesByEndpoint[endpoint] != nil
    }

    /// Builds the URL for `endpoint`, like Werkzeug's `url_for`: the first of the endpoint's rules
    /// (those with more variables first) that accepts the values fills its variables; the other
    /// values follow as a query string in the order given. The result starts with `/` and is
    /// relative to the mount point. With `method` nil, rules answering `GET` are preferred.
    public func build(endpoint: String, values: [(String, String)], method: String? = nil) throws(RoutingError) -> String {
        let key = BuiltURLs.key(endpoint: endpoint, values: values, method: method)
        if let url = built[key] { return url }
        let url = try buildUncached(endpoint: endpoint, values: values, method: method)
        built[key] = url
        return url
    }

    private func buildUncached(endpoint: String, values: [(String, String)], method: String?) throws(RoutingError) -> String {
        guard let candidates = rulesByEndpoint[endpoint] else {
            throw RoutingError(.unknownEndpoint, "Could not build url for endpoint '\(endpoint)': no rule has this endpoint.")
        }
        let method = method?.uppercased()
        let preferred = candidates.filter { rules[$0].answers(method ?? "GET") }
        let fallback = method == nil ? candidates.filter { !rules[$0].answers("GET") } : []
        var failures: [(rule: Int, failure: RuleBuildFailure)] = []
        for rule in preferred + fallback {
            do {
                let path = try rules[rule].buildPath(values)
                let names = Set(rules[rule].argumentNames)
                let query = values.filter { !names.contains($0.0) }
                    .map { PercentEncoding.encodeQueryComponent($0.0) + "=" + PercentEncoding.encodeQueryComponent($0.1) }
                return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
            } catch {
                failures.append((rule, error))
            }
        }
        throw buildError(endpoint: endpoint, values: values, method: method, candidates: candidates, failures: failures)
    }

    private func buildError(
        endpoint: String, values: [(String, String)], method: String?, candidates: [Int],
        failures: [(rule: Int, failure: RuleBuildFailure)]
    ) -> RoutingError {
        var message = "Could not build url for endpoint '\(endpoint)'"
        if let method { message += " ('\(method)')" }
        if !values.isEmpty { message += " with values \(Self.quotedList(Set(values.map(\.0)).sorted()))" }
        guard !failures.isEmpty else {
            let methods = candidates.reduce(into: Set<String>()) { $0.formUnion(rules[$1].answeredMethods) }
            return RoutingError(.buildFailed, message + ". Did you mean to use methods \(Self.quotedList(methods.sorted()))?")
        }
        // Report the failure of the rule that came closest: a bad value beats missing ones.
        for (rule, failure) in failures {
            switch failure {
            case .invalid(let placeholder, let value):
                return RoutingError(
                    .buildFailed,
                    message + ": '\(value)' is not a valid value for \(placeholder) in rule '\(rules[rule].pattern)'.")
            case .repeated(let name):
                return RoutingError(.buildFailed, message + ": value '\(name)' is given more than once.")
            case .ambiguous:
                return RoutingError(
                    .buildFailed, message + ": the values would not match rule '\(rules[rule].pattern)' back unchanged.")
            case .missing:
                continue
            }
        }
        let fewestMissing = failures.compactMap { entry -> [String]? in
            if case .missing(let names) = entry.failure { names } else { nil }
        }.min { $0.count < $1.count } ?? []
        return RoutingError(.buildFailed, message + ". Did you forget to specify values \(Self.quotedList(fewestMissing.sorted()))?")
    }

    private static func quotedList(_ names: [String]) -> String {
        "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }

    /// The decoded segments after the leading slash, or nil for a malformed path.
    private static func decodedSegments(_ path: String) -> [String]? {
        guard path.isEmpty || path.first == "/" else { return nil }
        guard !path.isEmpty else { return [] }
        var segments: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = PercentEncoding.decode(raw) else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    private static func mergingSlashes(_ path: String) -> String {
        var merged = ""
        for character in path where !(character == "/" && merged.last == "/") {
            merged.append(character)
        }
        return merged
    }
}

/// A bounded memo of built URLs, shared by the copies of one RouteTable (so by one Site).
final class BuiltURLs: Sendable {
    static let capacity = 4096
    private let urls = Mutex<[String: String]>([:])

    static func key(endpoint: String, values: [(String, String)], method: String?) -> String {
        var key = endpoint + "\u{1}" + (method ?? "")
        for (name, value) in values { key += "\u{1}" + name + "\u{2}" + value }
        return key
    }

    subscript(key: String) -> String? {
        get { urls.withLock { $0[key] } }
        set {
            urls.withLock { urls in
                if urls.count >= Self.capacity { urls.removeAll(keepingCapacity: true) }
                urls[key] = newValue
            }
        }
    }
}
