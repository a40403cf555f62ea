/// A compiled statement: renders into the context's output.
typealias Execute = @Sendable (RenderContext) throws -> Void
/// A compiled expression.
typealias Evaluate = @Sendable (RenderContext) throws -> Value

/// The immutable result of compiling one template: its root code and its blocks.
final class CompiledTemplate: Sendable {
    let name: String
    let origin: String
    let root: Execute
    let blocks: [String: CompiledBlock]
    /// The variable names the template reads (not counting what included or parent templates read).
    let referencedNames: Set<String>

    init(name: String, origin: String, root: @escaping Execute, blocks: [String: CompiledBlock], referencedNames: Set<String> = []) {
        self.name = name
        self.origin = origin
        self.root = root
        self.blocks = blocks
        self.referencedNames = referencedNames
    }
}

/// One `{% block %}` body.
struct CompiledBlock: Sendable {
    let name: String
    let body: Execute
}

/// Ties runtime failures to a template and line.
struct SourceLocation: Sendable {
    let templateName: String
    let line: Int

    func error(_ message: String, kind: TemplateError.Kind = .runtime) -> TemplateError {
        TemplateError(kind: kind, templateName: templateName, line: line, message: message)
    }

    /// Converts any error thrown while evaluating here into a located `TemplateError`.
    func locate(_ error: any Error) -> any Error {
        switch error {
        case let error as TemplateError: error
        case let error as EvaluationError: self.error(error.message, kind: error.kind)
        default: self.error(String(describing: error))
        }
    }
}
