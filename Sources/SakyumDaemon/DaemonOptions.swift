import Foundation
import Glibc
import Logging
import SakyumSpec

/// Everything the daemon needs to start, resolved from flags, the config file and defaults.
public struct DaemonOptions: Sendable {
    public var listen: [ListenAddress]
    public var projectsDirectory: URL
    public var controlSocket: String
    public var controlGroup: String?
    public var defaultProject: String?
    public var logLevel: Logger.Level
    public var dev: Bool
    /// HTTPS listeners; empty unless the configuration names a certificate and a key.
    public var tlsListen: [ListenAddress]
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// How long a connection may stay open between requests.
    public var idleTimeout: Duration
    /// How long a request's head may take to arrive (then 408).
    public var headerTimeout: Duration
    /// The longest silence while a body is being read (then the connection closes).
    public var bodyTimeout: Duration
    public var accessLog: DaemonSettings.AccessLogSettings
    public var trustedProxies: [IPRange]
    /// Connections served at once; more wait for a slot.
    public var maxConnections: Int
    /// Event-loop threads; nil: NIO's default, one per core.
    public var eventLoops: Int?
    /// Swift tasks run on the event loops instead of Swift's pool (see docs/architecture.md, "Threads").
    public var tasksOnEventLoops: Bool
    /// Request header limits: beyond them, 431.
    public var maxHeaderCount: Int
    public var maxHeaderBytes: Int
    /// Where `/metrics` is served; nil: no metrics.
    public var metricsListen: ListenAddress?
    /// Compile every project at start and keep it (`--eager`, `eager: true`, and `--dev`).
    public var eager: Bool
    /// Seconds without a request after which a compiled project is unloaded; nil: never.
    public var idleUnload: Int?

    /// Flags win over the file; the file wins over defaults. `--dev` keeps the control socket
    /// inside the projects directory so a developer needs no root.
    public init(settings: DaemonSettings, listen: [String], projects: String?, control: String?,
                defaultProject: String?, logLevel: String?, dev: Bool, eager: Bool = false) throws(DaemonOptionsError) {
        let addresses = listen.isEmpty ? (settings.listen.isEmpty ? [dev ? "127.0.0.1:5000" : "127.0.0.1:8080"] : settings.listen) : listen
        self.listen = try addresses.map { text throws(DaemonOptionsError) in
            guard let address = ListenAddress(text) else { throw DaemonOptionsError(message: "--listen '\(text)' is not HOST:PORT") }
            return address
        }
        let projectsPath = projects ?? settings.projectsDir ?? (dev ? "projects" : "/var/lib/sakyum/projects")
        projectsDirectory = URL(fileURLWithPath: projectsPath, isDirectory: true).standardizedFileURL
        controlSocket = control ?? settings.controlSocket
            ?? (dev ? projectsDirectory.appendingPathComponent(".sakyum/control.sock").path : "/run/sakyum/control.sock")
        controlGroup = settings.controlGroup
        self.defaultProject = defaultProject ?? settings.defaultProject
        let levelName = logLevel ?? settings.logLevel ?? (dev ? "info" : "notice")
        guard let level = Logger.Level(rawValue: levelName) else {
            throw DaemonOptionsError(message: "log level '\(levelName)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        self.logLevel = level
        self.dev = dev
        // DaemonSettings.load checked these addresses, with their lines.
        tlsListen = settings.tlsListen.compactMap(ListenAddress.init)
        tlsCertificate = settings.tlsCertificate
        tlsKey = settings.tlsKey
        idleTimeout = .seconds(settings.idleTimeout ?? 60)
        // Go's ReadHeaderTimeout advice and Apache's mod_reqtimeout (header=20-40) bound a head in seconds;
        // a body's silence gets nginx's client_body_timeout, halved: uploads from slow links keep going.
        headerTimeout = .seconds(settings.headerTimeout ?? 20)
        bodyTimeout = .seconds(settings.bodyTimeout ?? 30)
        accessLog = settings.accessLog
        trustedProxies = settings.trustedProxies
        metricsListen = settings.metricsListen.flatMap(ListenAddress.init)
        // Apache's LimitRequestFields and nginx's large_client_header_buffers (4 × 8 KiB) by default.
        maxConnections = settings.maxConnections ?? Self.defaultMaxConnections
        eventLoops = settings.eventLoops
        tasksOnEventLoops = settings.tasksOnEventLoops ?? true
        maxHeaderCount = settings.maxHeaderCount ?? 100
        maxHeaderBytes = settings.maxHeaderBytes ?? 32 * 1024
        // A developer wants a broken edit reported at once; a hosting box wants thousands of idle sites cheap.
        self.eager = eager || dev || settings.eager
        idleUnload = settings.idleUnload == 0 ? nil : settings.idleUnload ?? 15 * 60
    }
}

extension DaemonOptions {
    /// The open-file limit less 256 descriptors kept for the control socket, the databases, the watcher and
    /// logs; at least 16.
    static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < 1_000_000 else { return 10_000 }
        return max(16, min(100_000, Int(limit.rlim_cur) - 256))
    }
}

public struct DaemonOptionsError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
