/// Why a scaffold was refused or failed; nothing is left behind when one is thrown.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, as sent over the control protocol.
    public enum Code: String, Sendable {
        case invalidName = "invalid_name"
        case alreadyExists = "already_exists"
        case notFound = "not_found"
        case io = "io_error"
        case invalidProject = "invalid_project"
        case invalidDatabase = "invalid_database"
    }

    /// The kind of failure.
    public var code: Code
    /// One readable sentence naming what was wrong.
    public var detail: String

    /// Creates an error of the given kind.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
