import Foundation
import GRDB
import GRDBSQLite

/// A transaction on one GRDB connection of a project's SQLite file.
struct SQLiteSession: SQLConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func rows(_ statement: SQLFragment) throws(StoreError) -> [[SQLValue]] {
        do {
            let prepared = try db.cachedStatement(sql: statement.sql)
            let cursor = try Row.fetchCursor(prepared, arguments: statement.sqliteArguments)
            // Columns are read from the statement itself: GRDB's Row subscript and DatabaseValue made every
            // value twice, generically (a tenth of the admin list's instructions, bench/callgrind).
            let handle = prepared.sqliteStatement
            let columns = Int32(prepared.columnCount)
            var rows: [[SQLValue]] = []
            try cursor.forEach { _ in
                var values: [SQLValue] = []
                values.reserveCapacity(Int(columns))
                for column in 0..<columns {
                    values.append(SQLValue(column: column, of: handle))
                }
                rows.append(values)
            }
            return rows
        } catch {
            throw StoreError(error)
        }
    }

    @discardableResult
    func execute(_ statement: SQLFragment) throws(StoreError) -> Int {
        do {
            try db.execute(sql: statement.sql, arguments: statement.sqliteArguments)
            return db.changesCount
        } catch {
            throw StoreError(error)
        }
    }

    func insert(_ statement: SQLFragment, generating key: String) throws(StoreError) -> SQLValue {
        try execute(statement)
        return .integer(db.lastInsertedRowID)
    }
}

extension SQLValue {
    /// The value in `column` of the statement's current row, in the storage class SQLite gives it.
    init(column: Int32, of statement: SQLiteStatement) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL:
            self = .null
        case SQLITE_INTEGER:
            self = .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            self = .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // The text first, then its length in bytes (SQLite's documented order); a NUL inside is kept.
            let text = sqlite3_column_text(statement, column)
            let length = Int(sqlite3_column_bytes(statement, column))
            self = .text(String(decoding: UnsafeBufferPointer(start: text, count: text == nil ? 0 : length), as: UTF8.self))
        default:
            let bytes = sqlite3_column_blob(statement, column)
            let length = Int(sqlite3_column_bytes(statement, column))
            self = .blob(bytes == nil ? [] : Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        }
    }

    var sqliteValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}

extension SQLFragment {
    var sqliteArguments: StatementArguments { StatementArguments(arguments.map(\.sqliteValue)) }
}

extension StoreError {
    /// A database failure as a StoreError; constraint failures keep SQLite's message.
    init(_ error: any Error) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            self = .constraintViolation(error.message ?? "constraint failed")
        case let error as DatabaseError:
            self = .database(error.message ?? error.description)
        default:
            self = .database("\(error)")
        }
    }
}
