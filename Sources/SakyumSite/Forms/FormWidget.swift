import Foundation
import SakyumSpec
import SakyumTemplates

/// The HTML input of a form field, as WTForms' default widgets write it, with HTML5 hints from the
/// validators (required, maxlength/minlength, min/max).
struct FormWidget {
    let form: BoundForm
    let field: FormFieldSpec

    func html(extra: [(String, String)]) -> String {
        var attributes: [(String, String?)] = [("id", field.name), ("name", field.name)]
        if field.isRequired && field.kind != .boolean && field.kind != .submit { attributes.append(("required", nil)) }
        for validator in field.validators {
            switch validator.rule {
            case .length(let min, let max):
                if let min { attributes.append(("minlength", String(min))) }
                if let max { attributes.append(("maxlength", String(max))) }
            case .numberRange(let min, let max):
                if let min { attributes.append(("min", Self.numberText(min))) }
                if let max { attributes.append(("max", Self.numberText(max))) }
            default:
                break
            }
        }
        if let placeholder = field.placeholder { attributes.append(("placeholder", placeholder)) }
        if let autocomplete = Self.autocomplete(field) { attributes.append(("autocomplete", autocomplete)) }
        // A field in error says so to assistive technology, points at its message, and takes the focus when
        // it is the first one (a browser without JavaScript lands on what to fix).
        if form.errors[field.name]?.isEmpty == false {
            attributes.append(("aria-invalid", "true"))
            attributes.append(("aria-describedby", FormWidget.errorID(field.name)))
            if form.firstFieldInError == field.name { attributes.append(("autofocus", nil)) }
        }
        attributes += field.attributes.map { ($0.name, Optional($0.value)) }
        attributes += extra.map { ($0.0, Optional($0.1)) }
        let text = form.texts[field.name] ?? ""
        switch field.kind {
        case .textarea:
            return "<textarea\(Self.render(attributes))>\(Markup.escaped(text))</textarea>"
        case .select:
            let options = (form.options[field.name] ?? []).map { option in
                "<option value=\"\(Markup.escaped(option.value))\"\(option.value == text ? " selected" : "")>\(Markup.escaped(option.label))</option>"
            }.joined()
            return "<select\(Self.render(attributes))>\(options)</select>"
        case .boolean:
            attributes.insert(("type", "checkbox"), at: 0)
            attributes.append(("value", "y"))
            if form.checked.contains(field.name) { attributes.append(("checked", nil)) }
            return "<input\(Self.render(attributes))>"
        case .submit:
            attributes.insert(("type", "submit"), at: 0)
            attributes.append(("value", field.label))
            return "<input\(Self.render(attributes))>"
        case .password, .file:
            attributes.insert(("type", field.kind == .password ? "password" : "file"), at: 0)
            return "<input\(Self.render(attributes))>"
        default:
            attributes.insert(("type", Self.inputType(field.kind)), at: 0)
            if field.kind == .float { attributes.append(("step", "any")) }
            attributes.append(("value", text))
            return "<input\(Self.render(attributes))>"
        }
    }

    /// The id of the element that holds a field's messages (`field.error_id` in templates).
    static func errorID(_ field: String) -> String { field + "-error" }

    /// What browsers and password managers may fill in (render_kw can say otherwise).
    static func autocomplete(_ field: FormFieldSpec) -> String? {
        switch field.kind {
        case .email: "email"
        case .password: "new-password"
        case _ where field.name == "username": "username"
        default: nil
        }
    }

    static func inputType(_ kind: FormFieldSpec.Kind) -> String {
        switch kind {
        case .email: "email"
        case .integer, .float: "number"
        case .date: "date"
        case .datetime: "datetime-local"
        case .hidden: "hidden"
        default: "text"
        }
    }

    /// `class_` → `class`, `data_id` → `data-id`, as WTForms' html_params.
    static func attributeName(_ key: String) -> String {
        if key == "class_" || key == "class" { return "class" }
        if key.hasPrefix("data_") || key.hasPrefix("aria_") { return key.replacingOccurrences(of: "_", with: "-") }
        return key.hasSuffix("_") ? String(key.dropLast()) : key
    }

    private static func render(_ attributes: [(String, String?)]) -> String {
        var seen: Set<String> = []
        var html = ""
        // A later attribute of the same name (render_kw, then the call's) replaces an earlier one.
        for (name, value) in attributes.reversed() where seen.insert(name).inserted {
            html = (value.map { " \(name)=\"\(Markup.escaped($0))\"" } ?? " \(name)") + html
        }
        return html
    }

    /// A bound as people write it: `5`, not `5.0`.
    static func numberText(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
