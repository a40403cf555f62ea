/// The arguments of a call from a template: `f(1, x=2)`.
public struct TemplateArguments: Sendable {
    public var positional: [Value]
    /// Keyword arguments in call order.
    public var keyword: [(String, Value)]

    /// Creates arguments from positional values and keyword pairs.
    public init(positional: [Value] = [], keyword: [(String, Value)] = []) {
        self.positional = positional
        self.keyword = keyword
    }

    /// The keyword argument `name` if given, else the positional argument at `position`.
    public func value(_ name: String, at position: Int) -> Value? {
        if let pair = keyword.first(where: { $0.0 == name }) { return pair.1 }
        guard position < positional.count else { return Optional.none }
        return positional[position]
    }
}
