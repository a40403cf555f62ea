import Foundation
import GRDB
import SakyumSpec
import Synchronization

/// One SQLite file opened as a GRDB `DatabasePool` (WAL, foreign keys on, a busy timeout, one writer,
/// concurrent readers). A project keeps one across reloads: each new Site gets a `Store` over the same pool.
public final class StoreDatabase: Sendable {
    /// How long a connection waits for another process's lock before failing.
    public static let busyTimeout: TimeInterval = 10

    public let path: String
    let pool: DatabasePool
    private let writes = Mutex(0)
    /// Told how long each read waited for a connection and each write for the writer (`sakyum_database_wait_seconds`).
    let waits: (@Sendable (_ kind: StoreAccess, _ waited: Duration) -> Void)?

    /// Goes up after every write through a Store, so what was read before can be known to be stale
    /// (a rendered page cached for anonymous visitors, for one).
    public var generation: Int { writes.withLock { $0 } }

    func didWrite() {
        writes.withLock { $0 += 1 }
    }

    public init(path: String, waits: (@Sendable (_ kind: StoreAccess, _ waited: Duration) -> Void)? = nil) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.label = "sakyum-store"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(error)
        }
        self.path = path
        self.waits = waits
    }

    /// Closes every connection; the Stores over this database fail from then on.
    public func close() throws(StoreError) {
        do {
            try pool.close()
        } catch {
            throw StoreError(error)
        }
    }

    /// Brings the tables in line with `models` as far as is safe without a migration, and says what is left.
    ///
    /// Missing tables are always created (SQLAlchemy's `create_all`). With `applyingAdditive` (`--dev`), new
    /// nullable columns are added too. Anything else (a changed or removed column, a new NOT NULL column, an
    /// index) is left for `db upgrade` and comes back as `pending`. Nothing existing is ever dropped here.
    /// Blocks the caller for the few milliseconds this takes: call it from the loader, never an event loop.
    public func synchronize(models: [ModelSpec], applyingAdditive: Bool) throws(StoreError) -> SchemaStatus {
        do {
            return try pool.write { db in
                var created: [String] = []
                for model in models where try !db.tableExists(model.table) {
                    for statement in TableDefinition(model: model).statements {
                        try db.execute(sql: statement)
                    }
                    created.append(model.table)
                }
                let diff = SchemaDiff(models: models, live: try LiveSchema.tables(in: db))
                var applied: [MigrationStep] = []
                var pending: [MigrationStep] = []
                for step in diff.steps {
                    if applyingAdditive, case .addColumn(_, let column) = step, column.nullable, !column.unique, !column.primaryKey {
                        try step.apply(to: db)
                        applied.append(step)
                    } else {
                        pending.append(step)
                    }
                }
                return SchemaStatus(createdTables: created, applied: applied, pending: pending, models: models)
            }
        } catch {
            throw StoreError(error)
        }
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
