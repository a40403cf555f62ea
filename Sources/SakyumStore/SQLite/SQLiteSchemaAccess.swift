import GRDB
import SakyumSpec

/// `SchemaAccess` on a SQLite file, inside GRDB's write transaction.
struct SQLiteSchemaAccess: SchemaAccess {
    let db: Database

    func tableNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    }

    func liveTables() throws -> [TableSchema] {
        try LiveSchema.tables(in: db)
    }

    func create(_ model: ModelSpec) throws {
        for statement in TableDefinition(model: model).statements {
            try db.execute(sql: statement)
        }
    }

    func createBookkeeping() throws {
        for statement in LoginFailures.creation(.sqlite) {
            try db.execute(sql: statement)
        }
    }

    func addNullableColumn(_ column: TableSchema.Column, to table: String) throws {
        try MigrationStep.addColumn(table: table, column: column).apply(to: db)
    }
}
