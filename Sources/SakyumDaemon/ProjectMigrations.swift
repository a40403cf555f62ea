import Foundation
import SakyumControl
import SakyumSpec
import SakyumStore

/// The `db` commands for one project: alembic's revision/upgrade/downgrade/current/history over its
/// database and migrations/ folder. A change to the schema reloads the project, so pages blocked by a
/// pending migration come back as soon as it is applied.
struct ProjectMigrations: Sendable {
    let project: String
    let spec: ProjectSpec
    let migrator: Migrator
    let supervisor: Supervisor

    func revision(message: String, autogenerate: Bool) async throws(ControlError) -> ControlResult {
        let revision = try await run { () async throws(MigrationError) -> Revision in
            autogenerate ? try await migrator.autogenerate(models: spec.models, message: message) : try migrator.emptyRevision(message: message)
        }
        let steps = revision.upgrade.isEmpty ? "no steps (add them by hand)" : revision.upgrade.map(\.description).joined(separator: "\n  ")
        return ControlResult(message: "wrote \(revision.file)\n  \(steps)\nreview it, then: sakyumctl db upgrade \(project)",
                             revisions: [Self.summary(revision)], current: try await currentRevision())
    }

    func upgrade(to target: String) async throws(ControlError) -> ControlResult {
        let applied = try await run { () async throws(MigrationError) in try await migrator.upgrade(to: target) }
        return try await moved(applied) { current in "upgraded to \(current):" }
    }

    func downgrade(to target: String) async throws(ControlError) -> ControlResult {
        let undone = try await run { () async throws(MigrationError) in try await migrator.downgrade(to: target) }
        return try await moved(undone) { current in "downgraded to \(current), undoing" }
    }

    /// After an upgrade or downgrade: reload the project (its pending state changed) and say where it is.
    private func moved(_ revisions: [Revision], saying what: (String) -> String) async throws(ControlError) -> ControlResult {
        let current = try await currentRevision()
        let status = await supervisor.reload(project).map(ProjectStatus.init)
        let message = revisions.isEmpty
            ? "already at \(current ?? "base")"
            : what(current ?? "base") + " " + revisions.map { "\($0.id) \($0.message)" }.joined(separator: ", ")
        return ControlResult(projects: status.map { [$0] }, message: message, revisions: revisions.map(Self.summary), current: current)
    }

    func current() async throws(ControlError) -> ControlResult {
        let current = try await currentRevision()
        let head = try await run { () async throws(MigrationError) in try migrator.chain().head?.id }
        let state = current == head ? " (head)" : " (head is \(head ?? "base"))"
        return ControlResult(message: (current ?? "base") + state, current: current)
    }

    func history() async throws(ControlError) -> ControlResult {
        let revisions = try await run { () async throws(MigrationError) in try migrator.history() }
        return ControlResult(revisions: revisions.map(Self.summary), current: try await currentRevision())
    }

    private func currentRevision() async throws(ControlError) -> String? {
        try await run { () async throws(MigrationError) in try await migrator.current() }
    }

    private func run<T: Sendable>(_ body: () async throws(MigrationError) -> T) async throws(ControlError) -> T {
        do {
            return try await body()
        } catch {
            throw ControlError(code: "migration_failed", detail: error.description)
        }
    }

    static func summary(_ revision: Revision) -> RevisionSummary {
        RevisionSummary(id: revision.id, parent: revision.parent, message: revision.message, created: revision.created,
                        file: revision.file, upgrade: revision.upgrade.map(\.description), downgrade: revision.downgrade.map(\.description))
    }
}

extension ControlOperations {
    /// The `db` commands for `project`, from its current files (a project that does not load cannot be migrated).
    func migrations(of project: String) async throws(ControlError) -> ProjectMigrations {
        let projectsDirectory = supervisor.projectsDirectory
        let directory = projectsDirectory.appendingPathComponent(project)
        guard ProjectDirectories.names(in: projectsDirectory).contains(project) else {
            throw ControlError.notFound("there is no project '\(project)' in \(projectsDirectory.path)")
        }
        // Compiled first, as a request would: its missing tables exist before the schema is compared.
        _ = await supervisor.activate(project)
        let spec: ProjectSpec
        do {
            spec = try ProjectLoader(directory: directory).load()
        } catch {
            throw ControlError(code: "invalid_project", detail: "project \(project) does not load, so its models are unknown:\n"
                               + error.diagnostics.map { "\(project)/\($0)" }.joined(separator: "\n"))
        }
        let migrations = directory.appendingPathComponent("migrations")
        let open = await supervisor.records(project).first?.database
        do throws(MigrationError) {
            let migrator: Migrator
            if let databaseFile = spec.databaseFile {
                migrator = try Migrator(databasePath: directory.appendingPathComponent(databaseFile).path, migrations: migrations)
            } else if let open {
                migrator = try Migrator(database: open, migrations: migrations)
            } else {
                throw MigrationError.database("\(spec.database) is not open: `sakyumctl status \(project)` says why")
            }
            return ProjectMigrations(project: project, spec: spec, migrator: migrator, supervisor: supervisor)
        } catch {
            throw ControlError(code: "migration_failed", detail: error.description)
        }
    }
}
