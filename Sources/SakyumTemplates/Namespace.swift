/// A `namespace()` object: attributes can be assigned with `{% set ns.attr = value %}`, also from inside loops.
///
/// Only used by the render that created it, hence `@unchecked Sendable`.
final class Namespace: TemplateObject, @unchecked Sendable {
    static let maximumNesting = 200

    @exclusivity(unchecked) private(set) var attributes: ValueDictionary

    init(_ attributes: ValueDictionary) {
        self.attributes = attributes
    }

    func attribute(_ name: String) -> Value? { attributes[name] }

    func set(_ name: String, _ value: Value) {
        attributes.set(name, value)
    }

    var renderedText: String {
        "<Namespace " + Value.dict(attributes).repr + ">"
    }
}
