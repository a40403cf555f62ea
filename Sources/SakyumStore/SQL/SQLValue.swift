/// One value as it goes into or comes out of SQL, whichever the backend: SQLite's storage classes, to
/// which PostgreSQL's values are mapped as SQLAlchemy reads them (booleans 0/1, timestamps as text).
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var isNull: Bool { self == .null }

    /// The text of a `.text` value, else nil.
    var text: String? {
        guard case .text(let value) = self else { return nil }
        return value
    }
}
