import Metrics
import SakyumStore
import Synchronization

/// The daemon's own metrics, recorded through swift-metrics (a no-op until `Daemon` bootstraps the
/// Prometheus backend for `metrics_listen`). The Site records its own (`SiteMetrics`).
enum DaemonMetrics {
    /// One answered request: counted by project, method and status class, timed, and its bytes added.
    static func request(project: String?, method: String, status: Int, bytes: Int?, duration: Duration) {
        let handles = RequestSeries(project: project ?? "-", method: method, statusClass: status / 100).handles
        handles.requests.increment()
        handles.duration.record(duration: duration)
        if let bytes { handles.bytes.increment(by: bytes) }
    }

    /// The series one request adds to, their handles made once per project, method and status class: made through
    /// the factory on every request (label checks, the registry's lock and lookups, three times), they cost about
    /// 4% of a static file's answer with metrics on. There are few: llhttp accepts only the methods it knows.
    private struct RequestSeries: Hashable, Sendable {
        let project: String
        let method: String
        let statusClass: Int

        final class Handles: Sendable {
            let requests: Counter
            let duration: Metrics.Timer
            let bytes: Counter

            init(_ series: RequestSeries) {
                requests = Counter(label: "sakyum_http_requests_total", dimensions: [
                    ("project", series.project), ("method", series.method), ("status", "\(series.statusClass)xx"),
                ])
                duration = Metrics.Timer(label: "sakyum_http_request_duration_seconds", dimensions: [("project", series.project)])
                bytes = Counter(label: "sakyum_http_response_bytes_total", dimensions: [("project", series.project)])
            }
        }

        private static let made = Mutex<[RequestSeries: Handles]>([:])

        var handles: Handles {
            if let known = Self.made.withLock({ $0[self] }) { return known }
            let handles = Handles(self)
            return Self.made.withLock { made in
                if let raced = made[self] { return raced }
                made[self] = handles
                return handles
            }
        }
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
