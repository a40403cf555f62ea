import Metrics
import SakyumStore

/// The daemon's own metrics, recorded through swift-metrics (a no-op until `Daemon` bootstraps the
/// Prometheus backend for `metrics_listen`). The Site records its own (`SiteMetrics`).
enum DaemonMetrics {
    /// One answered request: counted by project, method and status class, timed, and its bytes added.
    static func request(project: String?, method: String, status: Int, bytes: Int?, duration: Duration) {
        let project = project ?? "-"
        Counter(label: "sakyum_http_requests_total",
                dimensions: [("project", project), ("method", method), ("status", "\(status / 100)xx")]).increment()
        Metrics.Timer(label: "sakyum_http_request_duration_seconds", dimensions: [("project", project)]).record(duration: duration)
        if let bytes { Counter(label: "sakyum_http_response_bytes_total", dimensions: [("project", project)]).increment(by: bytes) }
    }

    /// Connections open now, on every listener.
    static let openConnections = Meter(label: "sakyum_http_open_connections")

    /// One load of a project: its result and how long it took (reading, compiling, publishing).
    static func reload(project: String, succeeded: Bool, duration: Duration) {
        Counter(label: "sakyum_reloads_total", dimensions: [("project", project), ("result", succeeded ? "ok" : "failed")]).increment()
        Metrics.Timer(label: "sakyum_reload_duration_seconds", dimensions: [("project", project)]).record(duration: duration)
    }

    /// How long a read waited for a connection of the project's pool, or a write for its one writer.
    static func databaseWait(project: String, access: StoreAccess, waited: Duration) {
        Metrics.Timer(label: "sakyum_database_wait_seconds", dimensions: [("project", project), ("access", access.rawValue)])
            .record(duration: waited)
    }
}
