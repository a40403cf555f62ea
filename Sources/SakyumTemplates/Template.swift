/// A compiled template bound to its environment (for includes, imports and inheritance); immutable and Sendable.
public struct Template: Sendable {
    public let name: String
    let compiled: CompiledTemplate
    let environment: TemplateEnvironment

    /// Whether the template's own code reads the variable `name`.
    public func references(_ name: String) -> Bool {
        compiled.referencedNames.contains(name)
    }

    /// Renders the template with the given variables.
    public func render(context: [String: Value]) throws -> String {
        let renderContext = RenderContext(environment: environment, variables: context)
        defer { renderContext.finish() }
        do {
            try renderContext.renderRoot(compiled)
        } catch let error as EvaluationError {
            throw TemplateError(kind: error.kind, templateName: name, line: 0, message: error.message)
        }
        return renderContext.output.text
    }
}
