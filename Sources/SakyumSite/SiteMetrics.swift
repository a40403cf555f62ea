import Metrics

/// What a Site records through swift-metrics (a no-op unless the daemon bootstrapped a backend).
enum SiteMetrics {
    /// A login refused by the throttle (429).
    static func throttledLogin(project: String) {
        Counter(label: "sakyum_login_throttled_total", dimensions: [("project", project)]).increment()
    }

    /// How long rendering `body` took, recorded as the project's template render time.
    static func renderTime<T>(project: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { recordRender(project: project, since: start) }
        return try body()
    }

    /// A page rendered since `start` (its context queries included when it has some).
    static func recordRender(project: String, since start: ContinuousClock.Instant) {
        Metrics.Timer(label: "sakyum_template_render_seconds", dimensions: [("project", project)]).record(duration: start.duration(to: .now))
    }
}
