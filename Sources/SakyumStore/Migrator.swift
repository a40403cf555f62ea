import Foundation
import GRDB
import SakyumSpec

/// Alembic's commands for a project's database: the current revision (kept in `sakyum_version`), history,
/// autogenerate, upgrade and downgrade. One command is one transaction: on SQLite with foreign keys off
/// while it runs and `PRAGMA foreign_key_check` after every step, on PostgreSQL with its own ALTERs
/// (its DDL is transactional). If any step fails, the database is exactly as before.
public final class Migrator: Sendable {
    /// The one-row table holding the current revision, as alembic's `alembic_version`.
    public static let versionTable = "sakyum_version"

    public let migrations: URL
    private let target: Target

    private enum Target: Sendable {
        /// A connection of its own, so foreign keys can be off while a command runs.
        case sqlite(DatabaseQueue)
        /// The project's pool, whose writes other daemons hear of.
        case postgres(StoreDatabase, PostgresPool)
    }

    /// Opens the SQLite file at `databasePath` (the Store's `default.db`) with the Store's busy timeout.
    public init(databasePath: String, migrations: URL) throws(MigrationError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(StoreDatabase.busyTimeout)
        configuration.label = "sakyum-migrator"
        do {
            target = .sqlite(try DatabaseQueue(path: databasePath, configuration: configuration))
        } catch {
            throw .database("\(error)")
        }
        self.migrations = migrations
    }

    /// The project's open database: a SQLite file gets a connection of its own, PostgreSQL uses the pool.
    public convenience init(database: StoreDatabase, migrations: URL) throws(MigrationError) {
        switch database.backend {
        case .sqlite: try self.init(databasePath: database.path, migrations: migrations)
        case .postgres(let pool): self.init(postgres: database, pool: pool, migrations: migrations)
        }
    }

    private init(postgres database: StoreDatabase, pool: PostgresPool, migrations: URL) {
        target = .postgres(database, pool)
        self.migrations = migrations
    }

    /// The revision files, checked as one chain.
    public func chain() throws(MigrationError) -> RevisionChain {
        try RevisionChain(RevisionReader(directory: migrations).revisions())
    }

    /// The revision the database is at; nil at base (no revision applied).
    public func current() async throws(MigrationError) -> String? {
        switch target {
        case .sqlite: try await run { db in try Self.version(in: db) }
        case .postgres(_, let pool): try await runPostgres(pool, readOnly: true) { session in try Self.version(in: session) }
        }
    }

    /// Head first, as `alembic history` lists them.
    public func history() throws(MigrationError) -> [Revision] {
        try chain().revisions.reversed()
    }

    /// What differs between `models` and the live database.
    public func diff(models: [ModelSpec]) async throws(MigrationError) -> SchemaDiff {
        switch target {
        case .sqlite: try await run { db in SchemaDiff(models: models, live: try LiveSchema.tables(in: db)) }
        case .postgres(_, let pool):
            try await runPostgres(pool, readOnly: true) { session in
                SchemaDiff(models: models, live: try PostgresSchemaAccess(session: session).liveTables())
            }
        }
    }

    /// `db revision --autogenerate`: writes a revision after head with the steps from the live database to
    /// `models`. The database must be at head, and something must differ.
    public func autogenerate(models: [ModelSpec], message: String) async throws(MigrationError) -> Revision {
        let head = try chain().head?.id
        let current = try await self.current()
        guard current == head else { throw .notUpToDate(current: current, head: head) }
        let diff = try await self.diff(models: models)
        guard !diff.isEmpty else { throw .noChanges }
        return try RevisionWriter(directory: migrations).write(diff, message: message, parent: head)
    }

    /// `db revision` without `--autogenerate`: an empty revision after head, for steps written by hand.
    public func emptyRevision(message: String) throws(MigrationError) -> Revision {
        try RevisionWriter(directory: migrations).write(SchemaDiff(wanted: [], live: []), message: message, parent: try chain().head?.id)
    }

    /// Applies the upgrades from the current revision to `target` (an id or prefix, or `head`); returns them in order.
    @discardableResult
    public func upgrade(to target: String = "head") async throws(MigrationError) -> [Revision] {
        let chain = try self.chain()
        let from = try chain.position(of: try await current())
        let to = target == "head" ? chain.revisions.count - 1 : try chain.position(of: target)
        guard to >= from else { throw .unknownRevision("\(target) (it is below the current revision: downgrade instead)") }
        let revisions = Array(chain.revisions[(from + 1)..<(to + 1)])
        try await apply(revisions.flatMap { revision in revision.upgrade.map { (revision, $0) } },
                        version: to >= 0 ? chain.revisions[to].id : nil)
        return revisions
    }

    /// Undoes revisions down to `target`: an id or prefix (kept applied), `-N` (N revisions), or `base` (all).
    /// Returns the undone revisions, newest first.
    @discardableResult
    public func downgrade(to target: String) async throws(MigrationError) -> [Revision] {
        let chain = try self.chain()
        let from = try chain.position(of: try await current())
        let to: Int
        if target == "base" {
            to = -1
        } else if target.hasPrefix("-"), let steps = Int(target.dropFirst()), steps > 0 {
            to = from - steps
            guard to >= -1 else { throw .unknownRevision("\(target) (only \(from + 1) revision(s) are applied)") }
        } else {
            to = try chain.position(of: target)
        }
        guard to <= from else { throw .unknownRevision("\(target) (it is above the current revision: upgrade instead)") }
        let revisions = Array(chain.revisions[(to + 1)..<(from + 1)].reversed())
        try await apply(revisions.flatMap { revision in revision.downgrade.map { (revision, $0) } },
                        version: to >= 0 ? chain.revisions[to].id : nil)
        return revisions
    }

    private func apply(_ plan: [(revision: Revision, step: MigrationStep)], version: String?) async throws(MigrationError) {
        switch target {
        case .sqlite(let queue): try await apply(plan, version: version, on: queue)
        case .postgres(_, let pool):
            try await runPostgres(pool, readOnly: false) { session in
                for (revision, step) in plan {
                    do {
                        try PostgresMigrationStep(step: step, session: session).apply()
                    } catch {
                        throw MigrationError.stepFailed(revision: revision.id, step: step.description, message: Self.message(error))
                    }
                }
                try Self.setVersion(version, in: session)
                // Every daemon on the database compiles the project again (delivered at commit, only then).
                try session.run("NOTIFY \(PostgresWriteListener.channel), '\(PostgresWriteListener.schemaChanged)'")
            }
        }
    }

    private func apply(_ plan: [(revision: Revision, step: MigrationStep)], version: String?, on queue: DatabaseQueue) async throws(MigrationError) {
        do {
            try await queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction {
                    for (revision, step) in plan {
                        do {
                            try step.apply(to: db)
                        } catch {
                            throw MigrationError.stepFailed(revision: revision.id, step: step.description, message: Self.message(error))
                        }
                    }
                    try Self.setVersion(version, in: db)
                    return .commit
                }
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw .database(Self.message(error))
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(MigrationError) -> T {
        guard case .sqlite(let queue) = target else { preconditionFailure("a SQLite read on a PostgreSQL migrator") }
        do {
            return try await queue.read(body)
        } catch {
            throw .database(Self.message(error))
        }
    }

    private func runPostgres<T: Sendable>(_ pool: PostgresPool, readOnly: Bool,
                                          _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws(MigrationError) -> T {
        do {
            return try await pool.transaction(readOnly: readOnly, waits: nil, body)
        } catch let error as MigrationError {
            throw error
        } catch {
            throw .database(Self.message(error))
        }
    }

    private static func version(in session: PostgresSession) throws -> String? {
        guard try PostgresSchemaAccess(session: session).tableNames().contains(versionTable) else { return nil }
        return try session.rows(SQLFragment("SELECT version_num FROM \(versionTable)")).first?.first?.text
    }

    private static func setVersion(_ version: String?, in session: PostgresSession) throws {
        try session.run("""
            CREATE TABLE IF NOT EXISTS \(versionTable) (
            \tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT \(versionTable)_pkc PRIMARY KEY (version_num)
            )
            """)
        try session.run("DELETE FROM \(versionTable)")
        if let version {
            try session.execute(SQLFragment("INSERT INTO \(versionTable) (version_num) VALUES (?)", [.text(version)]))
        }
    }

    private static func version(in db: Database) throws -> String? {
        guard try db.tableExists(versionTable) else { return nil }
        return try String.fetchOne(db, sql: "SELECT version_num FROM \(versionTable)")
    }

    private static func setVersion(_ version: String?, in db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(versionTable) (
            \tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT \(versionTable)_pkc PRIMARY KEY (version_num)
            )
            """)
        try db.execute(sql: "DELETE FROM \(versionTable)")
        if let version {
            try db.execute(sql: "INSERT INTO \(versionTable) (version_num) VALUES (?)", arguments: [version])
        }
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        if let error = error as? StoreError, case .database(let message) = error { return message }
        return "\(error)"
    }
}
