import Foundation
import GRDB
import SakyumSpec

/// A project's database: models.yaml's tables on SQLite through a GRDB `DatabasePool` (WAL, foreign keys
/// on, a busy timeout, one writer, concurrent readers). Every call runs on GRDB's queues, never the caller's.
public final class Store: Sendable {
    /// How long a connection waits for another process's lock before failing.
    public static let busyTimeout: TimeInterval = 10

    public let path: String
    public let models: [ModelSpec]
    private let pool: DatabasePool
    private let schema: StoreSchema

    /// Opens (or creates) the database at `path` and creates the tables of `models` that are missing.
    /// Existing tables are left as they are: changing them is the migrator's job.
    public init(path: String, models: [ModelSpec]) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.label = "sakyum-store"
        let schema = StoreSchema(models: models)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                for model in models where try !db.tableExists(model.table) {
                    for statement in TableDefinition(model: model).statements {
                        try db.execute(sql: statement)
                    }
                }
            }
        } catch {
            throw StoreError(error)
        }
        self.path = path
        self.models = models
        self.schema = schema
    }

    /// Runs `body` in a read-only snapshot: concurrent writes are not seen, and do not wait for it.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws(StoreError) -> T {
        let schema = self.schema
        do {
            return try await pool.read { db in try body(StoreTransaction(db: db, schema: schema)) }
        } catch {
            throw StoreError(error)
        }
    }

    /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
    public func write<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws(StoreError) -> T {
        let schema = self.schema
        do {
            return try await pool.write { db in try body(StoreTransaction(db: db, schema: schema)) }
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

    /// The names of the tables in the database file, for status and migrations.
    public func tableNames() async throws(StoreError) -> [String] {
        try await read { transaction in
            try String.fetchAll(transaction.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
    }
}
