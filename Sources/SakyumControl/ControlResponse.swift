/// The daemon's answer: `{"ok":true,"result":{…}}` or `{"ok":false,"error":{"code":…,"detail":…}}`.
public struct ControlResponse: Codable, Sendable, Equatable {
    public var ok: Bool
    public var result: ControlResult?
    public var error: ControlError?

    public static func success(_ result: ControlResult) -> ControlResponse {
        ControlResponse(ok: true, result: result, error: nil)
    }

    public static func failure(_ error: ControlError) -> ControlResponse {
        ControlResponse(ok: false, result: nil, error: error)
    }
}

/// A refused or failed operation, with a stable machine-readable code.
public struct ControlError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var detail: String

    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    public static func badRequest(_ detail: String) -> ControlError { ControlError(code: "bad_request", detail: detail) }
    public static func missingField(_ field: String, op: String) -> ControlError {
        ControlError(code: "missing_field", detail: "'\(op)' needs the field '\(field)'")
    }
    public static func notFound(_ detail: String) -> ControlError { ControlError(code: "not_found", detail: detail) }
    public static let permissionDenied = ControlError(code: "permission_denied", detail: "this user may not control the daemon")

    public var description: String { detail }
}

/// What an operation returns; each operation fills the fields that concern it.
public struct ControlResult: Codable, Sendable, Equatable {
    /// list, status, reload: the projects concerned.
    public var projects: [ProjectStatus]?
    /// create_project, create_app: files and folders written, relative to the projects directory.
    public var created: [String]?
    /// A sentence for people.
    public var message: String?
    /// db_*: the revisions written, applied, undone or listed (history: head first).
    public var revisions: [RevisionSummary]?
    /// db_*: the revision the database is at afterwards; nil at base.
    public var current: String?

    public init(projects: [ProjectStatus]? = nil, created: [String]? = nil, message: String? = nil,
                revisions: [RevisionSummary]? = nil, current: String? = nil) {
        self.projects = projects
        self.created = created
        self.message = message
        self.revisions = revisions
        self.current = current
    }
}

/// One migration revision as `sakyumctl db history` shows it.
public struct RevisionSummary: Codable, Sendable, Equatable {
    public var id: String
    public var parent: String?
    public var message: String
    public var created: String
    public var file: String
    /// `add_column exam_question_model.slug`, …
    public var upgrade: [String]
    public var downgrade: [String]

    public init(id: String, parent: String?, message: String, created: String, file: String, upgrade: [String], downgrade: [String]) {
        self.id = id
        self.parent = parent
        self.message = message
        self.created = created
        self.file = file
        self.upgrade = upgrade
        self.downgrade = downgrade
    }
}

/// How one project is doing, as `sakyumctl status` shows it.
public struct ProjectStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// The current description loaded and is served.
        case serving
        /// The current description has errors; the last good version is still served.
        case stale
        /// Routed, and compiled when a request reaches it (lazy start, or unloaded after being idle).
        case unloaded
        /// Never loaded successfully; not served.
        case failed
    }

    public var name: String
    public var state: State
    public var hosts: [String]
    public var prefix: String?
    public var blueprints: [String]
    /// ISO 8601 time the served version was built, if any.
    public var loadedAt: String?
    /// `file:line:col: message` lines of the latest load attempt.
    public var diagnostics: [String]
    /// Schema changes that wait for `sakyumctl db upgrade`; the pages of the models they touch answer 503.
    public var pendingMigration: [String]
    /// How long reloads took, from reading the files to serving the new version; nil before the first reload.
    public var reloadTimes: ReloadTimes?
    /// Requests that failed with a 500 since the daemon started; nil when none did.
    public var runtimeErrorCount: Int?
    /// The latest of them, newest last: time, request and cause (a template's file:line).
    public var runtimeErrors: [String]?
    /// Whether a compiled Site is in memory (serving or stale); false when unloaded or failed.
    public var loaded: Bool?
    /// ISO 8601 time of its latest request since the daemon started; nil when none came.
    public var lastRequest: String?
    /// How long its latest compile took.
    public var compileMilliseconds: Double?
    /// Where its data is while it is loaded: the SQLite file, or the PostgreSQL URL (never with a password).
    public var database: String?
    /// Why its database server cannot be reached (pages that need data answer 503 meanwhile); nil when it can.
    public var databaseUnavailable: String?

    /// Reload durations the daemon measured for one project.
    public struct ReloadTimes: Codable, Sendable, Equatable {
        /// Reloads since the daemon started.
        public var count: Int
        public var medianMilliseconds: Double
        public var p99Milliseconds: Double

        public init(count: Int, medianMilliseconds: Double, p99Milliseconds: Double) {
            self.count = count
            self.medianMilliseconds = medianMilliseconds
            self.p99Milliseconds = p99Milliseconds
        }
    }

    public init(name: String, state: State, hosts: [String], prefix: String?, blueprints: [String], loadedAt: String?,
                diagnostics: [String], pendingMigration: [String] = [], reloadTimes: ReloadTimes? = nil) {
        self.name = name
        self.state = state
        self.hosts = hosts
        self.prefix = prefix
        self.blueprints = blueprints
        self.loadedAt = loadedAt
        self.diagnostics = diagnostics
        self.pendingMigration = pendingMigration
        self.reloadTimes = reloadTimes
    }
}
