import Foundation
import Logging
import NIOPosix
import SakyumScaffold
import SakyumSite
import SakyumSpec
import SakyumStore

/// Compiles one project directory into a Site: reads the description, opens its database when it names
/// another file than before, builds the Site. Blocking file and database work, so it runs on NIO's
/// thread pool for blocking I/O, never on the supervisor's actor or an event loop.
struct ProjectCompiler: Sendable {
    let projectsDirectory: URL
    /// `--dev`: new nullable columns are added on reload without a migration, and error pages show their cause.
    let applyingAdditiveSchema: Bool
    let logger: Logger

    struct Compilation: Sendable {
        /// Nil when the project does not load; `diagnostics` then say why.
        var site: Site?
        /// The database `site` uses: `database` as given, or a new one when project.yaml names another file.
        var database: StoreDatabase?
        var diagnostics: [String] = []
        /// It failed only because its database server could not be reached: worth trying again soon.
        var isTemporary = false
    }

    func compile(_ name: String, database: StoreDatabase?, runtimeErrors: RuntimeErrorLog) async -> Compilation {
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                compileNow(name, database: database, runtimeErrors: runtimeErrors)
            }
        } catch {
            return Compilation(diagnostics: ["\(name): not loaded: \(error)"])
        }
    }

    private func compileNow(_ name: String, database current: StoreDatabase?, runtimeErrors: RuntimeErrorLog) -> Compilation {
        let directory = projectsDirectory.appendingPathComponent(name)
        let metadata: Logger.Metadata = ["project": "\(name)"]
        do {
            if try ProjectSecret.ensure(in: directory) {
                logger.notice("project \(name) had no secret.key: generated one (mode 0600)", metadata: metadata)
            }
        } catch {
            logger.error("project \(name): \(error.detail)", metadata: metadata)
        }
        do {
            let spec = try ProjectLoader(directory: directory).load()
            let database = try DatabaseOpener(project: name, directory: directory).open(spec.database, reusing: current)
            let site = try SiteBuilder(spec: spec, directory: directory, database: database, applyingAdditive: applyingAdditiveSchema,
                                       runtimeErrors: runtimeErrors,
                                       showsErrorDetail: applyingAdditiveSchema).build()
            log(site.schema, of: name)
            let hosts = site.hosts.isEmpty ? "-" : site.hosts.joined(separator: ",")
            logger.info("project \(site.name): hosts \(hosts), prefix \(site.prefix ?? "-"), blueprints \(site.blueprints.joined(separator: ","))",
                        metadata: metadata)
            return Compilation(site: site, database: database)
        } catch {
            let diagnostics = error.diagnostics.map { name + "/" + $0.description }
            logger.error("project \(name) failed to load:\n\(diagnostics.joined(separator: "\n"))", metadata: metadata)
            return Compilation(diagnostics: diagnostics, isTemporary: error.isTemporary)
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
}
