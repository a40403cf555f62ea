import SakyumSpec

extension FieldValue {
    /// Stored as SQLAlchemy stores it on SQLite: booleans 0/1, dates and times as text, JSON as text.
    /// PostgreSQL reads the same values as its column's type (see `UntypedParameter`).
    var sqlValue: SQLValue {
        switch self {
        case .null: .null
        case .integer(let value): .integer(Int64(value))
        case .float(let value): .real(value)
        case .boolean(let value): .integer(value ? 1 : 0)
        case .string(let value), .json(let value): .text(value)
        case .date(let value): .text(value.description)
        case .datetime(let value): .text(value.description)
        }
    }

    /// Reads a stored value as `field`'s type; throws when the text is not what the type stores.
    init(stored: SQLValue, field: FieldSpec, model: String) throws(StoreError) {
        func unreadable(_ shown: String) -> StoreError {
            .invalidValue(model: model, field: field.name, reason: "the stored value \(shown) is not a \(field.type.name)")
        }
        switch (field.type, stored) {
        case (_, .null): self = .null
        case (.integer, .integer(let value)): self = .integer(Int(value))
        case (.integer, .real(let value)) where Int(exactly: value) != nil: self = .integer(Int(value))
        case (.float, .real(let value)): self = .float(value)
        case (.float, .integer(let value)): self = .float(Double(value))
        case (.boolean, .integer(let value)): self = .boolean(value != 0)
        case (.string, .text(let value)), (.text, .text(let value)): self = .string(value)
        case (.string, .integer(let value)), (.text, .integer(let value)): self = .string(String(value))
        case (.string, .real(let value)), (.text, .real(let value)): self = .string("\(value)")
        case (.json, .text(let value)): self = .json(value)
        case (.date, .text(let text)):
            guard let value = DateValue(parsing: text) else { throw unreadable("'\(text)'") }
            self = .date(value)
        case (.datetime, .text(let text)):
            guard let value = DateTimeValue(parsing: text) else { throw unreadable("'\(text)'") }
            self = .datetime(value)
        default:
            throw unreadable("\(stored)")
        }
    }
}
