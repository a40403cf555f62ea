import GRDB

/// Another program's SQLite database (sakyum's `default.db`), opened read-only: its tables as
/// migrations see them, and a consistent copy made with SQLite's backup API, so the file itself is
/// never written, not even a journal.
public struct ForeignDatabase: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Its tables, without SQLite's own and the migration bookkeeping (`alembic_version`).
    public func tables() throws(StoreError) -> [TableSchema] {
        try read { db in try LiveSchema.tables(in: db) }
    }

    /// The number of rows of each table, for the import report.
    public func rowCounts(_ tables: [String]) throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedIdentifier)") ?? 0
            }
            return counts
        }
    }

    /// Whether it has alembic's `alembic_version` table, and the revision in it.
    public func alembicRevision() throws(StoreError) -> String? {
        try read { db in
            guard try db.tableExists("alembic_version") else { return nil }
            return try String.fetchOne(db, sql: "SELECT version_num FROM alembic_version")
        }
    }

    /// Writes a consistent copy of the whole database to `destination`, which must not exist yet.
    public func copy(to destination: String) throws(StoreError) {
        do {
            let source = try open()
            let target = try DatabaseQueue(path: destination)
            try source.backup(to: target)
            try target.close()
            try source.close()
        } catch {
            throw StoreError(error)
        }
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(StoreDatabase.busyTimeout)
        configuration.label = "sakyum-import"
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            let queue = try open()
            defer { try? queue.close() }
            return try queue.read(body)
        } catch {
            throw StoreError(error)
        }
    }
}
