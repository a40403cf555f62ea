/// Jinja2's `self`: `self.title()` renders the (most derived) block `title` again.
struct BlockReference: TemplateObject {
    let autoescape: Bool

    func attribute(_ name: String) -> Value? {
        let autoescape = autoescape
        return .callable(
            TemplateFunction(contextual: { _, context in
                let text = try context.capture { try context.renderBlock(name, level: 0, scoped: false) }
                return autoescape ? .markup(Markup(safe: text)) : .string(text)
            }))
    }

    var renderedText: String { "<TemplateReference>" }
}
