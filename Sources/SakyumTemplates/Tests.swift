import Foundation

typealias TestFunction = @Sendable (Value, TemplateArguments, RenderContext) throws -> Bool

/// The built-in tests (`x is defined`, `n is divisibleby 3`), by name, like Jinja2's `tests.py`.
enum Tests {
    static let table: [String: TestFunction] = [
        "defined": { value, _, _ in !value.isUndefined },
        "undefined": { value, _, _ in value.isUndefined },
        "none": { value, _, _ in value.isNone },
        "boolean": { value, _, _ in if case .bool = value { true } else { false } },
        "true": { value, _, _ in if case .bool(true) = value { true } else { false } },
        "false": { value, _, _ in if case .bool(false) = value { true } else { false } },
        "integer": { value, _, _ in if case .int = value { true } else { false } },
        "float": { value, _, _ in if case .double = value { true } else { false } },
        "number": { value, _, _ in value.doubleValue != nil },
        "string": { value, _, _ in value.stringContent != nil },
        "mapping": { value, _, _ in value.isMapping },
        "iterable": { value, _, _ in value.isIterable },
        "sequence": { value, _, _ in
            switch value {
            case .string, .markup, .array, .dict, .undefined: true
            case .object(let o): o is any TemplateSequence
            default: false
            }
        },
        "callable": { value, _, _ in
            switch value {
            case .callable: true
            case .object(let o): o is LoopContext || o is Joiner
            default: false
            }
        },
        "escaped": { value, _, _ in if case .markup = value { true } else { false } },
        "lower": { value, _, _ in
            let text = value.text
            return text.contains { $0.isLowercase } && !text.contains { $0.isUppercase }
        },
        "upper": { value, _, _ in
            let text = value.text
            return text.contains { $0.isUppercase } && !text.contains { $0.isLowercase }
        },
        "odd": { value, _, _ in try integer(value, "odd") % 2 != 0 },
        "even": { value, _, _ in try integer(value, "even") % 2 == 0 },
        "divisibleby": { value, arguments, _ in
            guard let divisor = arguments.value("num", at: 0) else { throw EvaluationError("divisibleby() needs a number") }
            let remainder = try Value.modulo(value, divisor)
            return Value.equal(remainder, .int(0))
        },
        "sameas": { value, arguments, _ in
            guard let other = arguments.value("other", at: 0) else { throw EvaluationError("sameas() needs a value") }
            switch (value, other) {
            case (.none, .none): return true
            case (.bool(let a), .bool(let b)): return a == b
            case (.int(let a), .int(let b)): return a == b && (-5...256).contains(a)
            case (.object(let a), .object(let b)): return (a as AnyObject) === (b as AnyObject)
            default: return false
            }
        },
        "in": { value, arguments, _ in
            guard let container = arguments.value("seq", at: 0) else { throw EvaluationError("in() needs a sequence") }
            return try container.contains(value)
        },
        "eq": compare(.equal), "equalto": compare(.equal), "==": compare(.equal),
        "ne": compare(.notEqual), "!=": compare(.notEqual),
        "lt": compare(.less), "lessthan": compare(.less), "<": compare(.less),
        "le": compare(.lessOrEqual), "<=": compare(.lessOrEqual),
        "gt": compare(.greater), "greaterthan": compare(.greater), ">": compare(.greater),
        "ge": compare(.greaterOrEqual), ">=": compare(.greaterOrEqual),
        "filter": { value, _, _ in value.stringContent.map { Filters.table[$0] != nil } ?? false },
        "test": { value, _, _ in value.stringContent.map { Tests.table[$0] != nil } ?? false },
    ]

    private static func integer(_ value: Value, _ test: String) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .double(let d): return try Value.integer(from: d)
        case .undefined(let message): throw EvaluationError(message)
        default: throw EvaluationError("not all arguments converted during string formatting")
        }
    }

    private static func compare(_ op: CompareOperator) -> TestFunction {
        { value, arguments, _ in
            guard let other = arguments.positional.first ?? arguments.keyword.first?.1 else {
                throw EvaluationError("test needs a value to compare with")
            }
            return try Compiler.compare(op, value, other)
        }
    }
}
