import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Each model's `str` template (how a row is shown, Python's `__str__`), compiled once per Site.
struct ModelStrings: Sendable {
    private let templates: [String: Template]

    /// Compiles every model's `str`; a syntax error is a diagnostic at the model's declaration.
    init(models: [ModelSpec], environment: TemplateEnvironment, diagnostics: inout [Diagnostic]) {
        var templates: [String: Template] = [:]
        for model in models {
            guard let source = model.str else { continue }
            do {
                templates[model.name] = try environment.compile(source, name: "\(model.name).str")
            } catch {
                diagnostics.append(model.location.with(message: "model \(model.name): 'str' is not a valid template: \(error)"))
            }
        }
        self.templates = templates
    }

    /// The row through its `str`, with its fields and relationships as variables;
    /// SQLAlchemy's `<Model 1>` when there is no `str` or it fails.
    func text(of record: Record, loader: RowLoader) -> String {
        // Made only when needed: an interpolation per row cost more than the lookups around it.
        func fallback() -> String { "<\(record.model.name) \(record.id.displayText)>" }
        guard let template = templates[record.model.name] else { return fallback() }
        let row = RecordObject(record: record, loader: loader)
        var variables: [String: Value] = [:]
        variables.reserveCapacity(record.values.count)
        for (field, value) in zip(record.model.fields, record.values) {
            variables[field.name] = value.templateValue
        }
        for relationship in record.model.relationships where template.references(relationship.name) {
            variables[relationship.name] = row.attribute(relationship.name) ?? Value.none
        }
        return (try? template.render(context: variables)) ?? fallback()
    }
}
