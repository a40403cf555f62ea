import Foundation
import Logging
import SakyumControl
import SakyumScaffold
import SakyumSite
import SakyumSpec
import SakyumStore

/// Owns every project of the projects directory: loads each into a `Site`, keeps the last good
/// Site when a reload fails, and publishes a new `SiteTable` after every change.
public actor Supervisor {
    public nonisolated let projectsDirectory: URL
    public nonisolated let table: SiteTableBox
    private let defaultProject: String?
    /// `--dev`: new nullable columns are added on reload without a migration.
    private let applyingAdditiveSchema: Bool
    private let logger: Logger
    /// Told "N projects, M with errors" after every change (systemd's STATUS=).
    private let onPublish: @Sendable (_ summary: String) -> Void

    private var records: [String: ProjectRecord] = [:]
    /// Projects in the order they were first seen: on a host or prefix conflict the earlier one wins.
    private var order: [String] = []

    public init(projectsDirectory: URL, defaultProject: String?, applyingAdditiveSchema: Bool = false, logger: Logger,
                onPublish: @escaping @Sendable (_ summary: String) -> Void = { _ in }) {
        self.projectsDirectory = projectsDirectory.standardizedFileURL
        self.table = SiteTableBox()
        self.defaultProject = defaultProject
        self.applyingAdditiveSchema = applyingAdditiveSchema
        self.logger = logger
        self.onPublish = onPublish
    }

    /// "3 projects, 1 with errors".
    public var summary: String {
        let failing = records.values.filter { !$0.diagnostics.isEmpty || !$0.conflicts.isEmpty || $0.site == nil }.count
        return "\(records.count) project\(records.count == 1 ? "" : "s"), \(failing) with errors"
    }

    /// Loads every project directory (a folder with a project.yaml; hidden folders skipped).
    public func loadAll() {
        for name in ProjectDirectories.names(in: projectsDirectory) {
            load(name)
        }
        publish()
    }

    /// Reloads one project from disk (removing it if its directory is gone) and republishes.
    @discardableResult
    public func reload(_ name: String) -> ProjectStatus? {
        let start = ContinuousClock.now
        load(name)
        publish()
        records[name]?.reloadTimes.record(start.duration(to: .now))
        return records[name].map { status(of: $0) }
    }

    /// Reloads every known project and picks up new or removed directories.
    public func reloadAll() -> [ProjectStatus] {
        let names = Set(ProjectDirectories.names(in: projectsDirectory)).union(records.keys)
        var loadTimes: [String: Duration] = [:]
        for name in names.sorted() {
            let start = ContinuousClock.now
            load(name)
            loadTimes[name] = start.duration(to: .now)
        }
        let publishStart = ContinuousClock.now
        publish()
        let publishTime = publishStart.duration(to: .now)
        for (name, time) in loadTimes { records[name]?.reloadTimes.record(time + publishTime) }
        return statuses(nil)
    }

    public func statuses(_ name: String?) -> [ProjectStatus] {
        order.compactMap { records[$0] }.filter { name == nil || $0.name == name }.map { status(of: $0) }
    }

    public func hasProject(_ name: String) -> Bool { records[name] != nil }

    /// `sakyumctl add-user`: a user in the project's database, by sakyum's rules. The password is never logged.
    public func addUser(project: String, username: String, email: String, password: String, admin: Bool) async throws(ControlError) -> ControlResult {
        guard let record = records[project] else { throw ControlError.notFound("there is no project '\(project)'") }
        guard let accounts = record.site?.accounts else {
            throw ControlError(code: "invalid_project", detail: "project \(project) is not loaded, so its database cannot be reached:\n"
                               + record.diagnostics.joined(separator: "\n"))
        }
        do {
            let id = try await accounts.create(username: username, email: email, password: password, admin: admin)
            logger.notice("project \(project): added user \(username) (id \(id)\(admin ? ", admin" : ""))", metadata: ["project": "\(project)"])
            return ControlResult(message: "created \(admin ? "admin " : "")user \(username) in \(project)")
        } catch {
            switch error {
            case .invalid(let problems): throw ControlError(code: "invalid_user", detail: problems.joined(separator: "; "))
            case .database(let message): throw ControlError(code: "io_error", detail: message)
            }
        }
    }

    public func createProject(name: String, hosts: [String]?, prefix: String?) throws(ControlError) -> ControlResult {
        let hosts = hosts ?? ["\(name.lowercased()).localhost"]
        let prefix = prefix ?? "/\(name)"
        for other in records.values {
            guard let site = other.site else { continue }
            if let host = hosts.first(where: { site.hosts.contains($0.lowercased()) }) {
                throw ControlError(code: "conflict", detail: "host '\(host)' is already served by project '\(other.name)'")
            }
            if site.prefix == prefix {
                throw ControlError(code: "conflict", detail: "prefix '\(prefix)' is already used by project '\(other.name)'")
            }
        }
        do {
            let directory = try ProjectScaffold(name: name, hosts: hosts, prefix: prefix).create(in: projectsDirectory)
            logger.info("created project \(name) in \(directory.path)")
        } catch {
            throw ControlError(code: error.code.rawValue, detail: error.detail)
        }
        let status = reload(name)
        var message = "created project \(name)"
        if let status {
            if status.state != .serving {
                message += ", but it does not load:\n" + status.diagnostics.joined(separator: "\n")
            } else {
                message += "; serving it at " + (status.hosts.map { "http://\($0)/" } + [status.prefix.map { "\($0)/" }].compactMap { $0 }).joined(separator: " and ")
            }
        }
        return ControlResult(projects: status.map { [$0] }, created: [name], message: message)
    }

    public func createApp(project: String, app: String) throws(ControlError) -> ControlResult {
        let directory = projectsDirectory.appendingPathComponent(project)
        guard records[project] != nil || FileManager.default.fileExists(atPath: directory.appendingPathComponent(ProjectLoader.projectFile).path) else {
            throw ControlError.notFound("there is no project '\(project)' in \(projectsDirectory.path)")
        }
        let created: [String]
        do {
            created = try AppScaffold(app: app).create(inProject: directory)
        } catch {
            throw ControlError(code: error.code.rawValue, detail: error.detail)
        }
        logger.info("created app \(app) in project \(project)")
        let status = reload(project)
        var message = "created app \(app) in \(project) and registered it in project.yaml"
        if let status, status.state != .serving {
            message += ", but the project does not load:\n" + status.diagnostics.joined(separator: "\n")
        }
        return ControlResult(projects: status.map { [$0] }, created: created.map { "\(project)/\($0)" }, message: message)
    }

    // MARK: - Loading and publishing

    private func load(_ name: String) {
        let directory = projectsDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ProjectLoader.projectFile).path) else {
            if let removed = records.removeValue(forKey: name) {
                order.removeAll { $0 == name }
                close(removed.database, of: name)
                logger.info("project \(name) removed", metadata: ["project": "\(name)"])
            }
            return
        }
        var record = records[name] ?? ProjectRecord(name: name)
        if records[name] == nil { order.append(name) }
        do {
            if try ProjectSecret.ensure(in: directory) {
                logger.notice("project \(name) had no secret.key: generated one (mode 0600)", metadata: ["project": "\(name)"])
            }
        } catch {
            logger.error("project \(name): \(error.detail)", metadata: ["project": "\(name)"])
        }
        do {
            let spec = try ProjectLoader(directory: directory).load()
            let database = try openDatabase(spec.databaseFile, of: name, record: &record)
            let site = try SiteBuilder(spec: spec, directory: directory, database: database,
                                       applyingAdditive: applyingAdditiveSchema, loginThrottle: record.loginThrottle).build()
            record.site = site
            record.diagnostics = []
            log(site.schema, of: name)
            let hosts = site.hosts.isEmpty ? "-" : site.hosts.joined(separator: ",")
            logger.info("project \(site.name): hosts \(hosts), prefix \(site.prefix ?? "-"), blueprints \(site.blueprints.joined(separator: ","))",
                        metadata: ["project": "\(name)"])
        } catch {
            record.diagnostics = error.diagnostics.map { name + "/" + $0.description }
            let kept = record.site == nil ? "not served" : "still serving the previous version"
            logger.error("project \(name) failed to load (\(kept)):\n\(record.diagnostics.joined(separator: "\n"))",
                         metadata: ["project": "\(name)"])
        }
        records[name] = record
    }

    /// The project's open database, reopened when project.yaml names another file (the old one is closed
    /// once no Site uses it: at the swap below, since in-flight requests hold their own Store).
    private func openDatabase(_ file: String, of name: String, record: inout ProjectRecord) throws(ProjectLoadError) -> StoreDatabase {
        let path = projectsDirectory.appendingPathComponent(name).appendingPathComponent(file).path
        if let open = record.database, open.path == path { return open }
        do {
            let database = try StoreDatabase(path: path)
            close(record.database, of: name)
            record.database = database
            return database
        } catch {
            throw ProjectLoadError([Diagnostic(file: file, message: "cannot open the database: \(error)")])
        }
    }

    private func close(_ database: StoreDatabase?, of name: String) {
        guard let database else { return }
        do {
            try database.close()
        } catch {
            logger.warning("project \(name): closing \(database.path) failed: \(error)", metadata: ["project": "\(name)"])
        }
    }

    private func log(_ schema: SchemaStatus?, of name: String) {
        guard let schema else { return }
        let metadata: Logger.Metadata = ["project": "\(name)"]
        if !schema.createdTables.isEmpty {
            logger.notice("project \(name): created table(s) \(schema.createdTables.joined(separator: ", "))", metadata: metadata)
        }
        if !schema.applied.isEmpty {
            logger.notice("project \(name) (--dev): applied \(schema.applied.map(\.description).joined(separator: "; "))", metadata: metadata)
        }
        if !schema.pending.isEmpty {
            let affected = schema.affectedModels.isEmpty ? "no pages" : "pages of " + schema.affectedModels.joined(separator: ", ")
            let steps = schema.pending.map(\.description).joined(separator: "; ")
            logger.warning("project \(name): pending migration (\(affected) answer 503 until `sakyumctl db revision \(name) --autogenerate -m …` and `db upgrade`): \(steps)",
                           metadata: metadata)
        }
    }

    /// Builds the routing table from scratch; a later project that claims a taken host or prefix is left out.
    private func publish() {
        var table = SiteTable()
        for name in order {
            guard var record = records[name] else { continue }
            record.conflicts = []
            defer { records[name] = record }
            guard let site = record.site else { continue }
            for host in site.hosts {
                if let owner = table.byHost[host] { record.conflicts.append("host '\(host)' is already served by project '\(owner.name)'") }
            }
            if let prefix = site.prefix, let owner = table.byPrefix[String(prefix.dropFirst())] {
                record.conflicts.append("prefix '\(prefix)' is already used by project '\(owner.name)'")
            }
            guard record.conflicts.isEmpty else {
                logger.error("project \(name) is not served: \(record.conflicts.joined(separator: "; "))", metadata: ["project": "\(name)"])
                continue
            }
            for host in site.hosts { table.byHost[host] = site }
            if let prefix = site.prefix { table.byPrefix[String(prefix.dropFirst())] = site }
            if name == defaultProject { table.fallback = site }
        }
        self.table.replace(with: table)
        onPublish(summary)
    }

    private func status(of record: ProjectRecord) -> ProjectStatus {
        let state: ProjectStatus.State
        if record.site == nil || !record.conflicts.isEmpty {
            state = .failed
        } else {
            state = record.diagnostics.isEmpty ? .serving : .stale
        }
        return ProjectStatus(
            name: record.name, state: state,
            hosts: record.site?.hosts ?? [], prefix: record.site?.prefix, blueprints: record.site?.blueprints ?? [],
            loadedAt: record.site.map { ISO8601DateFormatter().string(from: $0.builtAt) },
            diagnostics: record.conflicts.map { "\(record.name)/project.yaml: \($0)" } + record.diagnostics,
            pendingMigration: record.site?.schema?.pending.map(\.description) ?? [],
            reloadTimes: record.reloadTimes.percentile(50).map { median in
                ProjectStatus.ReloadTimes(count: record.reloadTimes.count, medianMilliseconds: median,
                                          p99Milliseconds: record.reloadTimes.percentile(99) ?? median)
            }
        )
    }
}

/// What the supervisor knows of one project.
struct ProjectRecord {
    let name: String
    /// The last version that loaded; kept while newer edits fail.
    var site: Site?
    /// Open for as long as the project exists, shared by each Site built from it.
    var database: StoreDatabase?
    /// Failed logins; kept across reloads so a reload does not reset the brute-force limit.
    let loginThrottle = LoginThrottle()
    /// Of the latest load attempt, as `project/file:line:col: message`.
    var diagnostics: [String] = []
    /// Hosts or prefixes another project had first.
    var conflicts: [String] = []
    var reloadTimes = ReloadTimes()

    init(name: String) {
        self.name = name
    }
}

/// The project folders of a projects directory.
enum ProjectDirectories {
    static func names(in directory: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { name in
            !name.hasPrefix(".") && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).appendingPathComponent(ProjectLoader.projectFile).path)
        }.sorted()
    }
}
