import Foundation
import Synchronization

/// Failed logins per username and per client address in a sliding window (5 a minute by default):
/// beyond it, login answers 429 with Retry-After. Kept by the supervisor per project, so a reload does
/// not reset it; a successful login clears the username's count.
public final class LoginThrottle: Sendable {
    public let limit: Int
    public let window: Duration
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])

    public init(limit: Int = 5, window: Duration = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait when `keys` are over the limit, else nil.
    func retryAfter(_ keys: [String], now: ContinuousClock.Instant = .now) -> Int? {
        failures.withLock { failures in
            var wait: Duration?
            for key in keys {
                let recent = (failures[key] ?? []).filter { now - $0 < window }
                failures[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    let remaining = window - (now - oldest)
                    wait = max(wait ?? .zero, remaining)
                }
            }
            return wait.map { max(1, Int(($0.components.seconds) + ($0.components.attoseconds > 0 ? 1 : 0))) }
        }
    }

    func recordFailure(_ keys: [String], now: ContinuousClock.Instant = .now) {
        failures.withLock { failures in
            for key in keys { failures[key, default: []].append(now) }
            // Bounded memory under a flood of distinct keys: forget what has expired.
            if failures.count > 10_000 {
                failures = failures.filter { $0.value.contains { now - $0 < window } }
            }
        }
    }

    func reset(_ keys: [String]) {
        failures.withLock { failures in
            for key in keys { failures[key] = nil }
        }
    }
}
