import Foundation
import SakyumSpec

/// One value of a row, typed by its field: what the Store reads, writes, filters and sorts by.
public enum FieldValue: Sendable, Hashable {
    case null
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case string(String)
    case date(DateValue)
    case datetime(DateTimeValue)
    /// JSON text, as SQLAlchemy's `JSON` stores it.
    case json(String)

    public var isNull: Bool { self == .null }

    /// What Python's `str()` shows for the value, so pages render like sakyum's
    /// (`True`, `None`, `2023-03-15 00:00:00`, `2023-04-01 12:30:00.000005`).
    public var displayText: String {
        switch self {
        case .null: "None"
        case .integer(let value): String(value)
        case .float(let value): "\(value)"
        case .boolean(let value): value ? "True" : "False"
        case .string(let value), .json(let value): value
        case .date(let value): value.description
        case .datetime(let value):
            value.text(withMicroseconds: value.microsecond != 0)
        }
    }

    /// The value a models.yaml literal (a default or a choice) stands for.
    public init(_ literal: LiteralValue) {
        switch literal {
        case .none: self = .null
        case .bool(let value): self = .boolean(value)
        case .int(let value): self = .integer(value)
        case .double(let value): self = .float(value)
        case .string(let value): self = .string(value)
        case .list, .map: self = .json(JSONText.encode(literal))
        }
    }

    /// This value as `field` stores it: text from a URL or a form is parsed (`"3"`, `"2024-02-29"`, `"y"`).
    public func converted(to field: FieldSpec, of model: String) throws(StoreError) -> FieldValue {
        func invalid(_ reason: String) -> StoreError { .invalidValue(model: model, field: field.name, reason: reason) }
        switch (field.type, self) {
        case (_, .null): return .null
        case (.integer, .integer), (.float, .float), (.boolean, .boolean), (.string, .string), (.text, .string),
             (.date, .date), (.datetime, .datetime), (.json, .json):
            return self
        case (.integer, .string(let text)):
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw invalid("'\(text)' is not a whole number") }
            return .integer(value)
        case (.integer, .float(let value)):
            guard value.rounded() == value, let integer = Int(exactly: value) else { throw invalid("\(value) is not a whole number") }
            return .integer(integer)
        case (.integer, .boolean(let value)):
            return .integer(value ? 1 : 0)
        case (.float, .integer(let value)):
            return .float(Double(value))
        case (.float, .string(let text)):
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { throw invalid("'\(text)' is not a number") }
            return .float(value)
        case (.boolean, .integer(let value)) where value == 0 || value == 1:
            return .boolean(value == 1)
        case (.boolean, .string(let text)):
            switch text.lowercased() {
            case "true", "1", "y", "yes", "on": return .boolean(true)
            case "false", "0", "n", "no", "off", "": return .boolean(false)
            default: throw invalid("'\(text)' is not true or false")
            }
        case (.date, .string(let text)):
            guard let value = DateValue(parsing: text) else { throw invalid("'\(text)' is not a date YYYY-MM-DD") }
            return .date(value)
        case (.datetime, .string(let text)):
            guard let value = DateTimeValue(parsing: text) else { throw invalid("'\(text)' is not a date and time YYYY-MM-DD HH:MM:SS") }
            return .datetime(value)
        case (.datetime, .date(let value)):
            return .datetime(DateTimeValue(date: value)!)
        case (.json, .string(let text)):
            guard JSONText.isValid(text) else { throw invalid("'\(text)' is not JSON") }
            return .json(text)
        default:
            throw invalid("\(displayText) is not a valid \(field.type.name)")
        }
    }
}
