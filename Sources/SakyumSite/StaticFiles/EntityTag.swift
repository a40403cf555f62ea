/// An entity tag (RFC 9110 §8.8.3), `"xyz"` or weak `W/"xyz"`.
struct EntityTag: Sendable, Equatable {
    let opaque: String
    let isWeak: Bool

    /// Reads one tag; nil when `text` is not a quoted tag.
    init?(_ text: Substring) {
        let weak = text.hasPrefix("W/")
        let quoted = weak ? text.dropFirst(2) : text
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else { return nil }
        let opaque = quoted.dropFirst().dropLast()
        guard !opaque.contains("\"") else { return nil }
        self.opaque = String(opaque)
        isWeak = weak
    }

    /// Weak comparison: the opaque parts are equal, weakness aside (If-None-Match).
    func matchesWeakly(_ other: EntityTag) -> Bool {
        opaque == other.opaque
    }

    /// Strong comparison: both are strong and equal (If-Match, If-Range).
    func matchesStrongly(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && opaque == other.opaque
    }
}

/// The value of If-Match or If-None-Match: `*` or a list of entity tags.
enum EntityTagCondition: Sendable, Equatable {
    case any
    case tags([EntityTag])

    /// Reads the header; entries that are not quoted tags are skipped, so they match nothing.
    init(_ header: String) {
        if header.trimmingWhitespace() == "*" {
            self = .any
            return
        }
        var tags: [EntityTag] = []
        var rest = Substring(header)
        while let start = rest.firstIndex(where: { !$0.isWhitespace && $0 != "," }) {
            rest = rest[start...]
            let prefixLength = rest.hasPrefix("W/\"") ? 3 : rest.hasPrefix("\"") ? 1 : 0
            let end: String.Index
            if prefixLength > 0, let close = rest.dropFirst(prefixLength).firstIndex(of: "\"") {
                end = rest.index(after: close)
            } else {
                end = rest.firstIndex(of: ",") ?? rest.endIndex
            }
            if let tag = EntityTag(rest[..<end]) { tags.append(tag) }
            rest = rest[end...]
        }
        self = .tags(tags)
    }

    /// Whether `tag` satisfies the condition, comparing with `strong` or weak comparison.
    func contains(_ tag: EntityTag, strong: Bool) -> Bool {
        switch self {
        case .any: true
        case .tags(let tags): tags.contains { strong ? $0.matchesStrongly(tag) : $0.matchesWeakly(tag) }
        }
    }
}
