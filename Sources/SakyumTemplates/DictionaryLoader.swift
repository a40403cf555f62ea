/// Loads templates from an in-memory dictionary of name → text.
public struct DictionaryLoader: TemplateLoader {
    private let templates: [String: String]

    /// Creates a loader over the given templates.
    public init(_ templates: [String: String]) {
        self.templates = templates
    }

    public func load(_ name: String) throws -> TemplateSource? {
        templates[name].map { TemplateSource(text: $0, origin: "builtin:\(name)") }
    }
}
