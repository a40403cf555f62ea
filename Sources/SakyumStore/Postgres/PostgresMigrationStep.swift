/// A migration step as PostgreSQL's own ALTERs, inside the migrator's one transaction (PostgreSQL's DDL is
/// transactional: a failing step leaves the database exactly as it was).
struct PostgresMigrationStep {
    let step: MigrationStep
    let session: PostgresSession

    func apply() throws {
        let access = PostgresSchemaAccess(session: session)
        let quoted = TableDefinition.postgresQuoted
        switch step {
        case .createTable(let table):
            guard try !access.tableNames().contains(table.name) else { throw MigrationStepFailure("table \(table.name) already exists") }
            try session.run(table.createSQL(dialect: .postgres))
            for index in table.indexes {
                try session.run(table.createIndexSQL(index, dialect: .postgres))
            }
        case .dropTable(let table):
            guard try access.tableNames().contains(table.name) else { throw MigrationStepFailure("there is no table \(table.name)") }
            try session.run("DROP TABLE \(quoted(table.name))")
        case let .addColumn(table, column):
            guard try access.table(table).column(column.name) == nil else {
                throw MigrationStepFailure("table \(table) already has a column \(column.name)")
            }
            var text = "ALTER TABLE \(quoted(table)) ADD COLUMN \(quoted(column.name)) \(TableDefinition.postgresType(column.type))"
            if !column.nullable { text += " NOT NULL" }
            if column.unique { text += " UNIQUE" }
            if let foreignKey = column.foreignKey { text += " " + Self.references(foreignKey) }
            try session.run(text)
        case let .dropColumn(table, column):
            guard try access.table(table).column(column.name) != nil else { throw MigrationStepFailure("table \(table) has no column \(column.name)") }
            try session.run("ALTER TABLE \(quoted(table)) DROP COLUMN \(quoted(column.name))")
        case let .alterColumn(table, _, to):
            guard let live = try access.table(table).column(to.name) else { throw MigrationStepFailure("table \(table) has no column \(to.name)") }
            let (name, type) = (quoted(to.name), TableDefinition.postgresType(to.type))
            if live.type != to.type {
                try session.run("ALTER TABLE \(quoted(table)) ALTER COLUMN \(name) TYPE \(type) USING \(name)::\(type)")
            }
            if live.nullable != to.nullable {
                try session.run("ALTER TABLE \(quoted(table)) ALTER COLUMN \(name) \(to.nullable ? "DROP" : "SET") NOT NULL")
            }
            if live.unique != to.unique {
                if to.unique {
                    try session.run("ALTER TABLE \(quoted(table)) ADD UNIQUE (\(name))")
                } else {
                    for constraint in try constraints(of: table, column: to.name, kind: "u") {
                        try session.run("ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(constraint.quotedIdentifier)")
                    }
                }
            }
            if live.foreignKey != to.foreignKey {
                for constraint in try constraints(of: table, column: to.name, kind: "f") {
                    try session.run("ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(constraint.quotedIdentifier)")
                }
                if let foreignKey = to.foreignKey {
                    try session.run("ALTER TABLE \(quoted(table)) ADD FOREIGN KEY (\(name)) \(Self.references(foreignKey))")
                }
            }
        case let .createIndex(table, index):
            try session.run(TableSchema(name: table, columns: []).createIndexSQL(index, dialect: .postgres))
        case .dropIndex(_, let index):
            try session.run("DROP INDEX \(quoted(index.name))")
        }
    }

    private static func references(_ foreignKey: TableSchema.ForeignKey) -> String {
        let quoted = TableDefinition.postgresQuoted
        var text = "REFERENCES \(quoted(foreignKey.table)) (\(quoted(foreignKey.column)))"
        if let action = foreignKey.onDelete { text += " ON DELETE \(action)" }
        return text
    }

    /// The names of the one-column constraints of `kind` (`u` unique, `f` foreign key) on `column`.
    private func constraints(of table: String, column: String, kind: String) throws -> [String] {
        try session.rows(SQLFragment("""
            SELECT c.conname::text FROM pg_constraint c
            WHERE c.conrelid = CAST(? AS regclass) AND c.contype = ? AND array_length(c.conkey, 1) = 1
              AND c.conkey[1] = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = ?)
            """, [.text(table.quotedIdentifier), .text(kind), .text(column)])).compactMap(\.first?.text)
    }
}
