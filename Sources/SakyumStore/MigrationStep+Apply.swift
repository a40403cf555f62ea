import GRDB

extension MigrationStep {
    /// Applies the step with plain ALTER where SQLite can, by `TableRebuild` where it cannot, then runs
    /// `PRAGMA foreign_key_check`. Foreign keys are off and a transaction is open (see `Migrator`).
    func apply(to db: Database) throws {
        switch self {
        case .createTable(let table):
            guard try !db.tableExists(table.name) else { throw MigrationStepFailure("table \(table.name) already exists") }
            try db.execute(sql: table.createSQL())
            for index in table.indexes {
                try db.execute(sql: table.createIndexSQL(index))
            }
        case .dropTable(let table):
            guard try db.tableExists(table.name) else { throw MigrationStepFailure("there is no table \(table.name)") }
            try db.execute(sql: "DROP TABLE \(table.name.quotedIdentifier)")
        case let .addColumn(table, column):
            let live = try LiveSchema.table(table, in: db)
            guard live.column(column.name) == nil else { throw MigrationStepFailure("table \(table) already has a column \(column.name)") }
            if column.nullable && !column.unique && !column.primaryKey {
                try db.execute(sql: "ALTER TABLE \(table.quotedIdentifier) ADD COLUMN \(Self.inlineDefinition(column))")
            } else {
                try TableRebuild(table: table).run(in: db) { $0.columns.append(column) }
            }
        case let .dropColumn(table, column):
            try TableRebuild(table: table).run(in: db) { schema in
                guard schema.column(column.name) != nil else { throw MigrationStepFailure("table \(table) has no column \(column.name)") }
                schema.columns.removeAll { $0.name == column.name }
                schema.indexes.removeAll { $0.columns.contains(column.name) }
            }
        case let .alterColumn(table, _, to):
            try TableRebuild(table: table).run(in: db) { schema in
                guard let position = schema.columns.firstIndex(where: { $0.name == to.name }) else {
                    throw MigrationStepFailure("table \(table) has no column \(to.name)")
                }
                schema.columns[position] = to
            }
        case let .createIndex(table, index):
            try db.execute(sql: TableSchema(name: table, columns: []).createIndexSQL(index))
        case .dropIndex(_, let index):
            try db.execute(sql: "DROP INDEX \(index.name.quotedIdentifier)")
        }
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        if let first = violations.first {
            let table: String = first["table"], parent: String = first["parent"]
            throw MigrationStepFailure("foreign_key_check found \(violations.count) row(s) without their referenced row (first: \(table) rowid \(first["rowid"] as Int64? ?? 0) → \(parent))")
        }
    }

    /// `name TYPE REFERENCES table (column) ON DELETE …` for ALTER TABLE ADD COLUMN (nullable, not unique).
    private static func inlineDefinition(_ column: TableSchema.Column) -> String {
        var text = "\(TableDefinition.quoted(column.name)) \(column.type)"
        if let foreignKey = column.foreignKey {
            text += " REFERENCES \(TableDefinition.quoted(foreignKey.table)) (\(TableDefinition.quoted(foreignKey.column)))"
            if let action = foreignKey.onDelete { text += " ON DELETE \(action)" }
        }
        return text
    }
}
