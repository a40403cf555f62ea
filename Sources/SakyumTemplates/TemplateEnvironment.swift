import Foundation
import Synchronization

/// Compiles templates once and caches them; thread-safe; lives as long as a compiled Site.
public final class TemplateEnvironment: Sendable {
    private let loader: any TemplateLoader
    /// Asked when `loader` has no template of a name.
    private let fallback: TemplateLibrary?
    /// The built-in global functions plus the globals given at creation.
    /// The built-in functions and the globals given, keyed for lookups.
    let globalVariables: VariableTable
    let limits: TemplateLimits
    private let cache = Mutex<[String: CompiledTemplate]>([:])

    /// Creates an environment that loads templates with `loader`, then from `fallback`;
    /// `globals` are visible in every template.
    public init(loader: any TemplateLoader, fallback: TemplateLibrary? = nil, globals: [String: Value] = [:],
                limits: TemplateLimits = TemplateLimits()) {
        self.loader = loader
        self.fallback = fallback
        self.limits = limits
        globalVariables = VariableTable(Globals.functions.merging(globals) { _, given in given })
    }

    /// Whether templates with this name autoescape, like Flask: names ending in .html, .htm or .xml.
    public static func autoescapes(templateNamed name: String) -> Bool {
        let lowercased = name.lowercased()
        return lowercased.hasSuffix(".html") || lowercased.hasSuffix(".htm") || lowercased.hasSuffix(".xml")
    }

    /// The compiled template called `name` (parsed once, then cached).
    public func template(named name: String) throws -> Template {
        do {
            return Template(name: name, compiled: try compiledTemplate(named: name), environment: self)
        } catch let error as EvaluationError {
            throw TemplateError(kind: error.kind, templateName: name, line: 0, message: error.message)
        }
    }

    /// The text of the template called `name` as the environment would load it (for showing an error's
    /// lines); nil when there is none or it cannot be read.
    public func source(named name: String) -> TemplateSource? {
        if let loaded = try? loader.load(name) { return loaded }
        return fallback?.text(of: name).map { TemplateSource(text: $0, origin: "builtin:\(name)") }
    }

    /// Renders the template called `name` with the given variables.
    public func render(_ name: String, context: [String: Value]) throws -> String {
        try template(named: name).render(context: context)
    }

    /// Renders the template called `name` as UTF-8 bytes (see `Template.renderUTF8`).
    public func renderUTF8(_ name: String, context: [String: Value]) throws -> [UInt8] {
        try template(named: name).renderUTF8(context: context)
    }

    /// Compiles template text that is not loaded by name, for the caller to keep; autoescapes by `name` like files.
    public func compile(_ source: String, name: String) throws -> Template {
        let compiled = try Compiler.compile(
            source: source, name: name, origin: name, autoescape: Self.autoescapes(templateNamed: name))
        return Template(name: name, compiled: compiled, environment: self)
    }

    /// Compiles and renders template text that is not loaded by name (not cached); autoescapes by `name` like files.
    public func renderString(_ source: String, name: String = "<string>", context: [String: Value]) throws -> String {
        // Within the limits while compiling too: constant operands are folded then.
        let compiled = try Value.withResultSize(of: limits) {
            try Compiler.compile(source: source, name: name, origin: name, autoescape: Self.autoescapes(templateNamed: name))
        }
        return try Template(name: name, compiled: compiled, environment: self).render(context: context)
    }

    /// Drops every cached template, e.g. after template files changed.
    public func clearCache() {
        cache.withLock { $0.removeAll() }
    }

    func compiledTemplate(named name: String) throws -> CompiledTemplate {
        guard let template = try compiledTemplateIfPresent(named: name) else {
            throw EvaluationError("template '\(name)' not found", kind: .notFound)
        }
        return template
    }

    func compiledTemplateIfPresent(named name: String) throws -> CompiledTemplate? {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let loaded: TemplateSource?
        do {
            loaded = try loader.load(name)
        } catch {
            throw EvaluationError("cannot read template '\(name)': \(error)", kind: .notFound)
        }
        let compiled: CompiledTemplate
        if let source = loaded {
            compiled = try Value.withResultSize(of: limits) {
                try Compiler.compile(source: source.text, name: name, origin: source.origin, autoescape: Self.autoescapes(templateNamed: name))
            }
        } else if let shared = try fallback?.compiledTemplate(named: name) {
            compiled = shared
        } else {
            return nil
        }
        return cache.withLock { cache in
            if let raced = cache[name] { return raced }
            cache[name] = compiled
            return compiled
        }
    }
}
