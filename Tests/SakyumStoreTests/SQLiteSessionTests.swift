import GRDB
@testable import SakyumStore
import Testing

/// Rows are read straight from SQLite's statement: every storage class must come back as it went in.
@Suite struct SQLiteSessionTests {
    @Test func readsEveryStorageClassAsStored() throws {
        let queue = try DatabaseQueue()
        let rows = try queue.read { db in
            try SQLiteSession(db: db).rows(
                SQLFragment(
                    "SELECT NULL, 42, -9223372036854775808, 2.5, '', 'é✓ text', CAST('a' || char(0) || 'b' AS TEXT), x'', x'00ff10', ?",
                    [.text("bound 😀")]))
        }
        #expect(
            rows == [[
                .null, .integer(42), .integer(Int64.min), .real(2.5), .text(""), .text("é✓ text"), .text("a\u{0}b"), .blob([]),
                .blob([0x00, 0xFF, 0x10]), .text("bound 😀"),
            ]])
    }

    @Test func readsManyRowsAndNone() throws {
        let queue = try DatabaseQueue()
        let (many, none) = try queue.read { db in
            let session = SQLiteSession(db: db)
            return (
                try session.rows(SQLFragment("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) SELECT i, 'r' || i FROM n")),
                try session.rows(SQLFragment("SELECT 1 WHERE 0"))
            )
        }
        #expect(many.count == 300)
        #expect(many.last == [.integer(300), .text("r300")])
        #expect(none.isEmpty)
    }
}
