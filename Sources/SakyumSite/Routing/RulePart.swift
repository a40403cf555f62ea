import SakyumSpec

/// One slash-separated part of a compiled rule. A part holding a `path` variable spans the
/// rest of the path instead, with the slashes after it kept as literal text.
struct RulePart: Sendable, Hashable {
    /// Literal text or a converter, in the order they appear.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case variable(RouteConverter)
    }

    let pieces: [Piece]
    /// Whether the part consumes every remaining segment, joined by `/`.
    let spansSegments: Bool

    /// The text of a part without variables; such parts are matched by plain comparison.
    var staticText: String? {
        guard pieces.count <= 1 else { return nil }
        switch pieces.first {
        case nil: return ""
        case .literal(let text)?: return text
        case .variable?: return nil
        }
    }

    /// Werkzeug's `Weighting`, flattened: parts with more literal pieces, longer literals, more
    /// variables and lighter converters come first.
    var weight: [Int] {
        var literals: [Int] = []
        var converters: [Int] = []
        for piece in pieces {
            switch piece {
            case .literal(let text): literals += [literals.count / 2, -text.count]
            case .variable(let converter): converters.append(converter.weight)
            }
        }
        return [-literals.count / 2] + literals + [-converters.count] + converters
    }

    /// The arguments captured from `text` (a decoded segment, or for a spanning part the decoded
    /// rest of the path), or nil when the part does not match it.
    func match(_ text: String) -> [RouteArgument]? {
        var search = Search(text: Array(text))
        return match(pieceAt: 0, from: 0, captured: [], search: &search)
    }

    /// Characters a part may hand to its converters while matching one text; past it, no match.
    ///
    /// Variables side by side (`<a><b>`) are tried at every split, like Werkzeug's regex backtracking, and a
    /// visitor chooses the text: without a bound, a long path against such a rule kept a core busy for minutes
    /// (found through the routes fuzzer's slowest input). A match that succeeds takes a few passes over its
    /// segment, and the longest target the daemon reads is 8 KiB: a dozen such passes fit; searches that would
    /// end in "no match" are the ones that run into it.
    static let searchBudget = 100_000

    /// One match's state: the text, the (piece, position) pairs already known to fail from there, so each is
    /// tried once, and what is left of `searchBudget`.
    private struct Search {
        let text: [Character]
        var failed: Set<Int> = []
        var budget = RulePart.searchBudget

        func key(_ piece: Int, _ position: Int) -> Int { piece * (text.count + 1) + position }
    }

    /// How many variables the part holds.
    var variableCount: Int {
        pieces.count { if case .variable = $0 { true } else { false } }
    }

    /// The percent-encoded part, with `texts` supplying the converters' URL texts in order.
    func encoded(with texts: ArraySlice<String>) -> String {
        var texts = texts.makeIterator()
        return pieces.map { piece in
            switch piece {
            case .literal(let text):
                return PercentEncoding.encode(text, keeping: PercentEncoding.pathSafe)
            case .variable(let converter):
                let safe = converter.spansSegments ? PercentEncoding.pathSafe : PercentEncoding.segmentSafe
                return PercentEncoding.encode(texts.next() ?? "", keeping: safe)
            }
        }.joined()
    }

    /// The part as it reads before encoding, with `texts` supplying the converters' URL texts.
    func plain(with texts: ArraySlice<String>) -> String {
        var texts = texts.makeIterator()
        return pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .variable: texts.next() ?? ""
            }
        }.joined()
    }

    private func match(
        pieceAt index: Int, from start: Int, captured: [RouteArgument], search: inout Search
    ) -> [RouteArgument]? {
        let text = search.text
        guard index < pieces.count else { return start == text.count ? captured : nil }
        switch pieces[index] {
        case .literal(let literal):
            let literal = Array(literal)
            guard text[start...].starts(with: literal) else { return nil }
            return match(pieceAt: index + 1, from: start + literal.count, captured: captured, search: &search)
        case .variable(let converter):
            // Whether the rest matches from here does not depend on what was captured before.
            guard !search.failed.contains(search.key(index, start)) else { return nil }
            // Inside a spanning part a slash is a real separator, which only `path` may cross.
            let limit =
                spansSegments && !converter.spansSegments
                ? text[start...].firstIndex(of: "/") ?? text.count
                : text.count
            guard start < limit else { return nil }
            let ends = converter.prefersShortestMatch
                ? Array(start + 1...limit) : Array((start + 1...limit).reversed())
            for end in ends {
                search.budget -= end - start
                guard search.budget >= 0 else { return nil }
                guard let argument = converter.argument(fromURLText: String(text[start..<end])) else { continue }
                if let result = match(pieceAt: index + 1, from: end, captured: captured + [argument], search: &search) {
                    return result
                }
            }
            search.failed.insert(search.key(index, start))
            return nil
        }
    }
}
