import Foundation

/// Python equality, ordering and membership on values.
extension Value {
    /// Python `==`.
    static func equal(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.none, .none), (.undefined, .undefined): return true
        case (.string(let a), .string(let b)): return a == b
        case (.markup(let a), .markup(let b)): return a.string == b.string
        case (.string(let a), .markup(let b)), (.markup(let b), .string(let a)): return a == b.string
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.dict(let a), .dict(let b)):
            return a.count == b.count && a.lazyPairs.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (.date(let a), .date(let b)): return a == b
        case (.object(let a), .object(let b)):
            if let a = a as? any TemplateSequence, let b = b as? any TemplateSequence {
                return equal(.array(a.elements), .array(b.elements))
            }
            return (a as AnyObject) === (b as AnyObject)
        default:
            if let a = left.doubleValue, let b = right.doubleValue {
                if case .int(let x) = left, case .int(let y) = right { return x == y }
                return a == b
            }
            return false
        }
    }

    /// Python ordering: negative, zero or positive; throws for unorderable types.
    static func compare(_ left: Value, _ right: Value, symbol: String) throws -> Int {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.date(let a), .date(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) where !equal(x, y) { return try compare(x, y, symbol: symbol) }
            return a.count - b.count
        default: break
        }
        if let a = left.stringContent, let b = right.stringContent {
            return compareCodePoints(a, b)
        }
        if let a = left.doubleValue, let b = right.doubleValue {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        if case .undefined(let message) = left { throw EvaluationError(message) }
        if case .undefined(let message) = right { throw EvaluationError(message) }
        throw EvaluationError(
            "'\(symbol)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'")
    }

    /// Python's order of `str`, by code point: the order of the UTF-8 bytes, compared in one pass (and
    /// unlike Swift's `<` and `==`, which compare canonically equivalent text as equal).
    static func compareCodePoints(_ left: String, _ right: String) -> Int {
        return left.withUTF8Bytes { a in
            right.withUTF8Bytes { b in
                for index in 0..<Swift.min(a.count, b.count) where a[index] != b[index] {
                    return a[index] < b[index] ? -1 : 1
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
    }

    /// Python `needle in self`.
    func contains(_ needle: Value) throws -> Bool {
        switch self {
        case .string, .markup:
            let s = stringContent!
            guard let n = needle.stringContent else {
                throw EvaluationError("'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return n.isEmpty || s.contains(n)
        case .array(let items): return items.contains { Value.equal($0, needle) }
        case .dict(let d):
            guard let key = needle.stringContent else { return false }
            return d[key] != nil
        case .undefined: return false
        case .object(let o):
            if let sequence = o as? any TemplateSequence { return sequence.elements.contains { Value.equal($0, needle) } }
            throw EvaluationError("argument of type '\(typeName)' is not iterable")
        default:
            throw EvaluationError("argument of type '\(typeName)' is not iterable")
        }
    }
}
