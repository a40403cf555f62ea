/// The global functions every template sees: `range`, `dict`, `namespace`, `cycler`, `joiner`, `lipsum`.
enum Globals {
    static let functions: [String: Value] = [
        "range": .callable(TemplateFunction(contextual: { arguments, context in try range(arguments, limit: context.environment.limits.rangeSize) })),
        "dict": .callable(TemplateFunction { arguments in .dict(ValueDictionary(arguments.keyword)) }),
        "namespace": .callable(TemplateFunction(namespace)),
        "cycler": .callable(TemplateFunction { arguments in .object(Cycler(items: arguments.positional)) }),
        "joiner": .callable(
            TemplateFunction { arguments in
                .object(Joiner(separator: arguments.value("sep", at: 0)?.text ?? ", "))
            }),
    ]

    static func range(_ arguments: TemplateArguments, limit: Int) throws -> Value {
        let numbers = try arguments.positional.map { value -> Int in
            switch value {
            case .int(let i): return i
            case .bool(let b): return b ? 1 : 0
            default: throw EvaluationError("'\(value.typeName)' object cannot be interpreted as an integer")
            }
        }
        let (start, stop, step): (Int, Int, Int)
        switch numbers.count {
        case 1: (start, stop, step) = (0, numbers[0], 1)
        case 2: (start, stop, step) = (numbers[0], numbers[1], 1)
        case 3: (start, stop, step) = (numbers[0], numbers[1], numbers[2])
        default: throw EvaluationError("range expected 1 to 3 arguments, got \(numbers.count)")
        }
        guard step != 0 else { throw EvaluationError("range() arg 3 must not be zero") }
        // In floating point: exact enough to compare with the limit, and no overflow for extreme bounds.
        let span = step > 0 ? Double(stop) - Double(start) : Double(start) - Double(stop)
        let count = span > 0 ? Int(min((span / Double(step.magnitude)).rounded(.up), 1e18)) : 0
        if count > limit {
            throw EvaluationError("range() too large: \(count) items (limit \(limit))", kind: .limit)
        }
        return .array(stride(from: start, to: stop, by: step).map(Value.int))
    }

    static func namespace(_ arguments: TemplateArguments) throws -> Value {
        var attributes = ValueDictionary([])
        for value in arguments.positional {
            guard case .dict(let initial) = value else { throw EvaluationError("namespace() takes a dict or keyword arguments") }
            for (key, item) in initial.pairs { attributes.set(key, item) }
        }
        for (key, item) in arguments.keyword { attributes.set(key, item) }
        return .object(Namespace(attributes))
    }
}

/// `cycler(a, b, …)`: `next()` returns the items in turn, `current` is the current one, `reset()` starts over.
///
/// Only used by the render that created it, hence `@unchecked Sendable`.
final class Cycler: TemplateObject, @unchecked Sendable {
    let items: [Value]
    private var position = 0

    init(items: [Value]) {
        self.items = items
    }

    var renderedText: String { "<Cycler>" }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "current": items.isEmpty ? .none : items[position]
        case "next":
            .callable(
                TemplateFunction { [self] _ in
                    guard !items.isEmpty else { throw EvaluationError("cycler has no items") }
                    let item = items[position]
                    position = (position + 1) % items.count
                    return item
                })
        case "reset":
            .callable(
                TemplateFunction { [self] _ in
                    position = 0
                    return .none
                })
        default: nil
        }
    }
}

/// `joiner(sep)`: calling it returns "" the first time and the separator afterwards.
///
/// Only used by the render that created it, hence `@unchecked Sendable`.
final class Joiner: TemplateObject, @unchecked Sendable {
    let separator: String
    private var used = false

    init(separator: String) {
        self.separator = separator
    }

    var renderedText: String { "<Joiner>" }

    func attribute(_ name: String) -> Value? { nil }

    func call() -> Value {
        if used { return .string(separator) }
        used = true
        return .string("")
    }
}
