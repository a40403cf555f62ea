import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Reads related rows while one page renders inside `Store.snapshot`, the way SQLAlchemy lazy-loads
/// `question.user` or `question.choices`: on first access, from the same snapshot, then cached.
///
/// `@unchecked Sendable` because `TemplateObject` must be Sendable, yet a loader never leaves the
/// thread of the snapshot it was made in: rendering is synchronous inside that closure, and `close()`
/// at its end turns any later access into "undefined" instead of touching a finished transaction.
final class RowLoader: @unchecked Sendable {
    private var transaction: StoreTransaction?
    private let strings: ModelStrings
    private let data: SiteData
    private var related: [RelationKey: Value] = [:]
    private var texts: [RowKey: String] = [:]
    /// Which query result each row came from (see `objects`).
    private var siblings: [RowKey: Int] = [:]
    private var siblingGroups: [[Record]] = []
    /// The first error met while rendering (a database error, a model waiting for a migration);
    /// the page fails with it after rendering.
    private(set) var failure: (any Error)?

    /// Without a transaction (outside any snapshot) rows show their fields and relationships are undefined.
    init(transaction: StoreTransaction?, data: SiteData) {
        self.transaction = transaction
        self.strings = data.strings
        self.data = data
    }

    /// A model's rows as the options of a select: the value of `column` (ordered by it) and the row's `str`.
    /// Empty when closed.
    func choices(of model: String, valueColumn column: String) throws -> [(value: String, label: String)] {
        guard let transaction else { return [] }
        return try transaction.all(Query(model: model, order: [Query.Order(column)])).map { row in
            ((row[column] ?? .null).displayText, text(of: row))
        }
    }

    func close() {
        transaction = nil
        related = [:]
        texts = [:]
        siblings = [:]
        siblingGroups = []
    }

    func object(_ record: Record) -> Value {
        .object(RecordObject(record: record, loader: self))
    }

    /// The rows of one query result: when a relationship of one of them is first read, it is loaded for
    /// all of them with one query (`IN (…)`), instead of one query per row.
    func objects(_ records: [Record]) -> [Value] {
        if records.count > 1 {
            siblings.reserveCapacity(siblings.count + records.count)
            for record in records { siblings[RowKey(record)] = siblingGroups.count }
            siblingGroups.append(records)
        }
        return records.map(object)
    }

    /// `question.user` (a row or None) or `question.choices` (a list), nil when closed or failed.
    func value(of relationship: RelationshipSpec, for record: Record) -> Value? {
        let key = RelationKey(row: RowKey(record), relationship: relationship.name)
        if let cached = related[key] { return cached }
        guard let transaction, failure == nil else { return nil }
        do {
            try data.checkMigrated(relationship.model)
            let rows = siblings[key.row].map { siblingGroups[$0] } ?? [record]
            try load(relationship, of: rows, transaction: transaction)
            return related[key] ?? Value.none
        } catch {
            failure = error
            return nil
        }
    }

    /// The row as its model's `str` shows it (`__str__`), rendered once per row and page.
    func text(of record: Record) -> String {
        let key = RowKey(record)
        if let cached = texts[key] { return cached }
        let text = strings.text(of: record, loader: self)
        texts[key] = text
        return text
    }

    /// Loads `relationship` for every row of `rows` (500 keys to a query) into the cache.
    private func load(_ relationship: RelationshipSpec, of rows: [Record], transaction: StoreTransaction) throws {
        guard let first = rows.first, let target = data.model(named: relationship.model) else { return }
        switch relationship.kind {
        case .manyToOne:
            guard let field = first.model.field(relationship.foreignKey), let reference = field.foreignKey else { return }
            var found: [FieldValue: Value] = [:]
            let keys = Array(Set(rows.compactMap { $0[field.name] }.filter { !$0.isNull }))
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
                for row in try transaction.all(Query(model: target.name, filters: [.in(reference.column, chunk)])) {
                    if let key = row[reference.column] { found[key] = object(row) }
                }
            }
            related.reserveCapacity(related.count + rows.count)
            for row in rows {
                let value = row[field.name].flatMap { found[$0] } ?? .none
                related[RelationKey(row: RowKey(row), relationship: relationship.name)] = value
            }
        case .oneToMany:
            guard let field = target.field(relationship.foreignKey), let reference = field.foreignKey else { return }
            var children: [FieldValue: [Record]] = [:]
            let keys = Array(Set(rows.compactMap { $0[reference.column] }.filter { !$0.isNull }))
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
                let query = Query(model: target.name, filters: [.in(field.name, chunk)], order: [Query.Order(target.primaryKey.name)])
                for row in try transaction.all(query) {
                    if let key = row[field.name] { children[key, default: []].append(row) }
                }
            }
            related.reserveCapacity(related.count + rows.count)
            for row in rows {
                let list = row[reference.column].flatMap { children[$0] } ?? []
                related[RelationKey(row: RowKey(row), relationship: relationship.name)] = .array(objects(list))
            }
        }
    }

    /// Hashed by the id alone: hashing the model's name too (SipHash over its text) doubled the cost of the
    /// lookups a page makes per row and relationship; rows of different models with one id differ by `==`.
    private struct RowKey: Hashable {
        let model: String
        let id: FieldValue

        init(_ record: Record) {
            model = record.model.name
            id = record.id
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(id)
        }
    }

    private struct RelationKey: Hashable {
        let row: RowKey
        let relationship: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(row)
            hasher.combine(relationship.utf8.count)
        }
    }
}

/// A row in a template: its fields and relationships as attributes; printed through the model's `str`.
struct RecordObject: TemplateObject {
    let record: Record
    let loader: RowLoader

    func attribute(_ name: String) -> Value? {
        if let value = record[name] { return value.templateValue }
        if let relationship = record.model.relationship(name) { return loader.value(of: relationship, for: record) }
        return nil
    }

    var renderedText: String { loader.text(of: record) }
}
