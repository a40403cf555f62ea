import Foundation
import NIOCore
import SakyumSpec
import SakyumStore

extension BoundForm {
    /// The most rows a `choices_from` select offers.
    static let optionLimit = 1000

    /// The options of every select: fixed choices, or the rows of its `choices_from` query (primary key, `str`).
    mutating func loadOptions(_ queries: [String: PageQuery], inputs: QueryInputs, transaction: StoreTransaction, loader: RowLoader) throws {
        for field in definition.fields where field.kind == .select {
            if let query = queries[field.name] {
                let rows = try query.records(in: transaction, inputs: inputs)
                options[field.name] = [("", "")] + rows.map { ($0.id.displayText, loader.text(of: $0)) }
            } else {
                options[field.name] = field.choices
            }
        }
    }

    /// Reads and checks a submission with WTForms' rules and messages; an empty field that is not required
    /// skips its other validators (WTForms' Optional). Returns the model's values for `change`'s stored
    /// fields, or nil with `errors` filled. What was typed comes back in the inputs, passwords excepted.
    mutating func validate(_ submitted: FormFields, change: ModelChange?, existing: Record?,
                           transaction: StoreTransaction) throws -> [String: FieldValue]? {
        errors = [:]
        var texts: [String: String] = [:]
        for field in definition.dataFields {
            let raw = submitted[field.name] ?? ""
            let text = field.kind == .password || field.kind == .textarea ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
            texts[field.name] = text
            switch field.kind {
            case .boolean:
                if FormFields.isChecked(raw) { checked.insert(field.name) } else { checked.remove(field.name) }
            case .password, .file:
                self.texts[field.name] = ""
            default:
                self.texts[field.name] = text
            }
        }
        for field in definition.dataFields {
            let text = texts[field.name] ?? ""
            func fail(_ message: String, _ validator: ValidatorSpec? = nil) {
                errors[field.name, default: []].append(validator?.message ?? message)
            }
            let file = field.kind == .file ? submitted.file(field.name).flatMap { $0.filename.isEmpty ? nil : $0 } : nil
            let isEmpty = field.kind == .file ? file == nil : field.kind == .boolean ? !checked.contains(field.name) : text.isEmpty
            if isEmpty {
                if let required = field.validators.first(where: { if case .required = $0.rule { true } else { false } }) {
                    fail("This field is required.", required)
                }
                continue
            }
            switch field.kind {
            case .integer where Int(text) == nil: fail("Not a valid integer value."); continue
            case .float where Double(text).map({ $0.isFinite }) != true: fail("Not a valid float value."); continue
            case .date where DateValue(parsing: text) == nil: fail("Not a valid date value."); continue
            case .datetime where DateTimeValue(parsing: text.replacingOccurrences(of: "T", with: " ")) == nil:
                fail("Not a valid datetime value."); continue
            case .select where !(options[field.name] ?? []).contains(where: { $0.value == text && !$0.value.isEmpty }):
                fail("Not a valid choice."); continue
            default: break
            }
            for validator in field.validators {
                switch validator.rule {
                case .required:
                    break
                case .length, .email, .equalTo, .numberRange, .regexp:
                    if let problem = try validator.problem(with: text, form: texts) { fail(problem, validator) }
                case .unique(let modelName, let column):
                    guard let model = modelName.flatMap({ name in change.flatMap { $0.model.name == name ? $0.model : nil } })
                            ?? change?.model,
                          let target = model.field(column ?? field.name) else { continue }
                    guard let value = try? FieldValue.string(text).converted(to: target, of: model.name) else { continue }
                    var filters: [Filter] = [.eq(target.name, value)]
                    if let existing, existing.model.name == model.name { filters.append(.ne(model.primaryKey.name, existing.id)) }
                    if try transaction.first(Query(model: model.name, filters: filters)) != nil {
                        fail("Already exists.", validator)
                    }
                case .fileAllowed(let extensions):
                    let ext = (file?.filename as NSString?)?.pathExtension.lowercased() ?? ""
                    if !extensions.contains(ext) {
                        fail("File does not have an approved extension: \(extensions.joined(separator: ", "))", validator)
                    }
                case .fileSize(let max):
                    if (file?.data.readableBytes ?? 0) > max { fail("File must be at most \(max) bytes.", validator) }
                }
            }
        }
        guard errors.isEmpty else { return nil }
        var values: [String: FieldValue] = [:]
        for field in change?.storedFields ?? [] {
            // A file field's value is the name its upload was saved under (see StoredFiles); no upload keeps the old one.
            guard let formField = definition.field(field.name), formField.kind != .file else { continue }
            if formField.kind == .boolean {
                values[field.name] = .boolean(checked.contains(field.name))
                continue
            }
            let text = texts[field.name] ?? ""
            if text.isEmpty {
                values[field.name] = .null
                continue
            }
            do {
                let input = field.type == .datetime ? text.replacingOccurrences(of: "T", with: " ") : text
                values[field.name] = try FieldValue.string(input).converted(to: field, of: field.name)
            } catch {
                if case .invalidValue(_, _, let reason) = error { errors[field.name, default: []].append(reason.capitalizedFirst + ".") }
            }
        }
        return errors.isEmpty ? values : nil
    }

}

extension FormDefinition {
    func field(_ name: String) -> FormFieldSpec? {
        fields.first { $0.name == name }
    }
}

extension ValidatorSpec {
    /// What is wrong with `text` by this rule, in WTForms' words (nil when it passes); `form` holds the
    /// other fields' texts for `equal_to`. The rules about the database (unique) and files are the caller's.
    func problem(with text: String, form: [String: String]) throws -> String? {
        switch rule {
        case .length(let min, let max):
            let count = text.count
            if let min, let max, count < min || count > max {
                return min == max ? "Field must be exactly \(min) characters long." : "Field must be between \(min) and \(max) characters long."
            } else if let min, max == nil, count < min {
                return "Field must be at least \(min) character\(min == 1 ? "" : "s") long."
            } else if let max, min == nil, count > max {
                return "Field cannot be longer than \(max) character\(max == 1 ? "" : "s")."
            }
        case .email:
            if !AccountRules.isValidEmail(text) { return "Invalid email address." }
        case .equalTo(let other):
            if text != form[other] { return "Field must be equal to \(other)." }
        case .numberRange(let min, let max):
            guard let number = Double(text), (min.map { number < $0 } ?? false) || (max.map { number > $0 } ?? false) else { return nil }
            switch (min, max) {
            case let (min?, max?): return "Number must be between \(FormWidget.numberText(min)) and \(FormWidget.numberText(max))."
            case let (min?, nil): return "Number must be at least \(FormWidget.numberText(min))."
            case let (nil, max?): return "Number must be at most \(FormWidget.numberText(max))."
            default: return nil
            }
        case .regexp(let pattern):
            let regex = try NSRegularExpression(pattern: pattern)
            let whole = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: whole).map({ $0.range.location == 0 }) != true { return "Invalid input." }
        case .required, .unique, .fileAllowed, .fileSize:
            return nil
        }
        return nil
    }
}
