import SakyumSpec

/// What `StoreDatabase.synchronize` needs of a backend inside its write transaction: which tables exist,
/// what they look like, and the two changes it may make without a migration.
protocol SchemaAccess {
    /// Every table of the database, the daemon's bookkeeping tables included.
    func tableNames() throws -> [String]
    /// The tables as migrations compare them (bookkeeping tables left out).
    func liveTables() throws -> [TableSchema]
    /// CREATE TABLE and its indexes, as SQLAlchemy's `create_all` would.
    func create(_ model: ModelSpec) throws
    func addNullableColumn(_ column: TableSchema.Column, to table: String) throws
    /// The daemon's own tables (`LoginFailures`), when missing.
    func createBookkeeping() throws
}
