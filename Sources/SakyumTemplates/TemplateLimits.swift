/// Safety limits that keep a template from hanging or crashing the process; exceeding one is a `.limit` error.
public struct TemplateLimits: Sendable {
    /// Nested macro calls, includes, imports and recursive loop calls (catches cycles such as a self-include).
    public var nesting = 48
    /// Levels of `{% extends %}` (catches inheritance cycles).
    public var inheritanceDepth = 32
    /// Loop iterations in one render, over all loops, plus macro calls and the items filters, unpackings and
    /// `*args` take out of sequences (`RenderContext.countIterations`).
    public var loopIterations = 10_000_000
    /// Items `range()` may produce.
    public var rangeSize = 100_000
    /// Bytes of a string, or items of a list, that one operation may build (`*`, `+`, `~`, `join`, `replace`,
    /// `center`, `indent`, format widths…), checked before anything is allocated: a few nested operations would
    /// otherwise ask for gigabytes and take the whole daemon down.
    public var resultSize = TemplateLimits.defaultResultSize

    /// Bytes one render may write, captured macro and block output included.
    public var outputSize = 100_000_000

    static let defaultResultSize = 10_000_000

    /// The default limits.
    public init() {}
}
