import SakyumSpec

/// A table as migrations see it: columns with their SQL types and constraints, and its named indexes.
/// Built from a model (what models.yaml wants) or from the live database (what SQLite has), so both compare.
public struct TableSchema: Sendable, Hashable {
    /// One column, with everything needed to create it again (a downgrade re-adds what an upgrade dropped).
    public struct Column: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        /// The declared SQL type, upper-cased: `INTEGER`, `VARCHAR(20)`, `DATETIME`.
        public var type: String
        public var nullable: Bool
        public var primaryKey: Bool
        /// A `UNIQUE (column)` table constraint (a unique *index* is an `Index`).
        public var unique: Bool
        public var foreignKey: ForeignKey?

        public init(name: String, type: String, nullable: Bool = true, primaryKey: Bool = false, unique: Bool = false,
                    foreignKey: ForeignKey? = nil) {
            self.name = name
            self.type = type.uppercased()
            self.nullable = nullable
            self.primaryKey = primaryKey
            self.unique = unique
            self.foreignKey = foreignKey
        }

        /// `VARCHAR(20) NOT NULL UNIQUE REFERENCES user(id)`, for messages.
        public var description: String {
            var text = type
            if primaryKey { text += " PRIMARY KEY" }
            if !nullable && !primaryKey { text += " NOT NULL" }
            if unique { text += " UNIQUE" }
            if let foreignKey { text += " REFERENCES \(foreignKey)" }
            return text
        }
    }

    /// `FOREIGN KEY(column) REFERENCES table (column) [ON DELETE action]`; no action is `nil`.
    public struct ForeignKey: Sendable, Hashable, CustomStringConvertible {
        public var table: String
        public var column: String
        public var onDelete: String?

        public init(table: String, column: String, onDelete: String? = nil) {
            self.table = table
            self.column = column
            let action = onDelete?.uppercased()
            self.onDelete = action == "NO ACTION" ? nil : action
        }

        public var description: String { "\(table)(\(column))" + (onDelete.map { " ON DELETE \($0)" } ?? "") }
    }

    /// A named `CREATE [UNIQUE] INDEX`.
    public struct Index: Sendable, Hashable {
        public var name: String
        public var columns: [String]
        public var unique: Bool

        public init(name: String, columns: [String], unique: Bool = false) {
            self.name = name
            self.columns = columns
            self.unique = unique
        }
    }

    public var name: String
    /// In table order.
    public var columns: [Column]
    /// Sorted by name.
    public var indexes: [Index]

    public init(name: String, columns: [Column], indexes: [Index] = []) {
        self.name = name
        self.columns = columns
        self.indexes = indexes.sorted { $0.name < $1.name }
    }

    /// The table `Store` creates for `model` (see `TableDefinition`).
    public init(model: ModelSpec) {
        self.init(
            name: model.table,
            columns: model.fields.map { field in
                Column(name: field.name, type: TableDefinition.sqlType(field.type), nullable: field.nullable,
                       primaryKey: field.primaryKey, unique: field.unique && !field.index,
                       foreignKey: field.foreignKey.map { ForeignKey(table: $0.table, column: $0.column, onDelete: $0.onDelete?.rawValue) })
            },
            indexes: model.fields.filter(\.index).map { Index(name: "ix_\(model.table)_\($0.name)", columns: [$0.name], unique: $0.unique) }
        )
    }

    public func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The tables this one's foreign keys point at.
    var referencedTables: Set<String> {
        Set(columns.compactMap { $0.foreignKey?.table }).subtracting([name])
    }

    /// `CREATE TABLE` laid out as SQLAlchemy lays it out, under `tableName` (the rebuild creates it under a
    /// temporary name). On PostgreSQL a lone integer primary key is `SERIAL`, as SQLAlchemy makes it.
    func createSQL(as tableName: String? = nil, dialect: SQLDialect = .sqlite) -> String {
        let quoted = dialect == .postgres ? TableDefinition.postgresQuoted : TableDefinition.quoted
        let serial = dialect == .postgres && columns.filter(\.primaryKey).count == 1
        var lines = columns.map { column in
            let type = dialect == .sqlite ? column.type
                : serial && column.primaryKey && column.type == "INTEGER" ? "SERIAL" : TableDefinition.postgresType(column.type)
            return "\t\(quoted(column.name)) \(type)\(column.nullable ? "" : " NOT NULL")"
        }
        let keys = columns.filter(\.primaryKey).map { quoted($0.name) }
        if !keys.isEmpty { lines.append("\tPRIMARY KEY (\(keys.joined(separator: ", ")))") }
        for column in columns where column.unique {
            lines.append("\tUNIQUE (\(quoted(column.name)))")
        }
        for column in columns {
            guard let foreignKey = column.foreignKey else { continue }
            var line = "\tFOREIGN KEY(\(quoted(column.name))) REFERENCES \(quoted(foreignKey.table)) (\(quoted(foreignKey.column)))"
            if let action = foreignKey.onDelete { line += " ON DELETE \(action)" }
            lines.append(line)
        }
        return "CREATE TABLE \(quoted(tableName ?? name)) (\n" + lines.joined(separator: ", \n") + "\n)"
    }

    func createIndexSQL(_ index: Index, dialect: SQLDialect = .sqlite) -> String {
        let quoted = dialect == .postgres ? TableDefinition.postgresQuoted : TableDefinition.quoted
        return "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(quoted(index.name)) ON \(quoted(name)) (\(index.columns.map(quoted).joined(separator: ", ")))"
    }
}
