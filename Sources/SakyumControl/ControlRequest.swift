/// One call to the daemon, sent as one JSON line: `{"op":"create_app","project":"schoolsite","app":"exam"}`.
public struct ControlRequest: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable, CaseIterable {
        case createProject = "create_project"
        case createApp = "create_app"
        case list
        case status
        case reload
    }

    public var op: String
    public var project: String?
    public var app: String?
    public var hosts: [String]?
    public var prefix: String?

    public init(op: Operation, project: String? = nil, app: String? = nil, hosts: [String]? = nil, prefix: String? = nil) {
        self.op = op.rawValue
        self.project = project
        self.app = app
        self.hosts = hosts
        self.prefix = prefix
    }

    /// The operation, or nil when `op` names none (the daemon answers `unknown_op`).
    public var operation: Operation? { Operation(rawValue: op) }
}
