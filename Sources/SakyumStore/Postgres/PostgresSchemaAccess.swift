import SakyumSpec

/// `SchemaAccess` on a PostgreSQL database (its current schema, `public` unless the user's search_path
/// says otherwise), read from the system catalogs. Types come back in the neutral vocabulary of
/// `TableSchema` (SQLite's spelling), so `SchemaDiff` compares a live PostgreSQL table with a model as it
/// compares a SQLite one.
struct PostgresSchemaAccess: SchemaAccess {
    let session: PostgresSession

    func tableNames() throws -> [String] {
        try session.rows(SQLFragment("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"))
            .compactMap(\.first?.text)
    }

    func liveTables() throws -> [TableSchema] {
        try tableNames().filter { !LiveSchema.isBookkeeping($0) }.map(table)
    }

    func create(_ model: ModelSpec) throws {
        for statement in TableDefinition(model: model, dialect: .postgres).statements {
            try session.run(statement)
        }
    }

    func createBookkeeping() throws {
        for statement in LoginFailures.creation(.postgres) {
            try session.run(statement)
        }
    }

    func addNullableColumn(_ column: TableSchema.Column, to table: String) throws {
        var text = "ALTER TABLE \(TableDefinition.postgresQuoted(table)) ADD COLUMN \(TableDefinition.postgresQuoted(column.name)) \(TableDefinition.postgresType(column.type))"
        if let foreignKey = column.foreignKey {
            text += " REFERENCES \(TableDefinition.postgresQuoted(foreignKey.table)) (\(TableDefinition.postgresQuoted(foreignKey.column)))"
            if let action = foreignKey.onDelete { text += " ON DELETE \(action)" }
        }
        try session.run(text)
    }

    func table(_ name: String) throws -> TableSchema {
        let relation = SQLValue.text(name.quotedIdentifier)
        var primaryKey: Set<String> = []
        var unique: Set<String> = []
        var foreignKeys: [String: TableSchema.ForeignKey] = [:]
        let constraints = try session.rows(SQLFragment("""
            SELECT c.contype::text,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ','),
                   COALESCE(f.relname::text, ''),
                   COALESCE((SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]), ''),
                   c.confdeltype::text
            FROM pg_constraint c LEFT JOIN pg_class f ON f.oid = c.confrelid
            WHERE c.conrelid = CAST(? AS regclass)
            """, [relation]))
        for row in constraints {
            guard let kind = row[0].text, let columns = row[1].text?.split(separator: ",").map(String.init) else { continue }
            switch kind {
            case "p": primaryKey.formUnion(columns)
            case "u" where columns.count == 1: unique.insert(columns[0])
            case "f" where columns.count == 1:
                foreignKeys[columns[0]] = TableSchema.ForeignKey(table: row[2].text ?? "", column: row[3].text ?? "",
                                                                 onDelete: Self.deleteAction(row[4].text))
            default: break
            }
        }
        let indexes = try session.rows(SQLFragment("""
            SELECT i.relname::text, x.indisunique::int,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                       JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o), ',')
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = CAST(? AS regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """, [relation])).map { row in
            TableSchema.Index(name: row[0].text ?? "", columns: (row[2].text ?? "").split(separator: ",").map(String.init),
                              unique: row[1] == .integer(1))
        }
        let columns = try session.rows(SQLFragment("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::int
            FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [relation])).map { row in
            let column = row[0].text ?? ""
            let isKey = primaryKey.contains(column)
            return TableSchema.Column(name: column, type: Self.neutralType(row[1].text ?? ""), nullable: row[2] != .integer(1) && !isKey,
                                      primaryKey: isKey, unique: unique.contains(column), foreignKey: foreignKeys[column])
        }
        return TableSchema(name: name, columns: columns, indexes: indexes)
    }

    /// PostgreSQL's `format_type` spelling in `TableSchema`'s (SQLite's, as SQLAlchemy writes it there).
    static func neutralType(_ type: String) -> String {
        switch type {
        case "timestamp without time zone": "DATETIME"
        case "double precision": "FLOAT"
        case "character varying": "VARCHAR"
        default:
            type.hasPrefix("character varying(") ? "VARCHAR" + type.dropFirst("character varying".count) : type.uppercased()
        }
    }

    /// `pg_constraint.confdeltype` as the action `TableSchema.ForeignKey` keeps (nil for NO ACTION).
    static func deleteAction(_ code: String?) -> String? {
        switch code {
        case "r": "RESTRICT"
        case "c": "CASCADE"
        case "n": "SET NULL"
        case "d": "SET DEFAULT"
        default: nil
        }
    }
}
