import Metrics

/// What a Site records through swift-metrics (a no-op unless the daemon bootstrapped a backend).
enum SiteMetrics {
    /// A login refused by the throttle (429).
    static func throttledLogin(project: String) {
        Counter(label: "sakyum_login_throttled_total", dimensions: [("project", project)]).increment()
    }

    /// The timer of the project's template render time, made once per Site: made per render, it went through
    /// the factory's label checks and the registry's lock every time.
    static func renderTimer(project: String) -> Metrics.Timer {
        Metrics.Timer(label: "sakyum_template_render_seconds", dimensions: [("project", project)])
    }

    /// How long rendering `body` took, recorded on `timer`.
    static func time<T>(_ timer: Metrics.Timer, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { timer.record(duration: start.duration(to: .now)) }
        return try body()
    }
}
