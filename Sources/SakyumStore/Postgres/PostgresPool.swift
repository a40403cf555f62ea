import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SakyumSpec
import Synchronization

/// A project's connections to its PostgreSQL database, at most `poolSize` of them, opened when first
/// needed and again after a failure. Every transaction runs on one of the pool's own threads, where its
/// statements block (so `StoreTransaction` is the same synchronous API on both backends, and the
/// concurrency pool and event loops never wait on the network). A transaction that cannot start within
/// `poolTimeout` fails as `unavailable` instead of queueing without end.
final class PostgresPool: Sendable {
    let location: PostgresLocation
    let password: String?
    private let configuration: PostgresConnection.Configuration
    private let threads: NIOThreadPool
    private let eventLoops: any EventLoopGroup
    private let idle = Mutex<[PostgresConnection]>([])
    private let connectionCount = Atomic<Int>(0)
    private let outage = Mutex<String?>(nil)
    private let listener: PostgresWriteListener
    private let logger: Logger

    /// `onWrite` is called after each write any daemon commits to the database, `onSchemaChange` after each
    /// migration (see `PostgresWriteListener`).
    init(location: PostgresLocation, password: String?, eventLoops: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
         onWrite: @escaping @Sendable () -> Void, onSchemaChange: @escaping @Sendable () -> Void) throws(StoreError) {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case let .tcp(host, port):
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch location.tls {
                case .disable:
                    tls = .disable
                case .require:
                    var settings = TLSConfiguration.makeClientConfiguration()
                    settings.certificateVerification = .none
                    tls = .require(try NIOSSLContext(configuration: settings))
                case .verifyFull:
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw .database("\(location): TLS could not be set up: \(error)")
            }
            configuration = .init(host: host, port: port, username: location.user, password: password, database: location.database, tls: tls)
        case .unixSocket:
            configuration = .init(unixSocketPath: location.endpoint.socketPath ?? "", username: location.user, password: password,
                                  database: location.database)
        }
        configuration.options.connectTimeout = .seconds(Int64(location.poolTimeout))
        // A statement the server cannot finish in this time is cancelled there, so no request hangs on one.
        configuration.options.additionalStartupParameters = [("statement_timeout", "30s"), ("TimeZone", "UTC")]
        self.configuration = configuration
        self.location = location
        self.password = password
        self.eventLoops = eventLoops
        self.threads = NIOThreadPool(numberOfThreads: location.poolSize)
        self.threads.start()
        var logger = Logger(label: "sakyum-store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let (listenerConfiguration, listenerLogger) = (configuration, logger)
        self.listener = PostgresWriteListener(connect: {
            try await PostgresConnection.connect(on: eventLoops.next(), configuration: listenerConfiguration, id: 0, logger: listenerLogger)
        }, onWrite: onWrite, onSchemaChange: onSchemaChange)
    }

    /// Runs `body` in one transaction: a read-only snapshot (REPEATABLE READ) or a read-write one.
    /// Committed when `body` returns; rolled back when it throws, and its error comes through unchanged.
    func transaction<T: Sendable>(readOnly: Bool, waits: (@Sendable (StoreAccess, Duration) -> Void)?,
                                  _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        let limit = Duration.seconds(location.poolTimeout)
        return try await threads.runIfActive { [self] in
            let waited = asked.duration(to: .now)
            waits?(readOnly ? .read : .write, waited)
            guard waited <= limit else {
                throw StoreError.unavailable("\(location): all \(location.poolSize) connections stayed busy for \(location.poolTimeout) s")
            }
            return try transactionNow(readOnly: readOnly, body)
        }
    }

    /// `transaction` on the calling thread, for the loader (which runs off the event loops and the concurrency pool).
    func transactionNow<T>(readOnly: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        do {
            let result = try transactionOnce(readOnly: readOnly, body)
            outage.withLock { $0 = nil }
            return result
        } catch StoreError.unavailable(let reason) {
            outage.withLock { $0 = reason }
            throw StoreError.unavailable(reason)
        }
    }

    private func transactionOnce<T>(readOnly: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        let session = try begin(readOnly: readOnly)
        var reusable = false
        defer { checkIn(session.connection, reusable: reusable) }
        do {
            let result = try body(session)
            if !readOnly { try session.run("NOTIFY \(PostgresWriteListener.channel)") }
            try session.run("COMMIT")
            reusable = true
            return result
        } catch {
            // A connection that cannot roll back is gone or confused: it is closed rather than reused.
            reusable = (try? session.run("ROLLBACK")) != nil
            throw error
        }
    }

    /// Why the latest transaction could not reach the server, until one does again (for `sakyumctl status`).
    var unavailableReason: String? { outage.withLock { $0 } }

    /// Closes every idle connection and stops the threads; transactions still running finish first.
    func close() {
        listener.stop()
        closeIdleConnections()
        try? threads.syncShutdownGracefully()
    }

    deinit {
        listener.stop()
        closeIdleConnections()
        threads.shutdownGracefully { _ in }
    }

    /// A connection must be closed before it goes away: each is kept until its close completes, without
    /// waiting here (the last release of a pool may happen on any thread, an event loop's included).
    private func closeIdleConnections() {
        let connections = idle.withLock { connections in
            defer { connections.removeAll() }
            return connections
        }
        for connection in connections {
            connection.close().whenComplete { _ in _ = connection }
        }
    }

    /// A connection with its transaction begun. An idle connection the server dropped meanwhile (it
    /// restarted, or failed over) fails at BEGIN, before anything was done: it is closed and the next one
    /// tried, then a new one, so the first requests after a restart do not pay for the old connections.
    private func begin(readOnly: Bool) throws(StoreError) -> PostgresSession {
        while true {
            let (connection, reused) = try checkOut()
            let session = PostgresSession(connection: connection, logger: logger, location: location.description)
            do {
                try session.run(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                return session
            } catch {
                checkIn(connection, reusable: false)
                guard reused, case .unavailable = error else { throw error }
            }
        }
    }

    /// An idle connection (`reused`), or a new one.
    private func checkOut() throws(StoreError) -> (connection: PostgresConnection, reused: Bool) {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return (connection, true) }
        }
        let id = connectionCount.add(1, ordering: .relaxed).newValue
        do {
            return (try PostgresConnection.connect(on: eventLoops.next(), configuration: configuration, id: id, logger: logger).wait(), false)
        } catch {
            throw StoreError(postgres: error, location: location.description)
        }
    }

    private func checkIn(_ connection: PostgresConnection, reusable: Bool) {
        if reusable, !connection.isClosed {
            idle.withLock { $0.append(connection) }
        } else {
            connection.close().whenComplete { _ in _ = connection }
        }
    }
}
