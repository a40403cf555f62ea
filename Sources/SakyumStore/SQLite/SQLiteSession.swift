import Foundation
import GRDB

/// A transaction on one GRDB connection of a project's SQLite file.
struct SQLiteSession: SQLConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func rows(_ statement: SQLFragment) throws(StoreError) -> [[SQLValue]] {
        do {
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.sqliteArguments)
            var rows: [[SQLValue]] = []
            while let row = try cursor.next() {
                var values: [SQLValue] = []
                values.reserveCapacity(row.count)
                for index in 0..<row.count {
                    values.append(SQLValue(row[index] as DatabaseValue))
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
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .blob(let data): self = .blob(Array(data))
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
