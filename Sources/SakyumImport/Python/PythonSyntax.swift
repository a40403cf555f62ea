import Foundation

/// The parts of a Python expression the importer reads; the rest (lambdas, comprehensions, slices…)
/// keeps only a short description, which is enough to say "this is logic" in the report.
indirect enum PythonExpression: Sendable, Equatable {
    case name(String)
    case string(String)
    /// An f-string: literal text and `{expression}` fields.
    case formatted([FormattedPart])
    case number(String)
    case bool(Bool)
    case none
    case list([PythonExpression])
    case tuple([PythonExpression])
    case dict([(key: PythonExpression, value: PythonExpression)])
    case attribute(PythonExpression, String)
    case call(PythonExpression, [PythonArgument])
    case item(PythonExpression, PythonExpression)
    case unary(String, PythonExpression)
    case binary(String, PythonExpression, PythonExpression)
    case other(String)

    enum FormattedPart: Sendable, Equatable {
        case text(String)
        case field(PythonExpression)
    }

    static func == (lhs: PythonExpression, rhs: PythonExpression) -> Bool {
        switch (lhs, rhs) {
        case (.name(let a), .name(let b)), (.string(let a), .string(let b)), (.number(let a), .number(let b)), (.other(let a), .other(let b)):
            a == b
        case (.formatted(let a), .formatted(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.none, .none): true
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): a == b
        case (.dict(let a), .dict(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.attribute(let a, let x), .attribute(let b, let y)): a == b && x == y
        case (.call(let a, let x), .call(let b, let y)): a == b && x == y
        case (.item(let a, let x), .item(let b, let y)): a == b && x == y
        case (.unary(let o, let a), .unary(let p, let b)): o == p && a == b
        case (.binary(let o, let a, let x), .binary(let p, let b, let y)): o == p && a == b && x == y
        default: false
        }
    }

    /// `a.b.c` as text, for names and attribute chains only.
    var dottedName: String? {
        switch self {
        case .name(let name): name
        case .attribute(let base, let name): base.dottedName.map { $0 + "." + name }
        default: nil
        }
    }

    /// The text of a plain string literal.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of an integer literal (`50`, `1_000`).
    var integerValue: Int? {
        if case .number(let text) = self { return Int(text.replacingOccurrences(of: "_", with: "")) }
        if case .unary("-", .number(let text)) = self { return Int(text).map { -$0 } }
        return nil
    }

    /// Call arguments by keyword.
    func keyword(_ name: String) -> PythonExpression? {
        guard case .call(_, let arguments) = self else { return nil }
        return arguments.first { $0.keyword == name }?.value
    }

    /// The positional call arguments.
    var positional: [PythonExpression] {
        guard case .call(_, let arguments) = self else { return [] }
        return arguments.filter { $0.keyword == nil && !$0.starred }.map(\.value)
    }

    /// The called expression's dotted name: `db.Column` for `db.Column(...)`.
    var calleeName: String? {
        guard case .call(let callee, _) = self else { return nil }
        return callee.dottedName
    }
}

/// One argument of a call: `value`, `keyword=value`, `*value` or `**value`.
struct PythonArgument: Sendable, Equatable {
    var keyword: String?
    var value: PythonExpression
    var starred = false
}

/// A statement with where it starts in its file.
struct PythonStatement: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case importModule([String])
        /// `from module import a, b as c`: the names as bound (`c`), with the imported name.
        case importFrom(module: String, names: [(name: String, alias: String)])
        case assign(targets: [PythonExpression], value: PythonExpression)
        case expression(PythonExpression)
        case classDef(name: String, bases: [PythonArgument], decorators: [PythonExpression], body: [PythonStatement])
        case functionDef(name: String, parameters: [String], decorators: [PythonExpression], body: [PythonStatement])
        case returnValue(PythonExpression?)
        case ifBlock(test: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
        /// `for`, `while`, `with`, `try`, `except`, `finally`, `else`: their bodies, kept for the report.
        case block(keyword: String, body: [PythonStatement])
        /// `pass`, `raise`, `del`, augmented assignments…
        case simple(String)

        static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.importModule(let a), .importModule(let b)): a == b
            case (.importFrom(let m, let a), .importFrom(let n, let b)):
                m == n && a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.alias == $1.alias }
            case (.assign(let t, let v), .assign(let u, let w)): t == u && v == w
            case (.expression(let a), .expression(let b)): a == b
            case (.classDef(let n, let b, let d, let s), .classDef(let m, let c, let e, let t)): n == m && b == c && d == e && s == t
            case (.functionDef(let n, let p, let d, let s), .functionDef(let m, let q, let e, let t)): n == m && p == q && d == e && s == t
            case (.returnValue(let a), .returnValue(let b)): a == b
            case (.ifBlock(let a, let b, let c), .ifBlock(let x, let y, let z)): a == x && b == y && c == z
            case (.block(let k, let b), .block(let l, let c)): k == l && b == c
            case (.simple(let a), .simple(let b)): a == b
            default: false
            }
        }
    }

    var kind: Kind
    var line: Int
    var column: Int
}
