import Foundation

/// A value seen by templates: what Swift code puts into a render context and what expressions produce.
///
/// `callable` and `object` are `indirect` (boxed): inline, the 40-byte existential made every `Value` 41
/// bytes, and copying one, which rendering does at every lookup, cost a fifth of a render (bench/templates/callgrind).
public enum Value: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Safe HTML, never escaped again.
    case markup(Markup)
    case array([Value])
    /// An ordered dictionary, like a Python dict.
    case dict(ValueDictionary)
    case date(Date)
    indirect case callable(TemplateFunction)
    /// Something with attribute lookup, e.g. a database row or `current_user`.
    indirect case object(any TemplateObject)
    /// A missing value, like Jinja2's default `Undefined`; the text explains what was missing.
    case undefined(String)

    /// Builds an ordered dictionary value from pairs in order.
    public static func dict(_ pairs: [(String, Value)]) -> Value {
        .dict(ValueDictionary(pairs))
    }
}

extension Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Value: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension Value: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension Value: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .none }
}

extension Value: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
}

extension Value: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) { self = .dict(ValueDictionary(elements)) }
}

extension Value {
    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .none, .undefined: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .markup(let m): !m.string.isEmpty
        case .array(let a): !a.isEmpty
        case .dict(let d): !d.isEmpty
        case .object(let o): (o as? any TemplateSequence).map { !$0.elements.isEmpty } ?? true
        case .date, .callable: true
        }
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The Python type name used in error messages ("'int' object is not callable").
    var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "str"
        case .markup: "Markup"
        case .array(_): "list"
        case .dict: "dict"
        case .date: "datetime"
        case .callable: "function"
        case .object(let o): (o as? any TemplateSequence) != nil ? "tuple" : "object"
        case .undefined: "Undefined"
        }
    }

    /// The text of a string or Markup value, nil for anything else.
    public var stringContent: String? {
        switch self {
        case .string(let s): s
        case .markup(let m): m.string
        default: nil
        }
    }

    /// Elements when iterated like Python: lists, dict keys, string characters; nil if not iterable.
    var iterationElements: [Value]? {
        switch self {
        case .array(let a): a
        case .dict(let d): d.keys.map(Value.string)
        case .string(let s): s.map { .string(String($0)) }
        case .markup(let m): m.string.map { .string(String($0)) }
        case .undefined: []
        case .object(let o): (o as? any TemplateSequence)?.elements
        default: nil
        }
    }

    /// Whether lists, dicts, tuples and namespaces nest deeper than `limit` inside this value, or it
    /// contains `namespace` (which would make a cycle if stored in it).
    func exceedsNesting(_ limit: Int, orContains namespace: Namespace) -> Bool {
        var visited: Set<ObjectIdentifier> = []
        return exceedsNesting(limit, orContains: ObjectIdentifier(namespace), visited: &visited)
    }

    private func exceedsNesting(_ limit: Int, orContains target: ObjectIdentifier, visited: inout Set<ObjectIdentifier>) -> Bool {
        guard limit >= 0 else { return true }
        let children: [Value]
        switch self {
        case .array(let items): children = items
        case .dict(let dictionary): children = dictionary.values
        case .object(let sequence as any TemplateSequence): children = sequence.elements
        case .object(let namespace as Namespace):
            let identifier = ObjectIdentifier(namespace)
            if identifier == target { return true }
            guard visited.insert(identifier).inserted else { return false }
            children = namespace.attributes.values
        default: return false
        }
        return children.contains { $0.exceedsNesting(limit - 1, orContains: target, visited: &visited) }
    }

    var isIterable: Bool {
        switch self {
        case .array, .dict, .string, .markup, .undefined: true
        case .object(let o): o is any TemplateSequence
        default: false
        }
    }
}

/// An object that also behaves as a tuple (unpacking, indexing, iteration), like Jinja2's group tuples.
protocol TemplateSequence: TemplateObject {
    var elements: [Value] { get }
}
