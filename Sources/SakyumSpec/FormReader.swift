import Foundation

/// Reads an app's forms.yaml: `FormName: {field: {type, label, default, placeholder, description,
/// render_kw, choices, choices_from, validators}}`.
struct FormReader {
    let log: DiagnosticLog
    let path: String

    static let fieldKeys = ["type", "label", "default", "placeholder", "description", "render_kw", "choices", "choices_from", "validators"]

    func read(_ node: SpecNode) -> [FormSpec] {
        if node.isNull { return [] }
        guard let entries = node.entries else {
            log.report(node.diagnostic("\(path) must be a mapping of form names to fields ({} when empty)"))
            return []
        }
        return entries.compactMap { key, value in
            guard let name = key.scalarText, Identifier.isValid(name) else {
                log.report(key.diagnostic("\(path): '\(key.scalarText ?? "?")' is not a valid form name"))
                return nil
            }
            guard let fieldEntries = value.entries else {
                log.report(value.diagnostic("form \(name) must map field names to their descriptions"))
                return nil
            }
            let fields = fieldEntries.compactMap { fieldKey, fieldNode in readField(fieldKey, fieldNode, form: name) }
            return FormSpec(name: name, fields: fields, location: key.diagnostic(""))
        }
    }

    private func readField(_ key: SpecNode, _ node: SpecNode, form: String) -> FormFieldSpec? {
        guard let name = key.scalarText, Identifier.isValid(name) else {
            log.report(key.diagnostic("form \(form): '\(key.scalarText ?? "?")' is not a valid field name"))
            return nil
        }
        let what = "form \(form), field \(name)"
        guard let reader = MappingReader(node, log: log, what: what) else { return nil }
        let typeName = reader.string("type", required: true)
        let label = reader.string("label") ?? name.replacingOccurrences(of: "_", with: " ").capitalized
        let defaultValue = reader.value("default").flatMap { $0.isNull ? nil : $0.literal }
        let placeholder = reader.string("placeholder")
        let description = reader.string("description")
        var attributes: [(String, String)] = []
        if let renderNode = reader.value("render_kw"), !renderNode.isNull {
            for (attributeKey, attributeValue) in renderNode.entries ?? [] {
                guard let attribute = attributeKey.scalarText, attribute.range(of: "^[a-zA-Z_:][-a-zA-Z0-9_:.]*$", options: .regularExpression) != nil,
                      !attribute.lowercased().hasPrefix("on"), let text = attributeValue.scalarText else {
                    log.report(attributeKey.diagnostic("\(what): render_kw maps attribute names (not event handlers) to texts"))
                    continue
                }
                attributes.append((attribute, text))
            }
        }
        var choices: [(String, String)] = []
        if let choicesNode = reader.value("choices"), !choicesNode.isNull {
            for item in choicesNode.items ?? [] {
                if let pair = item.items, pair.count == 2, let value = pair[0].scalarText, let text = pair[1].scalarText {
                    choices.append((value, text))
                } else if let value = item.scalarText {
                    choices.append((value, value))
                } else {
                    log.report(item.diagnostic("\(what): a choice is a value or [value, label]"))
                }
            }
        }
        var choicesFrom: ContextQuery?
        if let node = reader.value("choices_from"), !node.isNull {
            if node.entries != nil {
                if case .query(let query)? = ContextValueReader(log: log).readShorthand(node, kind: .query) { choicesFrom = query }
            } else if let model = node.scalarText {
                choicesFrom = ContextQuery(kind: .query, model: model, location: node.diagnostic(""))
            }
        }
        let validators = (reader.value("validators")?.items ?? []).compactMap { readValidator($0, what: what) }
        reader.finish(known: Self.fieldKeys)
        guard let typeName else { return nil }
        guard let kind = FormFieldSpec.Kind(rawValue: typeName) else {
            let known = FormFieldSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report("\(what): unknown type '\(typeName)' (types: \(known))", at: "type")
            return nil
        }
        if kind == .select, choices.isEmpty, choicesFrom == nil {
            reader.report("\(what): a select needs `choices` or `choices_from`", at: "type")
        }
        return FormFieldSpec(name: name, kind: kind, label: label, defaultValue: defaultValue, placeholder: placeholder,
                             description: description, attributes: attributes, choices: choices, choicesFrom: choicesFrom,
                             validators: validators, location: key.diagnostic(""))
    }

    /// The validators that may be written by name alone.
    private static let optionless: [String: ValidatorSpec.Rule] = [
        "required": .required, "email": .email, "unique": .unique(model: nil, field: nil),
    ]

    /// `required` or `{length: {min: 2, max: 20, message: …}}`.
    func readValidator(_ node: SpecNode, what: String) -> ValidatorSpec? {
        let location = node.diagnostic("")
        if let name = node.scalarText, node.isPlain {
            guard let rule = Self.optionless[name] else {
                log.report(node.diagnostic("\(what): unknown validator '\(name)' (or it needs options: {\(name): {…}})"))
                return nil
            }
            return ValidatorSpec(rule: rule, location: location)
        }
        guard let entries = node.entries, entries.count == 1, let name = entries[0].key.scalarText else {
            log.report(node.diagnostic("\(what): a validator is a name or {name: {options}}"))
            return nil
        }
        let options = entries[0].value
        guard let reader = options.isNull ? nil : MappingReader(options, log: log, what: "\(what), validator \(name)") else {
            guard let rule = Self.optionless[name] else {
                log.report(node.diagnostic("\(what): validator '\(name)' needs options"))
                return nil
            }
            return ValidatorSpec(rule: rule, location: location)
        }
        let message = reader.string("message")
        let rule: ValidatorSpec.Rule
        switch name {
        case "required": rule = .required
        case "email": rule = .email
        case "length":
            let min = reader.int("min"), max = reader.int("max")
            if min == nil && max == nil { reader.report("\(what): length needs min or max") }
            rule = .length(min: min, max: max)
        case "equal_to":
            guard let field = reader.string("field", required: true) else { return nil }
            rule = .equalTo(field: field)
        case "number_range":
            let min = number(reader.value("min")), max = number(reader.value("max"))
            rule = .numberRange(min: min, max: max)
        case "regexp":
            guard let pattern = reader.string("pattern", required: true) else { return nil }
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                reader.report("\(what): '\(pattern)' is not a valid regular expression", at: "pattern")
                return nil
            }
            rule = .regexp(pattern: pattern)
        case "unique":
            rule = .unique(model: reader.string("model"), field: reader.string("field"))
        case "file_allowed":
            rule = .fileAllowed(extensions: (reader.strings("extensions") ?? []).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        case "file_size":
            guard let max = reader.int("max") else {
                reader.report("\(what): file_size needs max (bytes)")
                return nil
            }
            rule = .fileSize(max: max)
        default:
            log.report(node.diagnostic("\(what): unknown validator '\(name)' (validators: required, length, email, equal_to, number_range, regexp, unique, file_allowed, file_size)"))
            return nil
        }
        reader.finish(known: ["message", "min", "max", "field", "pattern", "model", "extensions"])
        return ValidatorSpec(rule: rule, message: message, location: location)
    }

    private func number(_ node: SpecNode?) -> Double? {
        guard let node, !node.isNull else { return nil }
        switch node.literal {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default:
            log.report(node.diagnostic("a number is expected"))
            return nil
        }
    }
}
