/// One group of the `groupby` filter: a `(grouper, list)` tuple that also has those attribute names.
struct GroupTuple: TemplateSequence {
    let grouper: Value
    let list: [Value]

    var elements: [Value] { [grouper, .array(list)] }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "grouper": grouper
        case "list": .array(list)
        default: nil
        }
    }

    var renderedText: String { Value.tupleRepr(elements) }
}
