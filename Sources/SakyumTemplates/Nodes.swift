/// An expression of the template syntax tree, with its line.
struct Expression: Sendable {
    indirect enum Kind: Sendable {
        case constant(Value)
        case name(String)
        case attribute(Expression, String)
        case item(Expression, Expression)
        case slice(Expression, start: Expression?, stop: Expression?, step: Expression?)
        case call(Expression, CallArguments)
        /// `value|name(args)`; the value is nil inside `{% filter %}` blocks, where it is the block's output.
        case filter(Expression?, name: String, CallArguments)
        case test(Expression, name: String, CallArguments, negated: Bool)
        case binary(BinaryOperator, Expression, Expression)
        case negate(Expression)
        case plus(Expression)
        case not(Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)
        case compare(Expression, [(CompareOperator, Expression)])
        case conditional(test: Expression, then: Expression, otherwise: Expression?)
        case list([Expression])
        case tuple([Expression])
        case dict([(Expression, Expression)])
        case concat([Expression])
    }

    var kind: Kind
    var line: Int
}

struct CallArguments: Sendable {
    var positional: [Expression] = []
    var keyword: [(String, Expression)] = []
    var starArguments: Expression?
    var starKeywords: Expression?
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
}

enum CompareOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case contains = "in", notContains = "not in"
}

/// Where `set`, `for` and `with` store values.
indirect enum AssignTarget: Sendable {
    case name(String)
    case tuple([AssignTarget])
    /// `ns.attr`, assigning into a `namespace()` object.
    case namespaceAttribute(String, String)
}

/// A macro's (or call block's) parameters and body.
struct MacroDefinition: Sendable {
    var name: String
    var parameters: [(String, Expression?)]
    var body: [Statement]
    var line: Int
}

/// A statement of the template syntax tree.
indirect enum Statement: Sendable {
    case text(String)
    case output(Expression)
    case conditional(branches: [(Expression, [Statement])], otherwise: [Statement])
    case forLoop(ForLoop)
    case assign(AssignTarget, Expression, line: Int)
    case assignBlock(AssignTarget, filters: [Expression], body: [Statement], line: Int)
    case macro(MacroDefinition)
    case callBlock(call: Expression, caller: MacroDefinition)
    case filterBlock(filters: [Expression], body: [Statement])
    case with(assignments: [(AssignTarget, Expression)], body: [Statement])
    case autoescape(Expression, body: [Statement])
    case block(name: String, scoped: Bool, required: Bool, body: [Statement], line: Int)
    case extends(Expression, line: Int)
    case include(Expression, ignoreMissing: Bool, withContext: Bool, line: Int)
    case importModule(Expression, as: String, withContext: Bool, line: Int)
    case fromImport(Expression, names: [(String, String)], withContext: Bool, line: Int)
}

struct ForLoop: Sendable {
    var target: AssignTarget
    var iterable: Expression
    var filter: Expression?
    var recursive: Bool
    var body: [Statement]
    var otherwise: [Statement]
    var line: Int
}
