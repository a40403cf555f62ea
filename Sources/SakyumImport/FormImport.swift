/// forms.yaml for each app from its forms.py: `FlaskForm` classes whose fields are WTForms fields
/// with the validators forms.yaml knows. Custom validators (`validate_<field>` methods) are Python
/// logic and go to the report.
struct FormImport {
    private(set) var forms: [String: [(name: String, fields: [YAMLValue.Entry])]] = [:]

    init(source: SakyumSource, report: inout ImportReport) {
        for app in source.apps {
            guard let module = source.module(app + "/forms.py") else { continue }
            for form in module.classes(deriving: ["FlaskForm", "Form"]) {
                var fields: [YAMLValue.Entry] = []
                for statement in form.body {
                    switch statement.kind {
                    case .assign(let targets, let value):
                        guard case .name(let name) = targets.first else { continue }
                        if let field = Self.field(name, value, form: form.name, at: module.location(statement.line), report: &report) {
                            fields.append(.init(name, .map(field)))
                        }
                    case .functionDef(let name, _, _, _):
                        report.note(.forms, module.location(statement.line), "\(form.name).\(name) is Python logic; not imported"
                                    + (name.hasPrefix("validate_") ? " (forms.yaml's validators: required, length, email, equal_to, number_range, regexp, unique, file_allowed, file_size)" : ""))
                    default:
                        continue
                    }
                }
                forms[app, default: []].append((form.name, fields))
            }
        }
    }

    func yaml(app: String) -> String? {
        guard let ofApp = forms[app], !ofApp.isEmpty else { return nil }
        var document = YAMLDocument()
        document.comment("Forms of the \(app) app, imported from sakyum (\(app)/forms.py). See docs/forms.md.")
        for form in ofApp {
            document.blank()
            document.block(form.name, form.fields)
        }
        return document.text
    }

    private static let fieldTypes: [String: String] = [
        "StringField": "string", "TextAreaField": "textarea", "PasswordField": "password", "EmailField": "email",
        "IntegerField": "integer", "FloatField": "float", "DecimalField": "float", "BooleanField": "boolean",
        "SelectField": "select", "RadioField": "select", "DateField": "date", "DateTimeField": "datetime",
        "DateTimeLocalField": "datetime", "FileField": "file", "HiddenField": "hidden", "SubmitField": "submit",
        "URLField": "string", "TelField": "string", "SearchField": "string",
    ]

    private static func field(_ name: String, _ call: PythonExpression, form: String, at location: String,
                              report: inout ImportReport) -> [YAMLValue.Entry]? {
        guard let callee = call.calleeName else {
            report.note(.forms, location, "\(form).\(name) is not a WTForms field; not imported")
            return nil
        }
        let className = String(callee.split(separator: ".").last ?? "")
        guard let type = fieldTypes[className] else {
            report.note(.forms, location, "\(form).\(name) is a \(className), which forms.yaml has no type for; not imported "
                        + "(types: string textarea password email integer float boolean select date datetime file hidden submit)")
            return nil
        }
        var entry: [YAMLValue.Entry] = [.init("type", .string(type))]
        if let label = call.positional.first?.stringValue ?? call.keyword("label")?.stringValue {
            entry.append(.init("label", .string(label)))
        }
        if let description = call.keyword("description")?.stringValue { entry.append(.init("description", .string(description))) }
        if let value = call.keyword("default").flatMap(literal) { entry.append(.init("default", value)) }
        if type == "select" {
            guard case .list(let items)? = call.keyword("choices") else {
                report.note(.forms, location, "\(form).\(name): its choices are computed in Python; imported as a string field "
                            + "(a select can take `choices_from: {model: MODEL}`)")
                entry[0] = .init("type", .string("string"))
                return entry
            }
            entry.append(.init("choices", .list(items.compactMap { item in
                if case .tuple(let pair) = item, pair.count == 2, let value = literal(pair[0]), let label = literal(pair[1]) { return .list([value, label]) }
                return literal(item)
            })))
        }
        var validators: [YAMLValue] = []
        if case .list(let items)? = call.keyword("validators") {
            for item in items {
                if let validator = validator(item) {
                    validators.append(validator)
                } else {
                    report.note(.forms, location, "\(form).\(name): validator \(item.calleeName ?? item.dottedName ?? "?") has no forms.yaml equivalent; not imported")
                }
            }
        }
        if !validators.isEmpty { entry.append(.init("validators", .list(validators))) }
        return entry
    }

    private static func validator(_ call: PythonExpression) -> YAMLValue? {
        guard let callee = call.calleeName ?? call.dottedName else { return nil }
        var options: [YAMLValue.Entry] = []
        func option(_ key: String, _ value: PythonExpression?) {
            if let value, let literal = literal(value) { options.append(.init(key, literal)) }
        }
        let name: String
        switch String(callee.split(separator: ".").last ?? "") {
        case "DataRequired", "InputRequired", "data_required", "input_required":
            name = "required"
        case "Email", "email":
            name = "email"
        case "Length", "length":
            name = "length"
            option("min", call.keyword("min") ?? call.positional.first)
            option("max", call.keyword("max") ?? (call.positional.count > 1 ? call.positional[1] : nil))
            options.removeAll { $0.value == .int(-1) }
        case "EqualTo", "equal_to":
            name = "equal_to"
            option("field", call.keyword("fieldname") ?? call.positional.first)
        case "NumberRange", "number_range":
            name = "number_range"
            option("min", call.keyword("min") ?? call.positional.first)
            option("max", call.keyword("max") ?? (call.positional.count > 1 ? call.positional[1] : nil))
        case "Regexp", "regexp":
            name = "regexp"
            option("pattern", call.keyword("regex") ?? call.positional.first)
        case "FileAllowed":
            name = "file_allowed"
            option("extensions", call.keyword("upload_set") ?? call.positional.first)
        case "FileSize":
            name = "file_size"
            option("max", call.keyword("max_size") ?? call.positional.first)
        default:
            return nil
        }
        option("message", call.keyword("message"))
        return options.isEmpty ? .string(name) : .map([.init(name, .map(options))])
    }

    static func literal(_ value: PythonExpression) -> YAMLValue? {
        switch value {
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .none: return .null
        case .list(let items), .tuple(let items):
            let values = items.compactMap(literal)
            return values.count == items.count ? .list(values) : nil
        default:
            if let number = value.integerValue { return .int(number) }
            if case .number(let text) = value, let number = Double(text) { return .double(number) }
            return nil
        }
    }
}
