/// The `loop` variable of a for loop: index, length, neighbours, `cycle()`, `changed()` and recursion.
///
/// Mutated in place as the loop advances and only used by the render that created it, hence `@unchecked Sendable`.
final class LoopContext: TemplateObject, @unchecked Sendable {
    let items: [Value]
    let depth: Int
    @exclusivity(unchecked) var index0 = 0
    @exclusivity(unchecked) private var lastChanged: [Value]?
    private let recurse: (@Sendable (Value, Int, RenderContext) throws -> Value)?

    init(items: [Value], depth: Int, recurse: (@Sendable (Value, Int, RenderContext) throws -> Value)?) {
        self.items = items
        self.depth = depth
        self.recurse = recurse
    }

    var renderedText: String { "<LoopContext \(index0 + 1)/\(items.count)>" }

    /// The attributes of `loop`, so a template's `loop.index` is matched to one when it is compiled rather than
    /// by comparing names at every use.
    enum Attribute: String {
        case index, index0, revindex, revindex0, first, last, length, depth, depth0, previtem, nextitem, cycle, changed
    }

    func attribute(_ name: String) -> Value? {
        Attribute(rawValue: name).map(attribute)
    }

    func attribute(_ attribute: Attribute) -> Value {
        switch attribute {
        case .index: .int(index0 + 1)
        case .index0: .int(index0)
        case .revindex: .int(items.count - index0)
        case .revindex0: .int(items.count - index0 - 1)
        case .first: .bool(index0 == 0)
        case .last: .bool(index0 == items.count - 1)
        case .length: .int(items.count)
        case .depth: .int(depth)
        case .depth0: .int(depth - 1)
        case .previtem: index0 > 0 ? items[index0 - 1] : .undefined("there is no previous item")
        case .nextitem: index0 + 1 < items.count ? items[index0 + 1] : .undefined("there is no next item")
        case .cycle: .callable(TemplateFunction(contextual: { arguments, _ in try self.cycle(arguments) }))
        case .changed: .callable(TemplateFunction(contextual: { arguments, _ in self.changed(arguments) }))
        }
    }

    func cycle(_ arguments: TemplateArguments) throws -> Value {
        guard !arguments.positional.isEmpty else { throw EvaluationError("no items for cycling given") }
        return arguments.positional[index0 % arguments.positional.count]
    }

    func changed(_ arguments: TemplateArguments) -> Value {
        let values = arguments.positional
        if let lastChanged, lastChanged.count == values.count, zip(lastChanged, values).allSatisfy({ Value.equal($0, $1) }) {
            return .bool(false)
        }
        lastChanged = values
        return .bool(true)
    }

    /// `loop(children)` in a recursive loop.
    func call(_ arguments: TemplateArguments, in context: RenderContext) throws -> Value {
        guard let recurse else {
            throw EvaluationError("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.")
        }
        guard arguments.positional.count == 1 else { throw EvaluationError("loop() takes exactly one argument") }
        return try recurse(arguments.positional[0], depth + 1, context)
    }
}
