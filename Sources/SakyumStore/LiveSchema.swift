import GRDB
import SakyumSpec

/// Reads the tables a SQLite database really has (`PRAGMA table_info`, `index_list`, `foreign_key_list`).
enum LiveSchema {
    /// Every table but SQLite's own and the daemon's bookkeeping tables, by name.
    static func tables(in db: Database) throws -> [TableSchema] {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return try names.filter { !isBookkeeping($0) }.map { try table($0, in: db) }
    }

    static func isBookkeeping(_ table: String) -> Bool {
        TableName.reserved.contains(table) || table == Migrator.versionTable || table.hasPrefix(TableRebuild.temporaryPrefix)
    }

    static func table(_ name: String, in db: Database) throws -> TableSchema {
        let quotedName = name.quotedIdentifier
        var foreignKeys: [String: TableSchema.ForeignKey] = [:]
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(quotedName))") {
            let from: String = row["from"]
            foreignKeys[from] = TableSchema.ForeignKey(table: row["table"], column: row["to"] ?? "", onDelete: row["on_delete"])
        }
        var uniqueColumns: Set<String> = []
        var indexes: [TableSchema.Index] = []
        for row in try Row.fetchAll(db, sql: "PRAGMA index_list(\(quotedName))") {
            let indexName: String = row["name"]
            let origin: String = row["origin"]
            let unique: Bool = row["unique"]
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [indexName])
            switch origin {
            case "u" where columns.count == 1: uniqueColumns.insert(columns[0])
            case "c": indexes.append(TableSchema.Index(name: indexName, columns: columns, unique: unique))
            default: break  // the primary key's own index
            }
        }
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quotedName))").map { row in
            let column: String = row["name"]
            let primaryKey = (row["pk"] as Int) > 0
            return TableSchema.Column(name: column, type: row["type"], nullable: !(row["notnull"] as Bool) && !primaryKey,
                                      primaryKey: primaryKey, unique: uniqueColumns.contains(column), foreignKey: foreignKeys[column])
        }
        return TableSchema(name: name, columns: columns, indexes: indexes)
    }
}
