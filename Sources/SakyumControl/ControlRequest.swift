/// One call to the daemon, sent as one JSON line: `{"op":"create_app","project":"schoolsite","app":"exam"}`.
public struct ControlRequest: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable, CaseIterable {
        case createProject = "create_project"
        case createApp = "create_app"
        case list
        case status
        case reload
        case dbRevision = "db_revision"
        case dbUpgrade = "db_upgrade"
        case dbDowngrade = "db_downgrade"
        case dbCurrent = "db_current"
        case dbHistory = "db_history"
        case addUser = "add_user"
        case setAdmin = "set_admin"
        case importProject = "import"
    }

    public var op: String
    public var project: String?
    public var app: String?
    public var hosts: [String]?
    public var prefix: String?
    /// db_revision: the revision's message.
    public var message: String?
    /// db_revision: compare the models with the live database and write the steps (else an empty revision).
    public var autogenerate: Bool?
    /// db_upgrade (`head` or an id), db_downgrade (an id, `-N` or `base`).
    public var target: String?
    /// add_user. The password travels only over the control socket (never logged, never echoed).
    public var username: String?
    public var email: String?
    public var password: String?
    public var admin: Bool?
    /// reload: answer once the reload is done (with the statuses) instead of at once.
    public var wait: Bool?
    /// import: the sakyum project's folder, an absolute path on the daemon's machine.
    public var path: String?
    /// create_project: project.yaml's `database:` (`sqlite:FILE` or a `postgresql://` URL without a password).
    public var database: String?

    public init(op: Operation, project: String? = nil, app: String? = nil, hosts: [String]? = nil, prefix: String? = nil,
                message: String? = nil, autogenerate: Bool? = nil, target: String? = nil,
                username: String? = nil, email: String? = nil, password: String? = nil, admin: Bool? = nil, wait: Bool? = nil,
                path: String? = nil, database: String? = nil) {
        self.op = op.rawValue
        self.project = project
        self.app = app
        self.hosts = hosts
        self.prefix = prefix
        self.message = message
        self.autogenerate = autogenerate
        self.target = target
        self.username = username
        self.email = email
        self.password = password
        self.admin = admin
        self.wait = wait
        self.path = path
        self.database = database
    }

    /// The operation, or nil when `op` names none (the daemon answers `unknown_op`).
    public var operation: Operation? { Operation(rawValue: op) }
}
