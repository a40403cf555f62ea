import Foundation
import GRDB
import SakyumSpec
import Synchronization

/// A project's database, opened once and kept across reloads: each new Site gets a `Store` over it.
///
/// Two backends behind one interface: a SQLite file as a GRDB `DatabasePool` (WAL, foreign keys on, a
/// busy timeout, one writer, concurrent readers), the embedded default; or a PostgreSQL database through
/// a `PostgresPool`, which several daemons can share. Nothing above the Store knows which.
public final class StoreDatabase: Sendable {
    /// How long a SQLite connection waits for another process's lock before failing.
    public static let busyTimeout: TimeInterval = 10

    enum Backend: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresPool)
    }

    /// Where the data is, as status and messages show it: the SQLite file's path, or the PostgreSQL URL
    /// (never with a password). Two opens of the same place have the same `path`.
    public let path: String
    let backend: Backend
    private let writes: WriteCount
    private let schemaChanges: SchemaChangeHandler
    /// Told how long each read waited for a connection and each write for the writer (`sakyum_database_wait_seconds`).
    let waits: (@Sendable (_ kind: StoreAccess, _ waited: Duration) -> Void)?

    /// Goes up after every write through a Store, so what was read before can be known to be stale
    /// (a rendered page cached for anonymous visitors, for one).
    public var generation: Int { writes.value }

    func didWrite() {
        writes.increment()
    }

    var dialect: SQLDialect {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Opens (or creates) the SQLite file at `path`.
    public init(path: String, waits: (@Sendable (_ kind: StoreAccess, _ waited: Duration) -> Void)? = nil) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.label = "sakyum-store"
        do {
            backend = .sqlite(try DatabasePool(path: path, configuration: configuration))
        } catch {
            throw StoreError(error)
        }
        writes = WriteCount()
        schemaChanges = SchemaChangeHandler()
        self.path = path
        self.waits = waits
    }

    /// A PostgreSQL database. Nothing is connected yet: the first transaction connects, so a server that is
    /// down makes pages answer 503 (`StoreError.unavailable`) until it is back, instead of failing the load.
    public init(postgres location: PostgresLocation, password: String?,
                waits: (@Sendable (_ kind: StoreAccess, _ waited: Duration) -> Void)? = nil) throws(StoreError) {
        let writes = WriteCount()
        let schemaChanges = SchemaChangeHandler()
        backend = .postgres(try PostgresPool(location: location, password: password, onWrite: { writes.increment() },
                                             onSchemaChange: { schemaChanges.call() }))
        self.writes = writes
        self.schemaChanges = schemaChanges
        self.path = location.description
        self.waits = waits
    }

    /// Why the database server could not be reached by the latest transaction, until one reaches it again;
    /// nil when it could (and always for SQLite).
    public var unavailableReason: String? {
        guard case .postgres(let pool) = backend else { return nil }
        return pool.unavailableReason
    }

    /// Called when a migration another daemon ran on this database commits (PostgreSQL): the owner compiles
    /// the project again, so its pending steps and pages follow the new schema without a restart.
    public func whenSchemaChanges(_ handler: @escaping @Sendable () -> Void) {
        schemaChanges.set(handler)
    }

    /// Whether this is `location` opened with `password` (and the same pool settings): a reload keeps it then.
    public func isOpen(on location: PostgresLocation, password: String?) -> Bool {
        guard case .postgres(let pool) = backend else { return false }
        return pool.location == location && pool.password == password
    }

    /// Closes every connection; the Stores over this database fail from then on.
    public func close() throws(StoreError) {
        switch backend {
        case .sqlite(let pool):
            do {
                try pool.close()
            } catch {
                throw StoreError(error)
            }
        case .postgres(let pool):
            pool.close()
        }
    }

    /// Runs `body` in a read snapshot. SQLite reads run on the calling task's thread (the request's event loop
    /// by default, docs/architecture.md "Threads"): in WAL mode a reader never waits for a lock, and a page's
    /// reads take well under a millisecond, so a hop to GRDB's reader queue and back would cost more than the read.
    /// PostgreSQL's run on the pool's threads. The body's own errors come through unchanged.
    func read<T: Sendable>(schema: StoreSchema, _ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        switch backend {
        case .sqlite(let pool):
            do {
                return try Self.readOnCallingThread(pool) { db in
                    waits?(.read, asked.duration(to: .now))
                    return try body(StoreTransaction(connection: SQLiteSession(db: db), schema: schema))
                }
            } catch let error as DatabaseError {
                throw StoreError(error)
            }
        case .postgres(let pool):
            return try await pool.transaction(readOnly: true, waits: waits) { session in
                try body(StoreTransaction(connection: session, schema: schema))
            }
        }
    }

    /// Runs `body` in one write transaction: if it throws, nothing it did is kept, and its error comes through.
    func write<T: Sendable>(schema: StoreSchema, _ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        defer { didWrite() }
        switch backend {
        case .sqlite(let pool):
            do {
                return try await pool.write { db in
                    waits?(.write, asked.duration(to: .now))
                    return try body(StoreTransaction(connection: SQLiteSession(db: db), schema: schema))
                }
            } catch let error as DatabaseError {
                throw StoreError(error)
            }
        case .postgres(let pool):
            return try await pool.transaction(readOnly: false, waits: waits) { session in
                try body(StoreTransaction(connection: session, schema: schema))
            }
        }
    }

    /// GRDB's synchronous read: not `async`, so the call does not pick GRDB's async variant (which hops queues).
    private static func readOnCallingThread<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Brings the tables in line with `models` as far as is safe without a migration, and says what is left.
    ///
    /// Missing tables are always created (SQLAlchemy's `create_all`). With `applyingAdditive` (`--dev`), new
    /// nullable columns are added too. Anything else (a changed or removed column, a new NOT NULL column, an
    /// index) is left for `db upgrade` and comes back as `pending`. Nothing existing is ever dropped here.
    /// Blocks the caller for the few milliseconds this takes: call it from the loader, never an event loop.
    public func synchronize(models: [ModelSpec], applyingAdditive: Bool) throws(StoreError) -> SchemaStatus {
        switch backend {
        case .sqlite(let pool):
            do {
                return try pool.write { db in
                    try Self.synchronize(models: models, applyingAdditive: applyingAdditive, on: SQLiteSchemaAccess(db: db))
                }
            } catch {
                throw StoreError(error)
            }
        case .postgres(let pool):
            do {
                return try pool.transactionNow { session in
                    try Self.synchronize(models: models, applyingAdditive: applyingAdditive, on: PostgresSchemaAccess(session: session))
                }
            } catch {
                throw StoreError(error)
            }
        }
    }

    private static func synchronize(models: [ModelSpec], applyingAdditive: Bool, on access: some SchemaAccess) throws -> SchemaStatus {
        var created: [String] = []
        try access.createBookkeeping()
        let existing = Set(try access.tableNames())
        for model in models where !existing.contains(model.table) {
            try access.create(model)
            created.append(model.table)
        }
        let diff = SchemaDiff(models: models, live: try access.liveTables())
        var applied: [MigrationStep] = []
        var pending: [MigrationStep] = []
        for step in diff.steps {
            if applyingAdditive, case .addColumn(let table, let column) = step, column.nullable, !column.unique, !column.primaryKey {
                try access.addNullableColumn(column, to: table)
                applied.append(step)
            } else {
                pending.append(step)
            }
        }
        return SchemaStatus(createdTables: created, applied: applied, pending: pending, models: models)
    }

    /// The names of the tables in the database (the daemon's own included), for status and migrations.
    func tableNames() async throws(StoreError) -> [String] {
        do {
            switch backend {
            case .sqlite(let pool):
                return try Self.readOnCallingThread(pool) { db in try SQLiteSchemaAccess(db: db).tableNames() }
            case .postgres(let pool):
                return try await pool.transaction(readOnly: true, waits: nil) { session in try PostgresSchemaAccess(session: session).tableNames() }
            }
        } catch {
            throw StoreError(error)
        }
    }
}

/// Who to tell when the schema changed under a database (set once the owner has the database).
final class SchemaChangeHandler: Sendable {
    private let handler = Mutex<(@Sendable () -> Void)?>(nil)

    func set(_ handler: @escaping @Sendable () -> Void) {
        self.handler.withLock { $0 = handler }
    }

    func call() {
        handler.withLock { $0 }?()
    }
}

/// Writes seen so far: this daemon's own, and on PostgreSQL every other daemon's too.
final class WriteCount: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .acquiring) }

    func increment() {
        count.add(1, ordering: .releasing)
    }
}

/// A read snapshot or the one writer, as database waits are reported.
public enum StoreAccess: String, Sendable {
    case read, write
}

/// What `StoreDatabase.synchronize` did and what still waits for a migration.
public struct SchemaStatus: Sendable, Hashable {
    public var createdTables: [String]
    /// New nullable columns added in `--dev` mode.
    public var applied: [MigrationStep]
    /// Changes only `db upgrade` may make.
    public var pending: [MigrationStep]
    /// Models whose tables a pending step touches: their pages answer 503 until the migration runs.
    public var affectedModels: [String]

    init(createdTables: [String], applied: [MigrationStep], pending: [MigrationStep], models: [ModelSpec]) {
        self.createdTables = createdTables
        self.applied = applied
        self.pending = pending
        let tables = Set(pending.map(\.table))
        self.affectedModels = models.filter { tables.contains($0.table) }.map(\.name)
    }
}
