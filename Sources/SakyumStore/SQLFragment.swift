import GRDB

/// SQL text with its `?` arguments; identifiers in it come only from the schema, values only as arguments.
struct SQLFragment {
    var sql: String
    var arguments: [DatabaseValue]

    init(_ sql: String, _ arguments: [DatabaseValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    var statementArguments: StatementArguments { StatementArguments(arguments) }
}

extension String {
    /// A schema name as a quoted SQL identifier.
    var quotedIdentifier: String { quotedDatabaseIdentifier }
}
