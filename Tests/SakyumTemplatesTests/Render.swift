import SakyumTemplates

/// Renders `entry` from the given templates (the first entry of a one-template dictionary by default).
func render(
    _ templates: [String: String], entry: String? = nil, context: [String: Value] = [:], limits: TemplateLimits = TemplateLimits()
) throws -> String {
    let environment = TemplateEnvironment(loader: DictionaryLoader(templates), limits: limits)
    return try environment.render(entry ?? templates.keys.sorted()[0], context: context)
}

/// Renders one template text; `.html` names autoescape, `.txt` names do not.
func render(_ source: String, name: String = "page.html", context: [String: Value] = [:]) throws -> String {
    try render([name: source], entry: name, context: context)
}

/// The `TemplateError` that rendering throws.
func renderError(
    _ templates: [String: String], entry: String? = nil, context: [String: Value] = [:], limits: TemplateLimits = TemplateLimits()
) -> TemplateError? {
    do {
        _ = try render(templates, entry: entry, context: context, limits: limits)
        return nil
    } catch {
        return error as? TemplateError
    }
}
