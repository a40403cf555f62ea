import Logging
import NIOCore
import PostgresNIO

/// A transaction on one PostgreSQL connection. Each statement blocks the calling thread until its rows are
/// in: the thread is one of `PostgresPool`'s own, as GRDB's queries block one of GRDB's.
struct PostgresSession: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    let location: String

    var dialect: SQLDialect { .postgres }

    func rows(_ statement: SQLFragment) throws(StoreError) -> [[SQLValue]] {
        let result = try run(statement.postgresQuery)
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(result.rows.count)
        for row in result.rows {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for cell in row {
                values.append(try SQLValue(cell))
            }
            rows.append(values)
        }
        return rows
    }

    @discardableResult
    func execute(_ statement: SQLFragment) throws(StoreError) -> Int {
        try run(statement.postgresQuery).metadata.rows ?? 0
    }

    func insert(_ statement: SQLFragment, generating key: String) throws(StoreError) -> SQLValue {
        var returning = statement
        returning.sql += " RETURNING \(key.quotedIdentifier)"
        return try rows(returning).first?.first ?? .null
    }

    /// Runs SQL the Store wrote itself, without arguments (BEGIN, COMMIT, DDL).
    func run(_ sql: String) throws(StoreError) {
        _ = try run(PostgresQuery(unsafeSQL: sql))
    }

    private func run(_ query: PostgresQuery) throws(StoreError) -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw StoreError(postgres: error, location: location)
        }
    }
}

extension StoreError {
    /// A PostgreSQL failure as a StoreError: a refused constraint keeps the server's message, a lost or
    /// refused connection is `unavailable` (the page answers 503 and the next request tries again).
    init(postgres error: any Error, location: String) {
        guard let error = error as? PSQLError else {
            self = .unavailable("\(location): \(error)")
            return
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "error \(state)"
            switch state.prefix(2) {
            case "23": self = .constraintViolation(message)
            case "08", "53", "57": self = .unavailable("\(location): \(message)")  // connection, resources, shutdown
            default: self = .database(message)
            }
            return
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .sslUnsupported,
             .failedToAddSSLHandler, .poolClosed:
            self = .unavailable("\(location): \(Self.reason(of: error))")
        default:
            self = .database("\(error.code): \(Self.reason(of: error))")
        }
    }

    private static func reason(of error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
