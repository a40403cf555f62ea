import Foundation
import SakyumSpec

/// A form of forms.yaml checked against the models: `choices_from` and `unique` name real models and
/// fields, `equal_to` a field of the form. Built once per Site.
struct FormDefinition: Sendable {
    let name: String
    let fields: [FormFieldSpec]

    init?(_ spec: FormSpec, app: String, models: [ModelSpec], diagnostics: inout [Diagnostic]) {
        let before = diagnostics.count
        for field in spec.fields {
            func report(_ message: String, _ location: Diagnostic? = nil) {
                diagnostics.append((location ?? field.location).with(message: "form \(spec.name), field \(field.name): \(message)"))
            }
            if let query = field.choicesFrom, !models.contains(where: { $0.name == query.model }) {
                report("choices_from: there is no model '\(query.model)'")
            }
            for validator in field.validators {
                switch validator.rule {
                case .equalTo(let other) where spec.field(other) == nil:
                    report("equal_to: the form has no field '\(other)'", validator.location)
                case .unique(let model?, let column):
                    guard let target = models.first(where: { $0.name == model }) else {
                        report("unique: there is no model '\(model)'", validator.location)
                        continue
                    }
                    if target.field(column ?? field.name) == nil {
                        report("unique: model \(model) has no field '\(column ?? field.name)'", validator.location)
                    }
                case .length(let min?, let max?) where min > max:
                    report("length: min is larger than max", validator.location)
                case .numberRange(let min?, let max?) where min > max:
                    report("number_range: min is larger than max", validator.location)
                default:
                    break
                }
            }
        }
        guard diagnostics.count == before else { return nil }
        self.name = spec.name
        self.fields = spec.fields
    }

    /// The fields that carry data (not submit buttons).
    var dataFields: [FormFieldSpec] { fields.filter { $0.kind != .submit } }
}
