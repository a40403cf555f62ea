import Foundation

/// SQL text with its `?` arguments; identifiers in it come only from the schema, values only as arguments.
struct SQLFragment {
    var sql: String
    var arguments: [SQLValue]

    init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

extension String {
    /// A schema name as a quoted SQL identifier (the same on SQLite and PostgreSQL).
    var quotedIdentifier: String {
        // The check on bytes: Foundation's `contains` showed in profiles, as every column of every query passes here.
        "\"" + (utf8.contains(UInt8(ascii: "\"")) ? replacingOccurrences(of: "\"", with: "\"\"") : self) + "\""
    }
}
