import Foundation
import Synchronization

/// The requests of a project that failed with a 500 since the daemon started: how many, and the latest
/// few with their cause (template file:line). Kept by the supervisor across reloads, shown by
/// `sakyumctl status`, so a broken page is seen without reading the log.
public final class RuntimeErrorLog: Sendable {
    /// How many of the latest errors are kept.
    public static let kept = 10

    private let state = Mutex<(count: Int, recent: [String])>((0, []))

    public init() {}

    /// How many failed, and the latest ones, newest last.
    public var snapshot: (count: Int, recent: [String]) { state.withLock { $0 } }

    func record(_ line: String) {
        let stamped = ISO8601DateFormatter().string(from: Date()) + " " + line
        state.withLock { state in
            state.count += 1
            state.recent.append(stamped)
            if state.recent.count > Self.kept { state.recent.removeFirst(state.recent.count - Self.kept) }
        }
    }
}
