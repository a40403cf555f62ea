/// Tries several loaders in order; the first that has a template wins.
public struct ChoiceLoader: TemplateLoader {
    private let loaders: [any TemplateLoader]

    /// Creates a loader that asks `loaders` in order.
    public init(_ loaders: [any TemplateLoader]) {
        self.loaders = loaders
    }

    public func load(_ name: String) throws -> TemplateSource? {
        for loader in loaders {
            if let source = try loader.load(name) { return source }
        }
        return nil
    }
}
