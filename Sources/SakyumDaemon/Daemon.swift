import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import Prometheus
import SakyumControl
import SakyumSpec
import ServiceLifecycle
import UnixSignals

/// Wires the supervisor, the HTTP(S) listeners, the control socket, the watcher and systemd's
/// notifications into one service group that stops gracefully on SIGTERM or SIGINT and reloads
/// everything on SIGHUP.
public struct Daemon {
    /// How long a stop waits for requests in flight before cutting them off.
    public static let drainTimeout: Duration = .seconds(25)

    let options: DaemonOptions
    let logger: Logger
    let notifier = SystemdNotifier()

    public init(options: DaemonOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        // Before anything touches MultiThreadedEventLoopGroup.singleton, which reads it once.
        if let loops = options.eventLoops { NIOSingletons.groupLoopCountSuggestion = loops }
        if options.tasksOnEventLoops {
            // Before the daemon starts its own tasks, on the main thread as NIO asks. A request's task then runs on
            // the loop that read it, with no hop to Swift's pool and back (docs/architecture.md, "Threads").
            let installed = await MainActor.run { NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() }
            if !installed { logger.notice("request tasks run on Swift's pool: the runtime's executor hook is not available") }
        }
        let inherited = InheritedSockets.fromEnvironment()
        for name in inherited.unknownNames {
            logger.warning("ignoring an inherited socket named '\(name)' (known: \(InheritedSockets.names.sorted().joined(separator: ", ")))")
        }
        try FileManager.default.createDirectory(at: options.projectsDirectory, withIntermediateDirectories: true)
        // Before anything records a metric: a metric made before the bootstrap stays a no-op.
        let metricsRegistry = options.metricsListen.map { _ in PrometheusCollectorRegistry() }
        if let metricsRegistry { MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metricsRegistry)) }
        let watcher = try Watcher(projectsDirectory: options.projectsDirectory, logger: logger)
        try watcher.start()
        let supervisor = Supervisor(projectsDirectory: options.projectsDirectory, defaultProject: options.defaultProject,
                                    applyingAdditiveSchema: options.dev, eager: options.eager, idleUnload: options.idleUnload,
                                    watcher: watcher, logger: logger, onPublish: { [notifier] in notifier.status($0) })
        await supervisor.loadAll()
        let summary = await supervisor.summary
        logger.info("\(summary) in \(options.projectsDirectory.path)")

        let httpSockets: [ListenerSocket] = inherited["http"].isEmpty
            ? options.listen.map { .address($0) } : inherited["http"].map { .inherited(descriptor: $0) }
        let httpsSockets: [ListenerSocket] = inherited["https"].isEmpty
            ? options.tlsListen.map { .address($0) } : inherited["https"].map { .inherited(descriptor: $0) }
        let tls = httpsSockets.isEmpty ? nil : try tlsConfiguration()
        let readiness = ListenerReadiness(listeners: httpSockets.count + httpsSockets.count + 1 + (options.metricsListen == nil ? 0 : 1))

        let dispatcher = Dispatcher(supervisor: supervisor, listsProjects: options.dev)
        let accessLog = try AccessLog.open(options.accessLog, underSystemd: JournalLogHandler.isStandardErrorTheJournal)
        func responder(secure: Bool) -> HTTPChannelHandler.Responder {
            ChannelResponder(dispatcher: dispatcher, logger: logger, isSecure: secure, trustedProxies: options.trustedProxies,
                             accessLog: accessLog).responder
        }
        let (headerTimeout, bodyTimeout) = (options.headerTimeout, options.bodyTimeout)
        let channelConfiguration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ParserErrorResponder(accessLog: accessLog),
                                        RequestTimeouts(headerTimeout: headerTimeout, bodyTimeout: bodyTimeout, accessLog: accessLog)],
            idleTimeout: TimeAmount(options.idleTimeout),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: options.maxHeaderBytes, maxHeaderListSize: options.maxHeaderBytes,
                                            maxHeaderFieldCount: options.maxHeaderCount))
        let http = HTTP1Channel(responder: responder(secure: false), configuration: channelConfiguration)
        var services: [any Service] = [
            SystemdService(notifier: notifier, readiness: readiness, supervisor: supervisor, logger: logger),
            ControlServer(path: options.controlSocket, inheritedDescriptor: inherited["control"].first,
                          access: try ControlAccess(groupName: options.controlGroup),
                          operations: ControlOperations(supervisor: supervisor, logger: logger), logger: logger,
                          onListening: readiness.listenerBound),
            ReloadService(supervisor: supervisor, watcher: watcher, notifier: notifier, logger: logger),
        ]
        if let address = options.metricsListen, let registry = metricsRegistry {
            let endpoint = HTTP1Channel(responder: MetricsEndpoint(registry: registry).responder)
            services.append(HTTPListener(socket: .address(address), childChannel: endpoint, scheme: "metrics", logger: logger,
                                         onListening: readiness.listenerBound))
        }
        if let accessLog { services.append(AccessLogFlusher(log: accessLog)) }
        let slots = ConnectionSlots(limit: options.maxConnections)
        let fastPath = StaticFastPathRouter(supervisor: supervisor, trustedProxies: options.trustedProxies, accessLog: accessLog)
        for socket in httpSockets {
            services.append(HTTPListener(socket: socket, childChannel: http, scheme: "http", logger: logger, onListening: readiness.listenerBound,
                                         slots: slots, fastPath: fastPath))
        }
        if let tls {
            let secured = HTTP1Channel(responder: responder(secure: true), configuration: channelConfiguration)
            let https = try TLSChannel(secured, tlsConfiguration: tls)
            for socket in httpsSockets {
                services.append(HTTPListener(socket: socket, childChannel: https, scheme: "https", logger: logger,
                                             onListening: readiness.listenerBound, slots: slots, fastPath: fastPath))
            }
        }
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = Self.drainTimeout
        let group = ServiceGroup(configuration: configuration)
        try await group.run()
        accessLog?.flush()
        logger.notice("stopped")
    }

    /// The server side of TLS from the configured PEM files.
    private func tlsConfiguration() throws -> TLSConfiguration {
        guard let certificatePath = options.tlsCertificate, let keyPath = options.tlsKey else {
            throw DaemonOptionsError(message: "HTTPS needs tls_certificate and tls_key in the configuration")
        }
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw DaemonOptionsError(message: "tls_certificate '\(certificatePath)' is not a PEM certificate: \(error)")
        }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw DaemonOptionsError(message: "tls_key '\(keyPath)' is not a PEM private key: \(error)")
        }
        guard !certificates.isEmpty else {
            throw DaemonOptionsError(message: "tls_certificate '\(certificatePath)' holds no certificate")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

/// Applies what the watcher saw, and SIGHUP, to the supervisor.
struct ReloadService: Service {
    let supervisor: Supervisor
    let watcher: Watcher
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await projects in watcher.changes {
                        for project in projects.sorted() {
                            logger.info("change in \(project)", metadata: ["project": "\(project)"])
                            await supervisor.changed(project)
                        }
                    }
                }
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        logger.notice("SIGHUP: reloading every project")
                        notifier.reloading()
                        _ = await supervisor.reloadAll()
                        let summary = await supervisor.summary
                        notifier.ready(status: summary)
                        logger.notice("reloaded: \(summary)")
                    }
                }
                if let interval = supervisor.idleSweepInterval {
                    group.addTask {
                        while (try? await Task.sleep(for: interval)) != nil {
                            await supervisor.unloadIdle()
                        }
                    }
                }
                // The watcher's stream ends on shutdown; then stop listening for SIGHUP and sweeping too.
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            watcher.stop()
        }
    }
}
