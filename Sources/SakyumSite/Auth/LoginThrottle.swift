import Foundation
import SakyumSpec
import SakyumStore

/// Failed logins per username and per client address in a sliding window (5 a minute by default):
/// beyond it, login answers 429 with Retry-After; a successful login clears the username's count.
/// The failures are kept in the project's database (`LoginFailures`), so a reload does not reset them
/// and every daemon serving the project counts the same ones. Times are the daemons' clocks (UTC): keep
/// them in step (NTP), as any load-balanced site must for its cookies' expiry.
struct LoginThrottle: Sendable {
    let limit: Int
    let window: Duration
    private let failures: LoginFailures

    init(failures: LoginFailures, limit: Int = 5, window: Duration = .seconds(60)) {
        self.failures = failures
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait when any of `keys` is over the limit, else nil.
    func retryAfter(_ keys: [String], now: Date = Date()) async throws(StoreError) -> Int? {
        let recent = try await failures.recent(keys, since: DateTimeValue(now - window.timeInterval))
        var wait: TimeInterval?
        for times in recent.values where times.count >= limit {
            let remaining = window.timeInterval - now.timeIntervalSince(times[0].moment)
            wait = max(wait ?? 0, remaining)
        }
        return wait.map { max(1, Int($0.rounded(.up))) }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) async throws(StoreError) {
        try await failures.record(keys, at: DateTimeValue(now), forgettingBefore: DateTimeValue(now - window.timeInterval))
    }

    func reset(_ keys: [String]) async throws(StoreError) {
        try await failures.clear(keys)
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
