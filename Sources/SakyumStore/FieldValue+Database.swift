import GRDB
import SakyumSpec

extension FieldValue {
    /// Stored as SQLAlchemy stores it on SQLite: booleans 0/1, dates and times as text, JSON as text.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): Int64(value).databaseValue
        case .float(let value): value.databaseValue
        case .boolean(let value): Int64(value ? 1 : 0).databaseValue
        case .string(let value), .json(let value): value.databaseValue
        case .date(let value): value.description.databaseValue
        case .datetime(let value): value.description.databaseValue
        }
    }

    /// Reads a stored value as `field`'s type; throws when the text is not what the type stores.
    init(stored: DatabaseValue, field: FieldSpec, model: String) throws(StoreError) {
        func unreadable(_ shown: String) -> StoreError {
            .invalidValue(model: model, field: field.name, reason: "the stored value \(shown) is not a \(field.type.name)")
        }
        switch (field.type, stored.storage) {
        case (_, .null): self = .null
        case (.integer, .int64(let value)): self = .integer(Int(value))
        case (.integer, .double(let value)) where Int(exactly: value) != nil: self = .integer(Int(value))
        case (.float, .double(let value)): self = .float(value)
        case (.float, .int64(let value)): self = .float(Double(value))
        case (.boolean, .int64(let value)): self = .boolean(value != 0)
        case (.string, .string(let value)), (.text, .string(let value)): self = .string(value)
        case (.string, .int64(let value)), (.text, .int64(let value)): self = .string(String(value))
        case (.string, .double(let value)), (.text, .double(let value)): self = .string("\(value)")
        case (.json, .string(let value)): self = .json(value)
        case (.date, .string(let text)):
            guard let value = DateValue(parsing: text) else { throw unreadable("'\(text)'") }
            self = .date(value)
        case (.datetime, .string(let text)):
            guard let value = DateTimeValue(parsing: text) else { throw unreadable("'\(text)'") }
            self = .datetime(value)
        default:
            throw unreadable(stored.description)
        }
    }
}
