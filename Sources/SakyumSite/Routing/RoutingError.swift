/// Why a routing rule could not be compiled, a route table assembled, or a URL built.
public struct RoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad reason, for callers that react differently to each.
    public enum Kind: Sendable, Equatable {
        /// The rule pattern or its converter arguments are malformed.
        case invalidPattern
        /// The rule's method list is empty or holds something that is not an HTTP method.
        case invalidMethods
        /// Two rules answer the same pattern for the same method.
        case duplicateRule
        /// No rule has the endpoint asked for.
        case unknownEndpoint
        /// Rules exist for the endpoint but none can be built with the given values and method.
        case buildFailed
    }

    /// The broad reason.
    public let kind: Kind
    /// A sentence naming the rule, endpoint or values at fault.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
