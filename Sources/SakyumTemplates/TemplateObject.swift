/// An object that templates read attributes of, e.g. a database row or `current_user`.
public protocol TemplateObject: Sendable {
    /// The attribute's value, or nil when the object has no such attribute (undefined in the template).
    func attribute(_ name: String) -> Value?
    /// What `{{ obj }}` prints, before escaping.
    var renderedText: String { get }
}

extension TemplateObject {
    public var renderedText: String { String(describing: self) }
}
