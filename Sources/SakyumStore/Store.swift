import Foundation
import SakyumSpec

/// A project's models over its `StoreDatabase`: the async API the layers above use. Cheap to make, so
/// every Site gets its own with the models it was built from. Every call runs on GRDB's queues, never the caller's.
public final class Store: Sendable {
    public let database: StoreDatabase
    public let models: [ModelSpec]
    private let schema: StoreSchema

    public var path: String { database.path }

    public init(database: StoreDatabase, models: [ModelSpec]) {
        self.database = database
        self.models = models
        self.schema = StoreSchema(models: models)
    }

    /// Opens (or creates) the database at `path` and creates the tables of `models` that are missing.
    /// Existing tables are left as they are: changing them is the migrator's job.
    public convenience init(path: String, models: [ModelSpec]) throws(StoreError) {
        let database = try StoreDatabase(path: path)
        _ = try database.synchronize(models: models, applyingAdditive: false)
        self.init(database: database, models: models)
    }

    /// Runs `body` in a read-only snapshot: concurrent writes are not seen, and do not wait for it.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.read(schema: schema, body)
        } catch {
            throw StoreError(error)
        }
    }

    /// Like `read`, but the body's own errors come through unchanged (only the database's become StoreError):
    /// for callers that stop with their own error, like a page answering 404 in the middle of a render.
    public func snapshot<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await database.read(schema: schema, body)
    }

    /// Like `write`, but the body's own errors come through unchanged (and still roll everything back).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await database.write(schema: schema, body)
    }

    /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
    public func write<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.write(schema: schema, body)
        } catch {
            throw StoreError(error)
        }
    }

    public func get(_ model: String, id: FieldValue) async throws(StoreError) -> Record? {
        try await read { try $0.get(model, id: id) }
    }

    public func all(_ query: Query) async throws(StoreError) -> [Record] {
        try await read { try $0.all(query) }
    }

    public func first(_ query: Query) async throws(StoreError) -> Record? {
        try await read { try $0.first(query) }
    }

    public func count(_ query: Query) async throws(StoreError) -> Int {
        try await read { try $0.count(query) }
    }

    /// A page of rows and the total count, from the same snapshot.
    public func page(_ query: Query) async throws(StoreError) -> Page {
        try await read { try $0.page(query) }
    }

    @discardableResult
    public func insert(_ model: String, values: [String: FieldValue]) async throws(StoreError) -> Record {
        try await write { try $0.insert(model, values: values) }
    }

    @discardableResult
    public func update(_ model: String, id: FieldValue, values: [String: FieldValue]) async throws(StoreError) -> Record {
        try await write { try $0.update(model, id: id, values: values) }
    }

    public func delete(_ model: String, id: FieldValue) async throws(StoreError) {
        try await write { try $0.delete(model, id: id) }
    }

    public func related(_ record: Record, _ relationship: String) async throws(StoreError) -> Record? {
        try await read { try $0.related(record, relationship) }
    }

    public func relatedList(_ record: Record, _ relationship: String, order: [Query.Order] = []) async throws(StoreError) -> [Record] {
        try await read { try $0.relatedList(record, relationship, order: order) }
    }

    /// The names of the tables in the database, for status and migrations.
    public func tableNames() async throws(StoreError) -> [String] {
        try await database.tableNames()
    }
}
