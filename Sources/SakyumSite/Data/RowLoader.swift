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
    /// The first error met while rendering (a database error, a model waiting for a migration);
    /// the page fails with it after rendering.
    private(set) var failure: (any Error)?

    init(transaction: StoreTransaction?, data: SiteData) {
        self.transaction = transaction
        self.strings = data.strings
        self.data = data
    }

    /// A loader outside any snapshot: rows show their fields; relationships are undefined.
    static func detached(data: SiteData) -> RowLoader {
        let loader = RowLoader(transaction: nil, data: data)
        return loader
    }

    func close() {
        transaction = nil
        related = [:]
        texts = [:]
    }

    func object(_ record: Record) -> Value {
        .object(RecordObject(record: record, loader: self))
    }

    /// `question.user` (a row or None) or `question.choices` (a list), nil when closed or failed.
    func value(of relationship: RelationshipSpec, for record: Record) -> Value? {
        let key = RelationKey(row: RowKey(record), relationship: relationship.name)
        if let cached = related[key] { return cached }
        guard let transaction, failure == nil else { return nil }
        do {
            try data.checkMigrated(relationship.model)
            let value: Value
            switch relationship.kind {
            case .manyToOne:
                value = try transaction.related(record, relationship.name).map(object) ?? .none
            case .oneToMany:
                value = .array(try transaction.relatedList(record, relationship.name).map(object))
            }
            related[key] = value
            return value
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

    private struct RowKey: Hashable {
        let model: String
        let id: FieldValue

        init(_ record: Record) {
            model = record.model.name
            id = record.id
        }
    }

    private struct RelationKey: Hashable {
        let row: RowKey
        let relationship: String
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
