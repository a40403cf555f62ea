import GRDB

/// What SQLite's ALTER TABLE cannot do, done by move-and-copy as SQLite documents it: create the new table
/// under a temporary name, copy the rows (INSERT…SELECT), drop the old table, rename the new one, recreate
/// the indexes. The caller turns foreign keys off and runs in a transaction.
struct TableRebuild {
    static let temporaryPrefix = "_sakyum_new_"

    let table: String

    /// Rebuilds the table with `change` applied to its live schema; columns the new table has and the old
    /// one had are copied.
    func run(in db: Database, change: (inout TableSchema) throws -> Void) throws {
        guard try db.tableExists(table) else { throw MigrationStepFailure("there is no table \(table)") }
        let old = try LiveSchema.table(table, in: db)
        var new = old
        try change(&new)
        let temporary = Self.temporaryPrefix + table
        try db.execute(sql: new.createSQL(as: temporary))
        let copied = new.columns.map(\.name).filter { old.column($0) != nil }.map(\.quotedIdentifier).joined(separator: ", ")
        if !copied.isEmpty {
            try db.execute(sql: "INSERT INTO \(temporary.quotedIdentifier) (\(copied)) SELECT \(copied) FROM \(table.quotedIdentifier)")
        }
        try db.execute(sql: "DROP TABLE \(table.quotedIdentifier)")
        try db.execute(sql: "ALTER TABLE \(temporary.quotedIdentifier) RENAME TO \(table.quotedIdentifier)")
        for index in new.indexes {
            try db.execute(sql: new.createIndexSQL(index))
        }
    }
}

/// Why a step could not be applied, in words (the migrator adds the revision and the step).
struct MigrationStepFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
