/// Where the SQL the Store writes differs between its two backends. Statements are written once with
/// `?` placeholders and identifiers quoted by `quotedIdentifier`; a dialect fills in the rest.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The LIMIT argument that means "no limit": SQLite takes a negative one, PostgreSQL NULL (LIMIT ALL).
    var unlimited: SQLValue {
        switch self {
        case .sqlite: .integer(-1)
        case .postgres: .null
        }
    }

    /// A column as text for LIKE and lower(): SQLite converts any value, PostgreSQL takes text only.
    func asText(_ column: String, of type: FieldTypeKind) -> String {
        switch (self, type) {
        case (.postgres, .other): "CAST(\(column) AS TEXT)"
        default: column
        }
    }

    /// Where NULLs sort, made the same on both backends: SQLite puts them first going up and last going down,
    /// PostgreSQL the other way round, so it is told to. Left out for a column that cannot be NULL, where
    /// it changes nothing and would keep PostgreSQL from reading an index backwards.
    func nullsAsSQLite(descending: Bool, nullable: Bool) -> String {
        guard self == .postgres, nullable else { return "" }
        return descending ? " NULLS LAST" : " NULLS FIRST"
    }

    /// The statement as the backend takes it: PostgreSQL numbers its placeholders (`$1`, `$2`…).
    /// Identifiers are quoted and values are never inlined, so a `?` outside quotes is always a placeholder.
    func text(of sql: String) -> String {
        guard self == .postgres, sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        // Byte by byte (every statement of every PostgreSQL request comes through here); quotes are ASCII.
        var result: [UInt8] = []
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: UInt8? = nil
        for byte in sql.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                result.append(byte)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                result.append(byte)
            } else if byte == UInt8(ascii: "?") {
                number += 1
                result.append(UInt8(ascii: "$"))
                result += String(number).utf8
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a text column or something else, as `asText` needs to know.
    enum FieldTypeKind {
        case text, other
    }
}
