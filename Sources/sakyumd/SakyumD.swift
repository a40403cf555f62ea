import ArgumentParser
import Foundation
import Logging
import SakyumDaemon
import SakyumSpec

@main
struct SakyumD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sakyumd",
        abstract: "Host many sakyum projects: load each project directory, serve it over HTTP, reload it live."
    )

    @Option(help: ArgumentHelp("Configuration file (keys mirror these flags).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("The directory whose sub-directories are projects.", valueName: "dir"))
    var projects: String?

    @Option(help: ArgumentHelp("Address to serve HTTP on (repeatable).", valueName: "host:port"))
    var listen: [String] = []

    @Option(help: ArgumentHelp("Path of the control socket.", valueName: "path"))
    var control: String?

    @Option(name: .customLong("default-project"), help: ArgumentHelp("Project answering at / when no host or prefix matches.", valueName: "name"))
    var defaultProject: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Flag(help: "Development mode: foreground, readable logs, control socket in DIR/.sakyum/, project list on the daemon's 404, projects compiled at start.")
    var dev = false

    @Flag(help: "Compile every project at start and never unload it (default: on its first request, unloaded when idle).")
    var eager = false

    func run() async throws {
        let settings: DaemonSettings
        if let config {
            do {
                settings = try DaemonSettings.load(path: config)
            } catch {
                throw ValidationError("invalid configuration:\n\(error)")
            }
        } else {
            settings = DaemonSettings()
        }
        let options: DaemonOptions
        do {
            options = try DaemonOptions(settings: settings, listen: listen, projects: projects, control: control,
                                        defaultProject: defaultProject, logLevel: logLevel, dev: dev, eager: eager)
        } catch {
            throw ValidationError(error.message)
        }
        // Under systemd, stderr is the journal: send structured entries to it instead of lines.
        let toJournal = !dev && JournalLogHandler.isStandardErrorTheJournal
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = toJournal ? JournalLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = options.logLevel
            return handler
        }
        var logger = Logger(label: "sakyum.daemon")
        logger.logLevel = options.logLevel
        try await Daemon(options: options, logger: logger).run()
    }
}

