import Synchronization

/// Counts listeners down to zero: the daemon is ready once every one of them accepts connections.
final class ListenerReadiness: Sendable {
    private let remaining: Mutex<Int>
    private let bound: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(listeners: Int) {
        remaining = Mutex(listeners)
        (bound, continuation) = AsyncStream.makeStream()
        if listeners == 0 { continuation.finish() }
    }

    func listenerBound() {
        let left = remaining.withLock { count in
            count -= 1
            return count
        }
        if left == 0 { continuation.finish() }
    }

    /// Returns once every listener is bound, or when the task is cancelled.
    func allBound() async {
        for await _ in bound {}
    }
}
