/// A compiled `{% macro %}` (or the body of a `{% call %}` block); `instantiate` makes the callable value.
final class MacroProgram: Sendable {
    private let name: String
    private let parameters: [(VariableName, Evaluate?)]
    private let body: Execute
    let autoescape: Bool
    private let catchesVarargs: Bool
    private let catchesKwargs: Bool
    private let usesCaller: Bool
    private let bindsCaller: Bool

    init(
        name: String, parameters: [(VariableName, Evaluate?)], body: @escaping Execute, autoescape: Bool, catchesVarargs: Bool,
        catchesKwargs: Bool, usesCaller: Bool
    ) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.autoescape = autoescape
        self.catchesVarargs = catchesVarargs
        self.catchesKwargs = catchesKwargs
        self.usesCaller = usesCaller
        bindsCaller = usesCaller && !parameters.contains { $0.0 == .caller }
    }

    /// The macro as a value, closing over the scopes where it is defined.
    func instantiate(in context: RenderContext) -> Value {
        .callable(TemplateFunction(macro: MacroInstance(program: self, frames: context.visibleFrames, scope: context.scope)))
    }

    /// Binds the arguments like Jinja2's `Macro.__call__` and runs the body, writing into the current output.
    func run(_ arguments: TemplateArguments, in context: RenderContext, frames: [Frame], scope: TemplateScope) throws {
        // A call is work like a loop's iteration: a macro calling itself twice per level would otherwise run
        // 2^48 times within the nesting limit.
        try context.countIteration()
        try context.enterNested("macro")
        defer { context.leaveNested() }
        let savedScope = context.scope
        context.scope = scope
        defer { context.scope = savedScope }
        try context.withFrames(frames) { try bindAndRun(arguments, in: context) }
    }

    /// Binds the arguments into the top frame, like Jinja2's `Macro.__call__`, and runs the body.
    private func bindAndRun(_ arguments: TemplateArguments, in context: RenderContext) throws {
        var keywords = arguments.keyword
        let positional = arguments.positional
        let frameIndex = context.frames.count - 1
        for (index, (parameter, defaultValue)) in parameters.enumerated() {
            let value: Value
            if index < positional.count {
                value = positional[index]
            } else if let position = keywords.firstIndex(where: { $0.0 == parameter.text }) {
                value = keywords.remove(at: position).1
            } else if let defaultValue {
                value = try defaultValue(context)
            } else {
                value = .undefined("parameter '\(parameter.text)' was not provided")
            }
            context.frames[frameIndex].set(parameter, value)
        }
        if bindsCaller {
            if let position = keywords.firstIndex(where: { $0.0 == "caller" }) {
                context.frames[frameIndex].set(.caller, keywords.remove(at: position).1)
            } else {
                context.frames[frameIndex].set(.caller, .undefined("No caller defined"))
            }
        }
        if catchesKwargs {
            context.frames[frameIndex].set(.kwargs, .dict(ValueDictionary(keywords)))
        } else if let extra = keywords.first {
            throw EvaluationError("macro '\(name)' takes no keyword argument '\(extra.0)'")
        }
        if catchesVarargs {
            context.frames[frameIndex].set(.varargs, .object(TupleValue(elements: Array(positional.dropFirst(parameters.count)))))
        } else if positional.count > parameters.count {
            throw EvaluationError("macro '\(name)' takes not more than \(parameters.count) argument(s)")
        }
        try body(context)
    }
}

/// A macro value: the compiled macro and the scopes it closes over.
struct MacroInstance: Sendable {
    let program: MacroProgram
    let frames: [Frame]
    let scope: TemplateScope

    func call(_ arguments: TemplateArguments, in context: RenderContext) throws -> Value {
        let text = try context.capture { try program.run(arguments, in: context, frames: frames, scope: scope) }
        return program.autoescape ? .markup(Markup(safe: text)) : .string(text)
    }

    /// Writes the macro's output directly, for `{{ macro(…) }}` where the result would be written unchanged.
    func stream(_ arguments: TemplateArguments, in context: RenderContext) throws {
        try program.run(arguments, in: context, frames: frames, scope: scope)
    }
}
