/// Runs a template as a module for `{% import %}` and `{% from … import %}`: its exported macros and variables.
struct ModuleImporter: Sendable {
    let template: Evaluate
    let withContext: Bool
    let location: SourceLocation

    func module(in context: RenderContext) throws -> Value {
        do {
            let name = try Compiler.templateName(try template(context))
            let compiled = try context.environment.compiledTemplate(named: name)
            try context.enterNested("import")
            defer { context.leaveNested() }
            let scope = context.makeScope(variables: withContext ? context.allVariables : VariableTable())
            let saved = context.executionState
            context.executionState = RenderContext.ExecutionState(
                frames: [], scope: scope, blocks: [:], parentTemplate: nil, currentBlock: nil, extendsCount: 0)
            defer { context.executionState = saved }
            let body = try context.capture { try context.renderRoot(compiled) }
            return .object(TemplateModule(name: name, exports: ValueDictionary(scope.exports), body: body))
        } catch {
            throw location.locate(error)
        }
    }
}
