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
                case .length(let min, let max):
                    let count = text.count
                    if let min, let max, count < min || count > max {
                        fail(min == max ? "Field must be exactly \(min) characters long." : "Field must be between \(min) and \(max) characters long.", validator)
                    } else if let min, max == nil, count < min {
                        fail("Field must be at least \(min) character\(min == 1 ? "" : "s") long.", validator)
                    } else if let max, min == nil, count > max {
                        fail("Field cannot be longer than \(max) character\(max == 1 ? "" : "s").", validator)
                    }
                case .email:
                    if !AccountRules.isValidEmail(text) { fail("Invalid email address.", validator) }
                case .equalTo(let other):
                    if text != texts[other] {
                        fail("Field must be equal to \(other).", validator)
                    }
                case .numberRange(let min, let max):
                    guard let number = Double(text) else { continue }
                    if (min.map { number < $0 } ?? false) || (max.map { number > $0 } ?? false) {
                        switch (min, max) {
                        case let (min?, max?): fail("Number must be between \(FormWidget.numberText(min)) and \(FormWidget.numberText(max)).", validator)
                        case let (min?, nil): fail("Number must be at least \(FormWidget.numberText(min)).", validator)
                        case let (nil, max?): fail("Number must be at most \(FormWidget.numberText(max)).", validator)
                        default: break
                        }
                    }
                case .regexp(let pattern):
                    let regex = try NSRegularExpression(pattern: pattern)
                    let whole = NSRange(text.startIndex..., in: text)
                    if regex.firstMatch(in: text, range: whole).map({ $0.range.location == 0 }) != true {
                        fail("Invalid input.", validator)
                    }
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
