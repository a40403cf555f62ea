import SakyumSpec

/// One row of a model, its values in field order; looked up by field name like a Python attribute.
public struct Record: Sendable, Hashable {
    /// The model, shared by every row a Store reads of it: a page copies its rows often, and a `ModelSpec`
    /// copy costs a retain for each of its names and lists.
    @usableFromInline let layout: RecordLayout
    /// In the order of `model.fields`.
    public let values: [FieldValue]

    @inlinable public var model: ModelSpec { layout.model }

    public init(model: ModelSpec, values: [FieldValue]) {
        self.init(layout: RecordLayout(model), values: values)
    }

    init(layout: RecordLayout, values: [FieldValue]) {
        precondition(values.count == layout.model.fields.count, "a record has one value per field")
        self.layout = layout
        self.values = values
    }

    /// The value of a field, or nil when the model has no such field.
    public subscript(field: String) -> FieldValue? {
        layout.position(of: field).map { values[$0] }
    }

    /// The primary key's value. Every row of a page is keyed by its id several times.
    public var id: FieldValue {
        values.isEmpty ? .null : values[layout.primaryKeyPosition]
    }

    /// Field names with their values, in field order.
    public var fields: [(name: String, value: FieldValue)] {
        zip(layout.names, values).map { ($0, $1) }
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        (lhs.layout === rhs.layout || lhs.layout.model == rhs.layout.model) && lhs.values == rhs.values
    }

    /// By the model's name: equal records have equal models, and hashing a whole `ModelSpec` is slow.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(layout.model.name)
        hasher.combine(values)
    }
}

/// What the rows of one model share: its spec, its field names in order, its primary key's position and the
/// column list its SELECTs read. Made once per model when a Store is made (`StoreSchema`).
@usableFromInline final class RecordLayout: Sendable {
    @usableFromInline let model: ModelSpec
    let names: [String]
    let primaryKeyPosition: Int
    /// `"id", "title", …`: the columns in field order, quoted.
    let quotedColumns: String

    init(_ model: ModelSpec) {
        self.model = model
        names = model.fields.map(\.name)
        primaryKeyPosition = model.fields.firstIndex { $0.primaryKey } ?? 0
        quotedColumns = model.fields.map(\.name.quotedIdentifier).joined(separator: ", ")
    }

    func position(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}
