/// One connection inside one open transaction: what `StoreTransaction` runs its SQL on. Each backend
/// (SQLite through GRDB, PostgreSQL through postgres-nio) has one; nothing above the Store sees which.
/// Calls block the calling thread, which is never an event loop (see `Store`).
protocol SQLConnection {
    var dialect: SQLDialect { get }

    /// Every row of a query, each as its column values in order.
    func rows(_ statement: SQLFragment) throws(StoreError) -> [[SQLValue]]

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ statement: SQLFragment) throws(StoreError) -> Int

    /// Runs an INSERT and returns the value the database gave the integer primary key `key`.
    func insert(_ statement: SQLFragment, generating key: String) throws(StoreError) -> SQLValue
}
