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
    case dict([DictEntry])
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

    struct DictEntry: Sendable, Equatable {
        var key: PythonExpression
        var value: PythonExpression
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
        /// `from module import a, b as c`: each imported name with the name it is bound to (`c`).
        case importFrom(module: String, names: [ImportedName])
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
    }

    struct ImportedName: Sendable, Equatable {
        var name: String
        var alias: String
    }

    var kind: Kind
    var line: Int
    var column: Int
}
