import Foundation
import Yams

/// The daemon's configuration file (/etc/sakyum/sakyumd.yaml); its keys mirror sakyumd's flags.
public struct DaemonSettings: Sendable, Equatable {
    public var listen: [String] = []
    public var projectsDir: String?
    public var controlSocket: String?
    public var controlGroup: String?
    public var defaultProject: String?
    public var logLevel: String?
    /// Addresses to serve HTTPS on; they need `tlsCertificate` and `tlsKey`.
    public var tlsListen: [String] = []
    /// PEM file: the server certificate, then any intermediates (relative paths start at the file's folder).
    public var tlsCertificate: String?
    /// PEM file: the certificate's private key.
    public var tlsKey: String?
    /// Seconds a connection may stay open with no request in progress (keep-alive included).
    public var idleTimeout: Int?
    /// Seconds a request's head may take to arrive, from its first byte or the connection opening (more: 408).
    public var headerTimeout: Int?
    /// The longest silence, in seconds, while a request body is being read (more: the connection closes).
    public var bodyTimeout: Int?
    /// `access_log: {enabled, format, file}`: one line per request, on by default.
    public var accessLog = AccessLogSettings()
    /// The most connections served at once; more wait (default: the file limit less a reserve).
    public var maxConnections: Int?
    /// Event-loop threads serving HTTP (default: one per core).
    public var eventLoops: Int?
    /// Swift tasks (every request past the fast path: rendering, database reads) run on the event loops,
    /// not on Swift's own thread pool (default: true).
    public var tasksOnEventLoops: Bool?
    /// The most header fields a request may have (more: 431).
    public var maxHeaderCount: Int?
    /// The most bytes a request's header fields may take together, and any one of them (more: 431).
    public var maxHeaderBytes: Int?
    /// Where to serve `/metrics` (Prometheus text format); none when unset.
    public var metricsListen: String?
    /// Proxies whose X-Forwarded-For/-Proto/-Host and X-Request-ID are believed.
    public var trustedProxies: [IPRange] = []
    /// Compile every project at start and keep it loaded.
    public var eager = false
    /// Seconds without a request after which a project is unloaded; 0: never.
    public var idleUnload: Int?

    public struct AccessLogSettings: Sendable, Equatable {
        public enum Format: String, Sendable, CaseIterable {
            /// NCSA combined, with the project, request id and duration appended.
            case combined
            /// One JSON object a line.
            case json
        }

        public var enabled = true
        public var format = Format.combined
        /// A file to append to; nil: the journal under systemd, else standard error.
        public var file: String?

        public init() {}
    }

    public init() {}

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    static let keys = ["listen", "projects_dir", "control_socket", "control_group", "default_project", "log_level",
                       "tls_listen", "tls_certificate", "tls_key", "idle_timeout", "header_timeout", "body_timeout", "access_log", "trusted_proxies", "metrics_listen", "max_header_count", "max_header_bytes", "max_connections", "event_loops", "tasks_on_event_loops", "eager", "idle_unload"]

    /// Reads `path`; a problem is a `ProjectLoadError` whose diagnostics say file:line:col.
    public static func load(path: String) throws(ProjectLoadError) -> DaemonSettings {
        let log = DiagnosticLog()
        var settings = DaemonSettings()
        let text: String
        do {
            text = try TextFile.read(URL(fileURLWithPath: path))
        } catch {
            throw ProjectLoadError([Diagnostic(file: path, message: "cannot read the configuration file")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ProjectLoadError([ProjectLoader.diagnostic(for: error, file: path)])
        } catch {
            throw ProjectLoadError([Diagnostic(file: path, message: "invalid YAML: \(error)")])
        }
        guard let root else { return settings }
        guard let reader = MappingReader(SpecNode(node: root, file: path), log: log, what: "configuration") else {
            throw ProjectLoadError(log.diagnostics)
        }
        settings.listen = reader.strings("listen") ?? []
        for address in settings.listen where ListenAddress(address) == nil {
            reader.report("listen: '\(address)' is not HOST:PORT", at: "listen")
        }
        settings.projectsDir = reader.string("projects_dir")
        settings.controlSocket = reader.string("control_socket")
        settings.controlGroup = reader.string("control_group")
        settings.defaultProject = reader.string("default_project")
        settings.logLevel = reader.string("log_level")
        if let level = settings.logLevel, !logLevels.contains(level) {
            reader.report("log_level: '\(level)' is not one of \(logLevels.joined(separator: ", "))", at: "log_level")
        }
        settings.tlsListen = reader.strings("tls_listen") ?? []
        for address in settings.tlsListen where ListenAddress(address) == nil {
            reader.report("tls_listen: '\(address)' is not HOST:PORT", at: "tls_listen")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let resolve = { (file: String) in file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path }
        settings.tlsCertificate = reader.string("tls_certificate").map(resolve)
        settings.tlsKey = reader.string("tls_key").map(resolve)
        for (key, file) in [("tls_certificate", settings.tlsCertificate), ("tls_key", settings.tlsKey)] {
            if let file, !FileManager.default.isReadableFile(atPath: file) {
                reader.report("\(key): cannot read '\(file)'", at: key)
            }
        }
        if !settings.tlsListen.isEmpty {
            for (key, file) in [("tls_certificate", settings.tlsCertificate), ("tls_key", settings.tlsKey)] where file == nil {
                reader.report("tls_listen needs \(key) too", at: "tls_listen")
            }
        }
        settings.idleTimeout = reader.seconds("idle_timeout")
        settings.headerTimeout = reader.seconds("header_timeout")
        settings.bodyTimeout = reader.seconds("body_timeout")
        if let node = reader.value("access_log"), !node.isNull, let access = MappingReader(node, log: log, what: "access_log") {
            settings.accessLog.enabled = access.bool("enabled") ?? true
            if let format = access.string("format") {
                if let known = AccessLogSettings.Format(rawValue: format) {
                    settings.accessLog.format = known
                } else {
                    access.report("access_log: format '\(format)' is not one of \(AccessLogSettings.Format.allCases.map(\.rawValue).joined(separator: ", "))", at: "format")
                }
            }
            settings.accessLog.file = access.string("file").map(resolve)
            access.finish(known: ["enabled", "format", "file"])
        }
        settings.maxConnections = reader.int("max_connections")
        if let count = settings.maxConnections, count < 1 {
            reader.report("max_connections: must be at least 1", at: "max_connections")
        }
        settings.eventLoops = reader.int("event_loops")
        if let count = settings.eventLoops, !(1...256).contains(count) {
            reader.report("event_loops: must be 1 to 256", at: "event_loops")
        }
        settings.tasksOnEventLoops = reader.bool("tasks_on_event_loops")
        settings.maxHeaderCount = reader.int("max_header_count")
        if let count = settings.maxHeaderCount, !(1...10_000).contains(count) {
            reader.report("max_header_count: must be 1 to 10000", at: "max_header_count")
        }
        settings.maxHeaderBytes = reader.int("max_header_bytes")
        if let bytes = settings.maxHeaderBytes, !(256...1_048_576).contains(bytes) {
            reader.report("max_header_bytes: must be 256 to 1048576", at: "max_header_bytes")
        }
        settings.metricsListen = reader.string("metrics_listen")
        if let address = settings.metricsListen, ListenAddress(address) == nil {
            reader.report("metrics_listen: '\(address)' is not HOST:PORT", at: "metrics_listen")
        }
        for text in reader.strings("trusted_proxies") ?? [] {
            guard let range = IPRange(text) else {
                reader.report("trusted_proxies: '\(text)' is not an address or a CIDR range like 10.0.0.0/8", at: "trusted_proxies")
                continue
            }
            settings.trustedProxies.append(range)
        }
        settings.eager = reader.bool("eager") ?? false
        settings.idleUnload = reader.int("idle_unload")
        if let seconds = settings.idleUnload, !(0...31_536_000).contains(seconds) {
            reader.report("idle_unload: must be 0 (never) to 31536000 (seconds)", at: "idle_unload")
        }
        reader.finish(known: keys)
        guard log.isEmpty else { throw ProjectLoadError(log.diagnostics) }
        return settings
    }
}

extension MappingReader {
    /// A whole number of seconds, at least 1 and at most a day.
    fileprivate func seconds(_ key: String) -> Int? {
        guard let seconds = int(key) else { return nil }
        guard (1...86_400).contains(seconds) else {
            report("\(key): must be 1 to 86400 (seconds)", at: key)
            return nil
        }
        return seconds
    }
}

/// `HOST:PORT` or `[V6]:PORT`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else { return nil }
        self.host = String(hostPart)
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
