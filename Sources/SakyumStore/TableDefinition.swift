import SakyumSpec

/// The DDL SQLAlchemy emits for a model on SQLite or on PostgreSQL — same types, constraints, index names
/// and layout — so a table made here and one made by sakyum (Flask-SQLAlchemy) are the same table.
struct TableDefinition {
    let model: ModelSpec
    var dialect: SQLDialect = .sqlite

    /// `CREATE TABLE` followed by one `CREATE [UNIQUE] INDEX ix_TABLE_COLUMN` per indexed field.
    var statements: [String] {
        [createTable] + model.fields.filter(\.index).map { field in
            "CREATE \(field.unique ? "UNIQUE " : "")INDEX \(quoted("ix_\(model.table)_\(field.name)")) ON \(quoted(model.table)) (\(quoted(field.name)))"
        }
    }

    var createTable: String {
        var lines = model.fields.map { field in
            "\t\(quoted(field.name)) \(columnType(field))\(field.nullable ? "" : " NOT NULL")"
        }
        lines.append("\tPRIMARY KEY (\(quoted(model.primaryKey.name)))")
        for field in model.fields where field.unique && !field.index {
            lines.append("\tUNIQUE (\(quoted(field.name)))")
        }
        for field in model.fields {
            guard let foreignKey = field.foreignKey else { continue }
            var line = "\tFOREIGN KEY(\(quoted(field.name))) REFERENCES \(quoted(foreignKey.table)) (\(quoted(foreignKey.column)))"
            if let action = foreignKey.onDelete { line += " ON DELETE \(action.rawValue)" }
            lines.append(line)
        }
        return "CREATE TABLE \(quoted(model.table)) (\n" + lines.joined(separator: ", \n") + "\n)"
    }

    /// On PostgreSQL an integer primary key is SQLAlchemy's `SERIAL` (its sequence numbers new rows, as
    /// SQLite's rowid does); every other type is spelled the PostgreSQL way.
    private func columnType(_ field: FieldSpec) -> String {
        switch dialect {
        case .sqlite: Self.sqlType(field.type)
        case .postgres: field.primaryKey && field.type == .integer ? "SERIAL" : Self.postgresType(Self.sqlType(field.type))
        }
    }

    private func quoted(_ name: String) -> String {
        switch dialect {
        case .sqlite: Self.quoted(name)
        case .postgres: Self.postgresQuoted(name)
        }
    }

    /// A type of the neutral vocabulary (`TableSchema.Column.type`, SQLite's spelling) as PostgreSQL's DDL says it.
    static func postgresType(_ type: String) -> String {
        switch type {
        case "DATETIME": "TIMESTAMP WITHOUT TIME ZONE"
        default: type
        }
    }

    /// Quoted only where SQLAlchemy's PostgreSQL dialect quotes: upper-case letters or a reserved word (`"user"`).
    static func postgresQuoted(_ name: String) -> String {
        name == name.lowercased() && !postgresReservedWords.contains(name) ? name : "\"\(name)\""
    }

    /// SQLAlchemy's PostgreSQL reserved words (`postgresql.base.RESERVED_WORDS`): PostgreSQL's reserved key words.
    static let postgresReservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "leading", "limit", "localtime", "localtimestamp", "new", "not", "null", "of", "off", "offset", "old", "on", "only",
        "or", "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with", "authorization", "between", "binary", "cross", "current_schema", "freeze", "full", "ilike",
        "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "over", "overlaps", "right",
        "similar", "verbose",
    ]

    static func sqlType(_ type: FieldType) -> String {
        switch type {
        case .integer: "INTEGER"
        case .float: "FLOAT"
        case .boolean: "BOOLEAN"
        case .string(let length): length.map { "VARCHAR(\($0))" } ?? "VARCHAR"
        case .text: "TEXT"
        case .date: "DATE"
        case .datetime: "DATETIME"
        case .json: "JSON"
        }
    }

    /// Quoted only where SQLAlchemy quotes: upper-case letters or a reserved word.
    static func quoted(_ name: String) -> String {
        name == name.lowercased() && !reservedWords.contains(name) ? name : "\"\(name)\""
    }

    /// SQLAlchemy's SQLite reserved words (`SQLiteIdentifierPreparer.reserved_words`).
    static let reservedWords: Set<String> = [
        "add", "after", "all", "alter", "analyze", "and", "as", "asc", "attach", "autoincrement", "before", "begin",
        "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit", "conflict", "constraint",
        "create", "cross", "current_date", "current_time", "current_timestamp", "database", "default", "deferrable",
        "deferred", "delete", "desc", "detach", "distinct", "drop", "each", "else", "end", "escape", "except",
        "exclusive", "exists", "explain", "fail", "false", "for", "foreign", "from", "full", "glob", "group", "having",
        "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead", "intersect",
        "into", "is", "isnull", "join", "key", "left", "like", "limit", "match", "natural", "not", "notnull", "null",
        "of", "offset", "on", "or", "order", "outer", "plan", "pragma", "primary", "query", "raise", "references",
        "reindex", "rename", "replace", "restrict", "right", "rollback", "row", "select", "set", "table", "temp",
        "temporary", "then", "to", "transaction", "trigger", "true", "union", "unique", "update", "using", "vacuum",
        "values", "view", "virtual", "when", "where",
    ]
}
