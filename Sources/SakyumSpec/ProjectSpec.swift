import Foundation

/// A project as its directory describes it: project.yaml plus one `AppSpec` per registered app.
public struct ProjectSpec: Sendable {
    /// The blueprints every project has, registered before its apps (sakyum's reg_blueprints).
    public static let builtinBlueprints = ["default", "errors", "auth", "base"]

    public var name: String
    /// Lowercased host names served at `/`.
    public var hosts: [String]
    /// `/name`-style mount point, or nil when the project is reached by host only.
    public var prefix: String?
    /// Where the project's data is (`database:`): a SQLite file by default, or PostgreSQL.
    public var database: DatabaseSpec
    public var debug: Bool
    /// Blueprint names in registration order, built-ins included.
    public var blueprints: [String]
    public var admin: AdminSpec
    public var uploads: UploadsSpec
    /// Custom error templates by status code.
    public var errorTemplates: [Int: String]
    /// project.yaml `auth: {home: ENDPOINT}`: where a user who is not an admin goes after logging in
    /// without a `next`; nil means the project's home page (`base.index`), else `/`.
    public var authHome: String? = nil
    /// project.yaml `access_log: false` keeps this project's requests out of the daemon's access log.
    public var accessLog = true
    /// `preload: true`: compiled when the daemon starts and kept loaded however long it is idle.
    public var preload = false
    /// Views of the project's own `base` blueprint.
    public var routes: [ViewSpec]
    /// The models every project has (sakyum's `User`), with the backrefs the apps give them.
    public var builtinModels: [ModelSpec]
    /// The registered apps, in blueprint order.
    public var apps: [AppSpec]

    /// The models built into every project, before any app adds backrefs to them.
    public static let builtinModels: [ModelSpec] = [.user]

    /// The registered blueprints that are apps (not built-ins).
    public var appNames: [String] { apps.map(\.name) }

    /// Every model of the project: the built-in ones, then each app's in blueprint order.
    public var models: [ModelSpec] { builtinModels + apps.flatMap(\.models) }

    /// The SQLite file of `database: sqlite:FILE`, relative to the project folder; nil on PostgreSQL.
    public var databaseFile: String? {
        guard case .sqlite(let file) = database else { return nil }
        return file
    }

    public func model(named name: String) -> ModelSpec? {
        models.first { $0.name == name }
    }
}

/// Admin settings from project.yaml; the views are resolved by the admin layer.
public struct AdminSpec: Sendable {
    public var name: String
    public var views: [AdminViewSpec]

    public init(name: String, views: [AdminViewSpec] = []) {
        self.name = name
        self.views = views
    }
}

/// Where uploaded files go and what is accepted.
public struct UploadsSpec: Sendable, Equatable {
    /// Inside the project folder (`media` by default), or an absolute path: a folder several daemons
    /// share (an NFS or other network mount, see docs/scaling.md).
    public var folder: String = "media"

    /// The folder itself, for a project in `directory`.
    public func folderURL(in directory: URL) -> URL {
        folder.hasPrefix("/") ? URL(fileURLWithPath: folder, isDirectory: true) : directory.appendingPathComponent(folder)
    }

    public var allowedExtensions: [String] = ["png", "jpg", "jpeg"]
    /// Bytes; 16 MiB like sakyum's MAX_CONTENT_LENGTH.
    public var maxContentLength: Int = 16 * 1024 * 1024

    public init() {}
}
