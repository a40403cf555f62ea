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
        try Value.withResultSize(of: environment.limits) { try renderedWithinLimits(context: context).text }
    }

    /// Renders the template as UTF-8 bytes, for a response body: no String made and validated only to be
    /// turned back into bytes (that was a twentieth of an admin list's instructions).
    public func renderUTF8(context: [String: Value]) throws -> [UInt8] {
        try Value.withResultSize(of: environment.limits) { try renderedWithinLimits(context: context).utf8Bytes() }
    }

    private func renderedWithinLimits(context: [String: Value]) throws -> OutputBuffer {
        let renderContext = RenderContext(environment: environment, variables: context, outputCapacity: compiled.outputCapacity)
        defer { renderContext.finish() }
        do {
            try renderContext.renderRoot(compiled)
            try renderContext.checkOutputSize()
        } catch let error as EvaluationError {
            throw TemplateError(kind: error.kind, templateName: name, line: 0, message: error.message)
        }
        compiled.rendered(size: renderContext.output.byteCount)
        var output = OutputBuffer()
        swap(&output, &renderContext.output)
        return output
    }
}
