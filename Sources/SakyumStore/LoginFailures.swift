import SakyumSpec

/// Failed logins kept in the project's database (table `sakyum_login_failure`), so that every daemon
/// serving the project counts the same ones: the login throttle's memory. Rows older than the throttle's
/// window are deleted as new ones are written, so the table holds at most one window of failures.
public struct LoginFailures: Sendable {
    static let table = "sakyum_login_failure"
    private static let schema = StoreSchema(models: [])

    let database: StoreDatabase

    public init(database: StoreDatabase) {
        self.database = database
    }

    /// The times of each key's failures since `since`, oldest first (keys without any are left out).
    public func recent(_ keys: [String], since: DateTimeValue) async throws(StoreError) -> [String: [DateTimeValue]] {
        guard !keys.isEmpty else { return [:] }
        do {
            return try await database.read(schema: Self.schema) { transaction in
                let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                let rows = try transaction.connection.rows(SQLFragment(
                    "SELECT key, failed_at FROM \(Self.table) WHERE key IN (\(placeholders)) AND failed_at >= ? ORDER BY failed_at",
                    keys.map(SQLValue.text) + [FieldValue.datetime(since).sqlValue]))
                var times: [String: [DateTimeValue]] = [:]
                for row in rows {
                    guard row.count == 2, case .text(let key) = row[0], case .text(let text) = row[1],
                          let time = DateTimeValue(parsing: text) else { continue }
                    times[key, default: []].append(time)
                }
                return times
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Records one failure for each key at `time`, and forgets every failure before `forgettingBefore`.
    public func record(_ keys: [String], at time: DateTimeValue, forgettingBefore: DateTimeValue) async throws(StoreError) {
        do {
            try await database.write(schema: Self.schema) { transaction in
                try transaction.connection.execute(SQLFragment("DELETE FROM \(Self.table) WHERE failed_at < ?",
                                                               [FieldValue.datetime(forgettingBefore).sqlValue]))
                for key in keys {
                    try transaction.connection.execute(SQLFragment("INSERT INTO \(Self.table) (key, failed_at) VALUES (?, ?)",
                                                                   [.text(key), FieldValue.datetime(time).sqlValue]))
                }
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Forgets the failures of `keys` (a successful login clears its username's).
    public func clear(_ keys: [String]) async throws(StoreError) {
        guard !keys.isEmpty else { return }
        do {
            try await database.write(schema: Self.schema) { transaction in
                let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                try transaction.connection.execute(SQLFragment("DELETE FROM \(Self.table) WHERE key IN (\(placeholders))", keys.map(SQLValue.text)))
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// The table and its index, made with the project's tables when missing (both backends take this SQL).
    static func creation(_ dialect: SQLDialect) -> [String] {
        let time = dialect == .postgres ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME"
        return [
            "CREATE TABLE IF NOT EXISTS \(table) (key VARCHAR(300) NOT NULL, failed_at \(time) NOT NULL)",
            "CREATE INDEX IF NOT EXISTS ix_\(table)_key ON \(table) (key, failed_at)",
        ]
    }
}
