import Foundation
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A form with its values and errors for one request: `form.field`, `form.field(class_='x')`,
/// `form.field.label`, `form.field.errors`, `form.errors`, `form.hidden_tag()` in templates.
struct BoundForm: TemplateObject {
    let definition: FormDefinition
    /// Text of each field as the inputs show it (a password never comes back).
    var texts: [String: String] = [:]
    var checked: Set<String> = []
    var errors: [String: [String]] = [:]
    /// Select options per field (value, label): fixed choices, or a model's rows.
    var options: [String: [(value: String, label: String)]] = [:]
    let csrfToken: String

    /// The first field, in the form's order, with a message: it takes the focus.
    var firstFieldInError: String? {
        definition.fields.first { errors[$0.name]?.isEmpty == false }?.name
    }

    init(definition: FormDefinition, csrfToken: String) {
        self.definition = definition
        self.csrfToken = csrfToken
        for field in definition.fields {
            guard let value = field.defaultValue else { continue }
            if field.kind == .boolean {
                if case .bool(true) = value { checked.insert(field.name) }
            } else {
                texts[field.name] = FieldValue(value).displayText
            }
            if case .none = value { texts[field.name] = "" }
        }
    }

    /// Fills the inputs from a row (for an edit form): fields named like the row's.
    mutating func fill(from record: Record) {
        for field in definition.dataFields where field.kind != .password && field.kind != .file {
            guard let value = record[field.name] else { continue }
            if field.kind == .boolean {
                if value == .boolean(true) { checked.insert(field.name) } else { checked.remove(field.name) }
            } else if case .datetime(let moment) = value {
                texts[field.name] = String(moment.description.prefix(16)).replacingOccurrences(of: " ", with: "T")
            } else {
                texts[field.name] = value.isNull ? "" : value.displayText
            }
        }
    }

    // MARK: Template access

    func attribute(_ name: String) -> Value? {
        if let field = definition.fields.first(where: { $0.name == name }) {
            return .object(BoundField(form: self, field: field))
        }
        switch name {
        case "errors":
            return .dict(definition.fields.compactMap { field in
                errors[field.name].map { (field.name, .array($0.map(Value.string))) }
            })
        case "data":
            return .dict(definition.dataFields.map { ($0.name, .string(texts[$0.name] ?? "")) })
        case "hidden_tag":
            return .callable(TemplateFunction { [self] _ in .markup(Markup(safe: hiddenTag)) })
        case "fields":
            return .array(definition.fields.map { .object(BoundField(form: self, field: $0)) })
        default:
            return nil
        }
    }

    var renderedText: String { "<\(definition.name)>" }

    /// The CSRF token and every hidden field, as Flask-WTF's `form.hidden_tag()`.
    var hiddenTag: String {
        var html = "<input id=\"csrf_token\" name=\"csrf_token\" type=\"hidden\" value=\"\(Markup.escaped(csrfToken))\">"
        for field in definition.fields where field.kind == .hidden {
            html += FormWidget(form: self, field: field).html(extra: [])
        }
        return html
    }
}

/// One field of a bound form: prints as its input, callable with extra attributes, and has
/// `label`, `errors`, `data`, `name`, `id`, `type`, `description`, `flags.required`.
struct BoundField: CallableTemplateObject {
    let form: BoundForm
    let field: FormFieldSpec

    func attribute(_ name: String) -> Value? {
        switch name {
        case "label": .object(FieldLabel(field: field))
        case "errors": .array((form.errors[field.name] ?? []).map(Value.string))
        case "data":
            field.kind == .boolean ? .bool(form.checked.contains(field.name)) : .string(field.kind == .password ? "" : form.texts[field.name] ?? "")
        case "name", "id": .string(field.name)
        case "error_id": .string(FormWidget.errorID(field.name))
        case "type": .string(Self.wtformsType(field.kind))
        case "description": .string(field.description ?? "")
        case "flags": .dict([("required", .bool(field.isRequired))])
        default: nil
        }
    }

    var renderedText: String { FormWidget(form: form, field: field).html(extra: []) }
    var renderedMarkup: Markup? { Markup(safe: renderedText) }

    /// `form.field(class_='wide', placeholder='…')`: the input with these attributes too.
    func call(_ arguments: TemplateArguments) throws -> Value {
        let extra = arguments.keyword.map { key, value in
            (FormWidget.attributeName(key), value.stringContent ?? value.text)
        }
        return .markup(Markup(safe: FormWidget(form: form, field: field).html(extra: extra)))
    }

    static func wtformsType(_ kind: FormFieldSpec.Kind) -> String {
        switch kind {
        case .string: "StringField"
        case .textarea: "TextAreaField"
        case .password: "PasswordField"
        case .email: "EmailField"
        case .integer: "IntegerField"
        case .float: "FloatField"
        case .boolean: "BooleanField"
        case .select: "SelectField"
        case .date: "DateField"
        case .datetime: "DateTimeLocalField"
        case .file: "FileField"
        case .hidden: "HiddenField"
        case .submit: "SubmitField"
        }
    }
}

/// `form.field.label`: prints as `<label for="name">Text</label>`; `.text` is the text; callable with attributes.
struct FieldLabel: CallableTemplateObject {
    let field: FormFieldSpec

    func attribute(_ name: String) -> Value? {
        switch name {
        case "text": .string(field.label)
        case "field_id": .string(field.name)
        default: nil
        }
    }

    var renderedText: String { html(extra: []) }
    var renderedMarkup: Markup? { Markup(safe: renderedText) }

    func call(_ arguments: TemplateArguments) throws -> Value {
        let text = arguments.positional.first?.stringContent
        let extra = arguments.keyword.map { (FormWidget.attributeName($0.0), $0.1.stringContent ?? $0.1.text) }
        return .markup(Markup(safe: html(extra: extra, text: text)))
    }

    private func html(extra: [(String, String)], text: String? = nil) -> String {
        let attributes = ([("for", field.name)] + extra).map { " \($0.0)=\"\(Markup.escaped($0.1))\"" }.joined()
        return "<label\(attributes)>\(Markup.escaped(text ?? field.label))</label>"
    }
}
