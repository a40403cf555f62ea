/// A Python tuple: `(1, 2)` literals, `dict.items()` pairs and the like; prints as `(1, 2)`.
struct TupleValue: TemplateSequence {
    let elements: [Value]

    static func pair(_ first: Value, _ second: Value) -> Value {
        .object(TupleValue(elements: [first, second]))
    }

    func attribute(_ name: String) -> Value? { nil }

    var renderedText: String { Value.tupleRepr(elements) }
}
