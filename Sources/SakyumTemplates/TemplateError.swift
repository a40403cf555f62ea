/// An error from loading, compiling or rendering a template; `description` is "NAME:LINE: message".
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable {
        /// The template text is not valid (also unknown filters and tests found at compile time).
        case syntax
        /// Rendering failed, e.g. an attribute of an undefined value or calling a non-callable.
        case runtime
        /// A template could not be found by the loader.
        case notFound
        /// A safety limit was hit: recursion depth, `range()` size, loop iterations, string size.
        case limit
    }

    public var kind: Kind
    public var templateName: String
    public var line: Int
    public var message: String
    /// Where the template came from (a file path or "builtin:NAME"), when known.
    public var origin: String?

    /// Creates an error.
    public init(kind: Kind, templateName: String, line: Int, message: String, origin: String? = nil) {
        self.kind = kind
        self.templateName = templateName
        self.line = line
        self.message = message
        self.origin = origin
    }

    public var description: String { "\(templateName):\(line): \(message)" }
}

/// A failure inside the runtime before it is tied to a template and line.
struct EvaluationError: Error {
    var kind: TemplateError.Kind
    var message: String

    init(_ message: String, kind: TemplateError.Kind = .runtime) {
        self.kind = kind
        self.message = message
    }
}
