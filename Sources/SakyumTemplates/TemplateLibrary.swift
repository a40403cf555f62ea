import Synchronization

/// Templates that never change while the process runs (those built into the binary), compiled at
/// most once and shared by every environment that falls back to them.
///
/// A daemon builds a new environment on every reload of a project; without a library each reload
/// would parse the same built-in templates again.
public final class TemplateLibrary: Sendable {
    private let sources: [String: String]
    private let compiled = Mutex<[String: CompiledTemplate]>([:])

    /// Creates a library over name → template text; nothing is compiled until first asked for.
    public init(_ templates: [String: String]) {
        self.sources = templates
    }

    /// The names of the templates in the library, sorted.
    public var names: [String] { sources.keys.sorted() }

    /// Whether the library has a template called `name`.
    public func contains(_ name: String) -> Bool { sources[name] != nil }

    /// The text of the template called `name`.
    public func text(of name: String) -> String? { sources[name] }

    func compiledTemplate(named name: String) throws -> CompiledTemplate? {
        if let cached = compiled.withLock({ $0[name] }) { return cached }
        guard let text = sources[name] else { return nil }
        let template = try Compiler.compile(
            source: text, name: name, origin: "builtin:\(name)",
            autoescape: TemplateEnvironment.autoescapes(templateNamed: name))
        return compiled.withLock { cache in
            if let raced = cache[name] { return raced }
            cache[name] = template
            return template
        }
    }
}
