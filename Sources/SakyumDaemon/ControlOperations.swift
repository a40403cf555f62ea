import Foundation
import Logging
import SakyumControl
import SakyumImport
import SakyumScaffold
import SakyumSite
import SakyumSpec
import SakyumStore

/// The control protocol over the supervisor: decodes a request, carries it out (scaffolds, users,
/// reloads, migrations) and says what happened as a `ControlResult` or a `ControlError`.
struct ControlOperations: Sendable {
    let supervisor: Supervisor
    let logger: Logger

    func perform(line: Data) async -> ControlResponse {
        let request: ControlRequest
        do {
            request = try JSONDecoder().decode(ControlRequest.self, from: line)
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(ControlError(code: "missing_field", detail: "the request needs the field '\(key.stringValue)'"))
        } catch {
            return .failure(.badRequest("the request is not a JSON object with an 'op' (\(Self.reason(error)))"))
        }
        do {
            return .success(try await perform(request))
        } catch {
            return .failure(error)
        }
    }

    func perform(_ request: ControlRequest) async throws(ControlError) -> ControlResult {
        guard let operation = request.operation else {
            let known = ControlRequest.Operation.allCases.map(\.rawValue).joined(separator: ", ")
            throw ControlError(code: "unknown_op", detail: "unknown op '\(request.op)'; known: \(known)")
        }
        switch operation {
        case .createProject:
            let name = try required(request.project, "project", request)
            return try await createProject(name: name, hosts: request.hosts, prefix: request.prefix, database: request.database)
        case .createApp:
            let project = try required(request.project, "project", request)
            let app = try required(request.app, "app", request)
            return try await createApp(project: project, app: app)
        case .list:
            return ControlResult(projects: await supervisor.records(nil).map(ProjectStatus.init))
        case .status:
            let statuses = await supervisor.records(request.project).map(ProjectStatus.init)
            if let project = request.project, statuses.isEmpty {
                throw ControlError.notFound("there is no project '\(project)'")
            }
            return ControlResult(projects: statuses)
        case .reload:
            if request.wait != true {
                if let project = request.project, !(await supervisor.hasProject(project)),
                   !ProjectDirectories.names(in: supervisor.projectsDirectory).contains(project) {
                    throw ControlError.notFound("there is no project '\(project)'")
                }
                Task { [supervisor] in
                    if let project = request.project { await supervisor.reload(project) } else { _ = await supervisor.reloadAll() }
                }
                return ControlResult(message: "reload of \(request.project ?? "every project") requested")
            }
            if let project = request.project {
                guard let record = await supervisor.reload(project) else {
                    throw ControlError.notFound("there is no project '\(project)'")
                }
                return ControlResult(projects: [ProjectStatus(record)])
            }
            return ControlResult(projects: await supervisor.reloadAll().map(ProjectStatus.init))
        case .dbRevision:
            let project = try required(request.project, "project", request)
            let message = try required(request.message, "message", request)
            return try await migrations(of: project).revision(message: message, autogenerate: request.autogenerate ?? false)
        case .dbUpgrade:
            let project = try required(request.project, "project", request)
            return try await migrations(of: project).upgrade(to: request.target ?? "head")
        case .dbDowngrade:
            let project = try required(request.project, "project", request)
            let target = try required(request.target, "target", request)
            return try await migrations(of: project).downgrade(to: target)
        case .dbCurrent:
            let project = try required(request.project, "project", request)
            return try await migrations(of: project).current()
        case .addUser:
            let project = try required(request.project, "project", request)
            let username = try required(request.username, "username", request)
            let email = try required(request.email, "email", request)
            let password = try required(request.password, "password", request)
            return try await addUser(project: project, username: username, email: email, password: password, admin: request.admin ?? true)
        case .dbHistory:
            let project = try required(request.project, "project", request)
            return try await migrations(of: project).history()
        case .setAdmin:
            let project = try required(request.project, "project", request)
            let username = try required(request.username, "username", request)
            return try await setAdmin(project: project, username: username, admin: request.admin ?? true)
        case .importProject:
            let path = try required(request.path, "path", request)
            return try await importProject(path: path, name: request.project, hosts: request.hosts, prefix: request.prefix)
        }
    }

    /// `sakyumctl import`: the sakyum folder is read by the daemon (with its permissions), the new project
    /// written all at once, then loaded. The report (IMPORT.md) comes back as the message.
    private func importProject(path: String, name: String?, hosts: [String]?, prefix: String?) async throws(ControlError) -> ControlResult {
        guard path.hasPrefix("/") else {
            throw ControlError.badRequest("the path of the sakyum project must be absolute (sakyumctl makes it so)")
        }
        let importer = ProjectImport(source: URL(fileURLWithPath: path), name: name, hosts: hosts ?? [], prefix: prefix)
        // Hosts and prefix are checked against the other projects before anything is written.
        let outcome: ProjectImport.Outcome
        do {
            let planned = try importer.plannedMounts()
            if let conflict = await supervisor.claim(hosts: planned.hosts, prefix: planned.prefix) {
                throw ControlError(code: "conflict", detail: conflict)
            }
            outcome = try await Task.detached { () throws(ScaffoldError) -> ProjectImport.Outcome in
                try importer.run(into: supervisor.projectsDirectory)
            }.value
        } catch let error as ControlError {
            throw error
        } catch let error as ScaffoldError {
            throw ControlError(code: error.code.rawValue, detail: error.detail)
        } catch {
            throw ControlError(code: "io_error", detail: "\(error)")
        }
        logger.notice("imported project \(outcome.name) from \(path) into \(outcome.directory.path)")
        _ = await supervisor.reload(outcome.name)
        _ = await supervisor.activate(outcome.name)
        let status = await supervisor.records(outcome.name).first.map(ProjectStatus.init)
        var message = "imported \(path) as project \(outcome.name)"
        if let status {
            message += status.state == .serving || status.state == .unloaded
                ? "; serving it at " + (status.hosts.map { "http://\($0)/" } + [status.prefix.map { "\($0)/" }].compactMap { $0 }).joined(separator: " and ")
                : ", but it does not load:\n" + status.diagnostics.joined(separator: "\n")
        }
        let findings = outcome.report.findings
        message += findings.isEmpty ? "\nNothing needs your attention."
            : "\n\(findings.count) thing\(findings.count == 1 ? "" : "s") need\(findings.count == 1 ? "s" : "") your attention (all in \(outcome.directory.path)/\(ProjectImport.reportFile)):\n"
            + findings.map { "  \($0.location): \($0.message)" + ($0.suggestion.map { "\n    " + $0 } ?? "") }.joined(separator: "\n")
        return ControlResult(projects: status.map { [$0] }, created: [outcome.name], message: message)
    }

    /// `sakyumctl set-admin`: opens the admin to an existing user (or closes it with `--revoke`).
    private func setAdmin(project: String, username: String, admin: Bool) async throws(ControlError) -> ControlResult {
        let accounts = try await accounts(of: project)
        do {
            try await accounts.setAdmin(username: username, admin: admin)
        } catch {
            switch error {
            case .invalid(let problems): throw ControlError(code: "not_found", detail: problems.joined(separator: "; "))
            case .database(let message): throw ControlError(code: "io_error", detail: message)
            }
        }
        logger.notice("project \(project): \(username) is \(admin ? "now" : "no longer") an admin", metadata: ["project": "\(project)"])
        return ControlResult(message: admin ? "\(username) is now an admin of \(project)" : "\(username) is no longer an admin of \(project)")
    }

    private func accounts(of project: String) async throws(ControlError) -> UserAccounts {
        guard await supervisor.hasProject(project) else { throw ControlError.notFound("there is no project '\(project)'") }
        _ = await supervisor.activate(project)
        guard let record = await supervisor.records(project).first else { throw ControlError.notFound("there is no project '\(project)'") }
        guard let accounts = record.site?.accounts else {
            throw ControlError(code: "invalid_project", detail: "project \(project) is not loaded, so its database cannot be reached:\n"
                               + record.diagnostics.joined(separator: "\n"))
        }
        return accounts
    }

    private func createProject(name: String, hosts: [String]?, prefix: String?, database: String?) async throws(ControlError) -> ControlResult {
        let hosts = hosts ?? ["\(name.lowercased()).localhost"]
        let prefix = prefix ?? "/\(name)"
        if let conflict = await supervisor.claim(hosts: hosts, prefix: prefix) {
            throw ControlError(code: "conflict", detail: conflict)
        }
        do {
            let directory = try ProjectScaffold(name: name, hosts: hosts, prefix: prefix, database: database).create(in: supervisor.projectsDirectory)
            logger.info("created project \(name) in \(directory.path)")
        } catch {
            throw ControlError(code: error.code.rawValue, detail: error.detail)
        }
        let status = await supervisor.reload(name).map(ProjectStatus.init)
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

    private func createApp(project: String, app: String) async throws(ControlError) -> ControlResult {
        let directory = supervisor.projectsDirectory.appendingPathComponent(project)
        guard await supervisor.hasProject(project)
                || FileManager.default.fileExists(atPath: directory.appendingPathComponent(ProjectLoader.projectFile).path) else {
            throw ControlError.notFound("there is no project '\(project)' in \(supervisor.projectsDirectory.path)")
        }
        let created: [String]
        do {
            created = try AppScaffold(app: app).create(inProject: directory)
        } catch {
            throw ControlError(code: error.code.rawValue, detail: error.detail)
        }
        logger.info("created app \(app) in project \(project)")
        let status = await supervisor.reload(project).map(ProjectStatus.init)
        var message = "created app \(app) in \(project) and registered it in project.yaml"
        if let status, status.state != .serving {
            message += ", but the project does not load:\n" + status.diagnostics.joined(separator: "\n")
        }
        return ControlResult(projects: status.map { [$0] }, created: created.map { "\(project)/\($0)" }, message: message)
    }

    /// `sakyumctl add-user`: a user in the project's database, by sakyum's rules. The password is never logged.
    private func addUser(project: String, username: String, email: String, password: String, admin: Bool) async throws(ControlError) -> ControlResult {
        let accounts = try await accounts(of: project)
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

    private func required(_ value: String?, _ field: String, _ request: ControlRequest) throws(ControlError) -> String {
        guard let value, !value.isEmpty else { throw ControlError.missingField(field, op: request.op) }
        return value
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "\(error)"
        }
    }
}

extension ProjectStatus {
    /// A project as `sakyumctl status` shows it.
    init(_ record: ProjectRecord) {
        let state: State = switch record.state {
        case .serving: .serving
        case .stale: .stale
        case .unloaded: .unloaded
        case .failed: .failed
        }
        self.init(
            name: record.name, state: state,
            hosts: record.routing?.hosts ?? [], prefix: record.routing?.prefix, blueprints: record.site?.blueprints ?? [],
            loadedAt: record.site.map { ISO8601DateFormatter().string(from: $0.builtAt) },
            diagnostics: record.conflicts.map { "\(record.name)/project.yaml: \($0)" } + record.diagnostics,
            pendingMigration: record.site?.schema?.pending.map(\.description) ?? [],
            reloadTimes: record.reloadTimes.percentile(50).map { median in
                ProjectStatus.ReloadTimes(count: record.reloadTimes.count, medianMilliseconds: median,
                                          p99Milliseconds: record.reloadTimes.percentile(99) ?? median)
            }
        )
        loaded = record.site != nil
        let iso = ISO8601DateFormatter()
        lastRequest = record.activity.lastRequestTime.map { iso.string(from: Date(timeIntervalSince1970: TimeInterval($0))) }
        compileMilliseconds = record.compileTime.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
        database = record.database?.path
        databaseUnavailable = record.database?.unavailableReason
        let errors = record.runtimeErrors.snapshot
        if errors.count > 0 {
            runtimeErrorCount = errors.count
            runtimeErrors = errors.recent
        }
    }
}
