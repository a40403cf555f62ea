import Foundation
import Hummingbird
import Logging
import SakyumControl
import SakyumSpec
import ServiceLifecycle
import UnixSignals

/// Wires the supervisor, the HTTP listeners, the control socket and the watcher into one
/// service group that stops gracefully on SIGTERM or SIGINT and reloads everything on SIGHUP.
public struct Daemon {
    let options: DaemonOptions
    let logger: Logger

    public init(options: DaemonOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        try FileManager.default.createDirectory(at: options.projectsDirectory, withIntermediateDirectories: true)
        let supervisor = Supervisor(projectsDirectory: options.projectsDirectory, defaultProject: options.defaultProject, logger: logger)
        await supervisor.loadAll()
        let statuses = await supervisor.statuses(nil)
        logger.info("\(statuses.count) project(s) in \(options.projectsDirectory.path), \(statuses.filter { $0.state != .serving }.count) with errors")

        let watcher = Watcher(projectsDirectory: options.projectsDirectory, logger: logger)
        try watcher.start()
        let dispatcher = Dispatcher(sites: supervisor.table, listsProjects: options.dev)
        var services: [any Service] = [
            ControlServer(path: options.controlSocket, access: try ControlAccess(groupName: options.controlGroup),
                          operations: ControlOperations(supervisor: supervisor), logger: logger),
            ReloadService(supervisor: supervisor, watcher: watcher, logger: logger),
        ]
        for address in options.listen {
            let application = Application(
                responder: dispatcher,
                configuration: .init(address: .hostname(address.host, port: address.port), serverName: "sakyumd"),
                onServerRunning: { [logger] channel in
                    let bound = channel.localAddress.flatMap { local in
                        local.ipAddress.flatMap { ip in local.port.map { ListenAddress(host: ip, port: $0) } }
                    } ?? address
                    logger.notice("listening on http://\(bound)")
                },
                logger: logger
            )
            services.append(application)
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}

/// Applies what the watcher saw, and SIGHUP, to the supervisor.
struct ReloadService: Service {
    let supervisor: Supervisor
    let watcher: Watcher
    let logger: Logger

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await projects in watcher.changes {
                        for project in projects.sorted() {
                            logger.info("change in \(project), reloading")
                            await supervisor.reload(project)
                        }
                    }
                }
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        logger.notice("SIGHUP: reloading every project")
                        _ = await supervisor.reloadAll()
                    }
                }
                // The watcher's stream ends on shutdown; then stop listening for SIGHUP too.
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            watcher.stop()
        }
    }
}
