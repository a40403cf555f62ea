/// A function templates can call, e.g. `url_for`.
public struct TemplateFunction: Sendable {
    enum Body: Sendable {
        case plain(@Sendable (TemplateArguments) throws -> Value)
        /// Engine functions (macros, `caller`, `super`) that render into the current context.
        case contextual(@Sendable (TemplateArguments, RenderContext) throws -> Value)
        /// A macro; output statements let it write straight into the output instead of building a string.
        case macro(MacroInstance)
    }

    let body: Body

    /// Wraps a Swift closure; errors it throws become template runtime errors.
    public init(_ body: @escaping @Sendable (TemplateArguments) throws -> Value) {
        self.body = .plain(body)
    }

    init(contextual body: @escaping @Sendable (TemplateArguments, RenderContext) throws -> Value) {
        self.body = .contextual(body)
    }

    init(macro: MacroInstance) {
        body = .macro(macro)
    }

    func call(_ arguments: TemplateArguments, in context: RenderContext) throws -> Value {
        switch body {
        case .plain(let function): try function(arguments)
        case .contextual(let function): try function(arguments, context)
        case .macro(let macro): try macro.call(arguments, in: context)
        }
    }
}
