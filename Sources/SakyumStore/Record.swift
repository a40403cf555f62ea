import SakyumSpec

/// One row of a model, its values in field order; looked up by field name like a Python attribute.
public struct Record: Sendable, Hashable {
    public let model: ModelSpec
    /// In the order of `model.fields`.
    public let values: [FieldValue]

    public init(model: ModelSpec, values: [FieldValue]) {
        precondition(values.count == model.fields.count, "a record has one value per field")
        self.model = model
        self.values = values
    }

    /// The value of a field, or nil when the model has no such field.
    public subscript(field: String) -> FieldValue? {
        model.fields.firstIndex { $0.name == field }.map { values[$0] }
    }

    /// The primary key's value. Found by position, without copying the key's `FieldSpec` (`model.primaryKey`):
    /// every row of a page is keyed by its id several times.
    public var id: FieldValue {
        guard !values.isEmpty else { return .null }
        return values[model.fields.firstIndex { $0.primaryKey } ?? 0]
    }

    /// Field names with their values, in field order.
    public var fields: [(name: String, value: FieldValue)] {
        zip(model.fields, values).map { ($0.name, $1) }
    }
}
