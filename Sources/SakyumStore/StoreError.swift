/// Why a Store operation failed. `unknownColumn` and `invalidValue` come from bad input (a URL's sort or
/// filter, a form) and mean 400; the others are about the data or the database.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownModel(String)
    case unknownColumn(model: String, column: String)
    case unknownRelationship(model: String, name: String)
    case invalidValue(model: String, field: String, reason: String)
    case notFound(model: String, id: String)
    /// A unique, not-null or foreign-key rule refused the change; nothing was written.
    case constraintViolation(String)
    /// The database could not be opened, read or written.
    case database(String)
    /// The database server cannot be reached, or every connection to it stayed busy too long: a request
    /// answers 503 with Retry-After, and the next one tries again.
    case unavailable(String)

    /// True when the caller's input is at fault (HTTP 400), not the data or the database.
    public var isBadInput: Bool {
        switch self {
        case .unknownColumn, .invalidValue, .unknownRelationship: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unknownModel(let name): "there is no model '\(name)'"
        case let .unknownColumn(model, column): "model \(model) has no column '\(column)'"
        case let .unknownRelationship(model, name): "model \(model) has no relationship '\(name)'"
        case let .invalidValue(model, field, reason): "\(model).\(field): \(reason)"
        case let .notFound(model, id): "\(model) \(id) does not exist"
        case .constraintViolation(let message): "refused by the database: \(message)"
        case .database(let message): "database error: \(message)"
        case .unavailable(let reason): "database unavailable: \(reason)"
        }
    }
}
