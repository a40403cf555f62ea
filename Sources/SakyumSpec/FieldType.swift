/// The column types a models.yaml field can have (SQLAlchemy's Integer, Float, Boolean, String(n), Text, Date, DateTime, JSON).
public enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case integer
    case float
    case boolean
    /// `VARCHAR(length)`; SQLite does not enforce the length, forms do.
    case string(length: Int?)
    case text
    case date
    case datetime
    case json

    /// The names written in models.yaml.
    public static let names = ["integer", "float", "boolean", "string", "text", "date", "datetime", "json"]

    /// The type without its length: what a foreign key must agree on.
    public var name: String {
        switch self {
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .string: "string"
        case .text: "text"
        case .date: "date"
        case .datetime: "datetime"
        case .json: "json"
        }
    }

    public var description: String {
        if case .string(let length?) = self { return "string(\(length))" }
        return name
    }

    init?(name: String, length: Int?) {
        switch name {
        case "integer": self = .integer
        case "float": self = .float
        case "boolean": self = .boolean
        case "string": self = .string(length: length)
        case "text": self = .text
        case "date": self = .date
        case "datetime": self = .datetime
        case "json": self = .json
        default: return nil
        }
    }
}
