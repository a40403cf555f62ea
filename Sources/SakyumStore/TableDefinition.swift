import SakyumSpec

/// The DDL SQLAlchemy emits on SQLite for a model — same types, constraints, index names and layout —
/// so a table made here and one made by sakyum are the same table.
struct TableDefinition {
    let model: ModelSpec

    /// `CREATE TABLE` followed by one `CREATE [UNIQUE] INDEX ix_TABLE_COLUMN` per indexed field.
    var statements: [String] {
        [createTable] + model.fields.filter(\.index).map { field in
            "CREATE \(field.unique ? "UNIQUE " : "")INDEX \(Self.quoted("ix_\(model.table)_\(field.name)")) ON \(Self.quoted(model.table)) (\(Self.quoted(field.name)))"
        }
    }

    var createTable: String {
        var lines = model.fields.map { field in
            "\t\(Self.quoted(field.name)) \(Self.sqlType(field.type))\(field.nullable ? "" : " NOT NULL")"
        }
        lines.append("\tPRIMARY KEY (\(Self.quoted(model.primaryKey.name)))")
        for field in model.fields where field.unique && !field.index {
            lines.append("\tUNIQUE (\(Self.quoted(field.name)))")
        }
        for field in model.fields {
            guard let foreignKey = field.foreignKey else { continue }
            var line = "\tFOREIGN KEY(\(Self.quoted(field.name))) REFERENCES \(Self.quoted(foreignKey.table)) (\(Self.quoted(foreignKey.column)))"
            if let action = foreignKey.onDelete { line += " ON DELETE \(action.rawValue)" }
            lines.append(line)
        }
        return "CREATE TABLE \(Self.quoted(model.table)) (\n" + lines.joined(separator: ", \n") + "\n)"
    }

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
