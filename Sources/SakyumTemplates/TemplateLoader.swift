/// Finds template text by name.
public protocol TemplateLoader: Sendable {
    /// The template called `name` (like "admin/master.html"), or nil when this loader does not have it.
    func load(_ name: String) throws -> TemplateSource?
}

/// The text of a template and where it came from.
public struct TemplateSource: Sendable {
    public var text: String
    /// A file path or "builtin:NAME", used in messages.
    public var origin: String

    /// Creates a source.
    public init(text: String, origin: String) {
        self.text = text
        self.origin = origin
    }
}
