/// An object that templates read attributes of, e.g. a database row or `current_user`.
public protocol TemplateObject: Sendable {
    /// The attribute's value, or nil when the object has no such attribute (undefined in the template).
    func attribute(_ name: String) -> Value?
    /// What `{{ obj }}` prints, before escaping.
    var renderedText: String { get }
    /// Set for objects that print as HTML and are never escaped (markupsafe's `__html__`), like a form field.
    var renderedMarkup: Markup? { get }
}

extension TemplateObject {
    public var renderedText: String { String(describing: self) }
    public var renderedMarkup: Markup? { nil }
}

/// An object that can also be called in a template, like WTForms' `form.field(class_='x')`.
public protocol CallableTemplateObject: TemplateObject {
    func call(_ arguments: TemplateArguments) throws -> Value
}
