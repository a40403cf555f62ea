import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A create or edit form generated from a model's fields: the inputs, the submitted values and the
/// messages beside each field (WTForms' wording, as Flask-Admin shows them).
struct AdminForm {
    let admin: ModelAdmin
    /// What the inputs show: the row's values, or what was submitted.
    var texts: [String: String] = [:]
    var errors: [String: [String]] = [:]
    /// Errors about the whole row (a constraint the database refused).
    var formErrors: [String] = []

    init(admin: ModelAdmin, record: Record? = nil) {
        self.admin = admin
        for field in admin.formFields {
            if admin.isUserAdmin && field.name == "password" { continue }
            if let value = record?[field.name] {
                texts[field.name] = Self.inputText(value, field: field)
            } else if case .value(let literal)? = field.defaultValue {
                texts[field.name] = Self.inputText(FieldValue(literal), field: field)
            }
        }
    }

    /// The submitted values converted to their fields, or nil with `errors` filled. `existing` is the row
    /// being edited (a blank password then keeps the old one).
    mutating func read(_ form: FormFields, existing: Record?, transaction: StoreTransaction) throws -> [String: FieldValue]? {
        var values: [String: FieldValue] = [:]
        for field in admin.formFields {
            let raw = form[field.name]
            if field.type == .boolean && field.choices.isEmpty {
                values[field.name] = .boolean(FormFields.isChecked(raw))
                texts[field.name] = FormFields.isChecked(raw) ? "y" : ""
                continue
            }
            let text = (raw ?? "").trimmingCharacters(in: field.type == .text ? .init() : .whitespaces)
            if !(admin.isUserAdmin && field.name == "password") { texts[field.name] = text }
            // A value sent back as the form showed it is kept exactly: an input cannot show everything
            // (a datetime's microseconds), and saving an unchanged row must not change it.
            if let current = existing?[field.name], !(admin.isUserAdmin && field.name == "password"),
               Self.inputText(current, field: field) == text {
                values[field.name] = current
                continue
            }
            let validators = admin.validators[field.name] ?? []
            if text.isEmpty, let required = validators.first(where: { if case .required = $0.rule { true } else { false } }),
               !(admin.isUserAdmin && field.name == "password" && existing != nil) {
                errors[field.name, default: []].append(required.message ?? "This field is required.")
                continue
            }
            if !text.isEmpty, let problem = try Self.problem(with: text, validators: validators, form: form) {
                errors[field.name, default: []].append(problem)
                continue
            }
            if text.isEmpty {
                if admin.isUserAdmin && field.name == "password" {
                    if existing == nil { errors[field.name, default: []].append("This field is required.") }
                    continue
                }
                if !field.nullable && field.defaultValue == nil && !field.primaryKey {
                    errors[field.name, default: []].append("This field is required.")
                } else if field.nullable || existing != nil {
                    values[field.name] = field.nullable ? .null : nil
                }
                continue
            }
            let value: FieldValue
            do {
                value = try Self.value(typed: text, into: field, of: admin.model.name)
            } catch {
                errors[field.name, default: []].append(error.sentence)
                continue
            }
            if admin.isUserAdmin, let problem = Self.accountProblem(field.name, text) {
                errors[field.name, default: []].append(problem)
                continue
            }
            if !field.choices.isEmpty, !field.choices.contains(where: { (try? FieldValue($0.value).converted(to: field, of: admin.model.name)) == value }) {
                errors[field.name, default: []].append("Not a valid choice.")
                continue
            }
            if let reference = field.foreignKey, let target = relatedModel(of: field),
               try transaction.first(Query(model: target, filters: [.eq(reference.column, value)])) == nil {
                errors[field.name, default: []].append("Not a valid choice.")
                continue
            }
            if field.unique || field.primaryKey {
                var filters: [Filter] = [.eq(field.name, value)]
                if let existing { filters.append(.ne(admin.model.primaryKey.name, existing.id)) }
                if try transaction.first(Query(model: admin.model.name, filters: filters)) != nil {
                    errors[field.name, default: []].append("Already exists.")
                    continue
                }
            }
            values[field.name] = value
        }
        try checkChoiceLimits(values, transaction: transaction)
        return errors.isEmpty ? values : nil
    }

    /// `limit_choices_to`: a foreign key's row must agree with the form's other fields.
    private mutating func checkChoiceLimits(_ values: [String: FieldValue], transaction: StoreTransaction) throws {
        for field in admin.formFields {
            guard let limits = admin.choiceLimits[field.name], errors[field.name] == nil, let value = values[field.name], !value.isNull,
                  let reference = field.foreignKey, let target = relatedModel(of: field),
                  let row = try transaction.first(Query(model: target, filters: [.eq(reference.column, value)])) else { continue }
            for limit in limits {
                guard let expected = values[limit.formField.name], !expected.isNull else { continue }
                if row[limit.relatedField.name]?.displayText != expected.displayText {
                    errors[field.name, default: []].append("Not a valid choice.")
                    break
                }
            }
        }
    }

    /// The first message of `validators` (form_args) for `text`, each validator's own message when it has one.
    private static func problem(with text: String, validators: [ValidatorSpec], form: FormFields) throws -> String? {
        let texts = Dictionary(form.values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        for validator in validators {
            if let problem = try validator.problem(with: text, form: texts) { return validator.message ?? problem }
        }
        return nil
    }

    /// sakyum's rules for a user's username and email, as add-user and registering apply them.
    private static func accountProblem(_ field: String, _ text: String) -> String? {
        switch field {
        case "email": AccountRules.isValidEmail(text) ? nil : "Invalid email address."
        case "username": (3...20).contains(text.count) ? nil : "Username must be between 3 and 20 characters"
        default: nil
        }
    }

    /// The model a foreign-key field points at (through its many-to-one relationship, else by table).
    func relatedModel(of field: FieldSpec) -> String? {
        if let relationship = admin.model.manyToOne(through: field.name) {
            return relationship.model
        }
        return nil
    }

    /// The fields as templates see them: name, label, input type, value, options, errors.
    /// `limits`: for a field with `limit_choices_to`, the form field its options follow and each option's
    /// value of it (the browser hides the options that do not match).
    func templateValue(options: [String: [(value: String, label: String)]],
                       limits: [String: (formField: String, values: [String: String])] = [:]) -> Value {
        .array(admin.formFields.map { field in
            var pairs: [(String, Value)] = [
                ("name", .string(field.name)),
                ("label", .string(admin.label(of: field))),
                ("type", .string(inputType(field, hasOptions: options[field.name] != nil))),
                ("value", .string(texts[field.name] ?? "")),
                ("required", .bool(!field.nullable && field.defaultValue == nil && !(admin.isUserAdmin && field.name == "password"))),
                ("errors", .array((errors[field.name] ?? []).map(Value.string))),
                ("first_error", .bool(field.name == firstFieldInError)),
            ]
            if case .string(let length?) = field.type { pairs.append(("maxlength", .int(length))) }
            if let choices = options[field.name] {
                let limit = limits[field.name]
                pairs.append(("options", .array(choices.map { choice in
                    .dict([("value", .string(choice.value)), ("label", .string(choice.label)),
                           ("selected", .bool(choice.value == (texts[field.name] ?? ""))),
                           ("limit", limit?.values[choice.value].map(Value.string) ?? .none)])
                })))
                pairs.append(("limited_by", limit.map { .string($0.formField) } ?? .none))
            }
            return .dict(pairs)
        })
    }

    /// The first field, in the form's order, with a message: it takes the focus.
    private var firstFieldInError: String? {
        admin.formFields.first { errors[$0.name]?.isEmpty == false }?.name
    }

    private func inputType(_ field: FieldSpec, hasOptions: Bool) -> String {
        if admin.isUserAdmin && field.name == "password" { return "password" }
        if hasOptions { return "select" }
        if field.foreignKey != nil { return "lookup" }
        switch field.type {
        case .boolean: return "checkbox"
        case .integer, .float: return "number"
        case .date: return "date"
        case .datetime: return "datetime-local"
        case .text, .json: return "textarea"
        case .string: return "text"
        }
    }

    static func inputText(_ value: FieldValue, field: FieldSpec) -> String {
        switch value {
        case .null: ""
        case .boolean(let flag): flag ? "y" : ""
        case .datetime(let moment): String(moment.description.prefix(19)).replacingOccurrences(of: " ", with: "T")
        default: value.displayText
        }
    }

    /// What `text`, typed into `field`, stands for: the length limit and the type's own conversion, read the same
    /// way by the main form and its inline rows.
    static func value(typed text: String, into field: FieldSpec, of model: String) throws(FieldProblem) -> FieldValue {
        if case .string(let length?) = field.type, text.count > length {
            throw FieldProblem(sentence: "Field cannot be longer than \(length) characters.")
        }
        do {
            return try FieldValue.string(field.type == .datetime ? text.replacingOccurrences(of: "T", with: " ") : text)
                .converted(to: field, of: model)
        } catch {
            guard case .invalidValue(_, _, let reason) = error else { throw FieldProblem(sentence: "Not a valid value.") }
            throw FieldProblem(sentence: sentence(reason))
        }
    }

    private static func sentence(_ reason: String) -> String {
        let text = reason.capitalizedFirst
        return text.hasSuffix(".") ? text : text + "."
    }
}

/// Why a form field's text stands for no value, as the sentence shown under the field.
struct FieldProblem: Error {
    let sentence: String
}
