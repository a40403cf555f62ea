import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Tells this daemon of the writes other daemons make to the same database, so that what it cached from
/// an earlier read (an anonymous visitor's page) is known to be stale. Every write transaction ends with
/// `NOTIFY sakyum_writes` (PostgreSQL delivers it at commit, and only if the transaction commits); one
/// connection per database listens and calls `onWrite` for each, and once more each time it connects,
/// since what was written while it was not listening was never announced to it. A migration's
/// notification carries `schemaChanged` and also calls `onSchemaChange`: the project compiles again.
final class PostgresWriteListener: Sendable {
    static let channel = "sakyum_writes"
    static let schemaChanged = "schema"

    /// The listening connection while there is one, so `stop` can close it (which ends the wait for the next notification).
    private final class Current: Sendable {
        let connection = Mutex<PostgresConnection?>(nil)
    }

    private let current = Current()
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(connect: @escaping @Sendable () async throws -> PostgresConnection, onWrite: @escaping @Sendable () -> Void,
         onSchemaChange: @escaping @Sendable () -> Void) {
        let task = Task { [current] in
            while !Task.isCancelled {
                do {
                    let listening = try await connect()
                    current.connection.withLock { $0 = listening }
                    defer {
                        current.connection.withLock { $0 = nil }
                        listening.close().whenComplete { _ in _ = listening }
                    }
                    try await listening.listen(on: Self.channel) { notifications in
                        onWrite()
                        for try await notification in notifications {
                            onWrite()
                            if notification.payload == Self.schemaChanged { onSchemaChange() }
                        }
                    }
                } catch {
                    // The server is away: pages answer 503 meanwhile; try again shortly.
                }
                onWrite()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        self.task.withLock { $0 = task }
    }

    /// Stops listening: the task ends and its connection closes.
    func stop() {
        task.withLock { $0?.cancel() }
        if let listening = current.connection.withLock({ $0 }) {
            listening.close().whenComplete { _ in _ = listening }
        }
    }
}
