import SakyumSite
import SakyumSpec
import Synchronization

/// Which project answers which request: one immutable snapshot, replaced whole on every change.
struct SiteTable: Sendable {
    var byHost: [String: ProjectRoute] = [:]
    /// Keyed by the prefix's segment without the slash: "schoolsite".
    var byPrefix: [String: ProjectRoute] = [:]
    /// Answers at `/` what no host or prefix claims (configured `default_project`).
    var fallback: ProjectRoute?

    static let empty = SiteTable()

    /// The project and mount for a request, by exact Host first, then by the path's first segment.
    func lookup(host: String?, path: String) -> (route: ProjectRoute, mount: SiteMount)? {
        if let host, let route = byHost[host] {
            return (route, .root)
        }
        let segment = path.dropFirst().prefix { $0 != "/" }
        if !segment.isEmpty, let route = byPrefix[String(segment)] {
            return (route, SiteMount(scriptRoot: "/" + segment))
        }
        return fallback.map { ($0, .root) }
    }

    /// Every routed project once, for the dev 404's list.
    var projects: [ProjectHead] {
        var seen: Set<String> = []
        return (Array(byHost.values) + Array(byPrefix.values) + [fallback].compactMap { $0 })
            .filter { seen.insert($0.head.name).inserted }
            .map(\.head)
    }
}

/// One routed project: its hosts and prefix, and its Site when compiled. The supervisor changes `target` in
/// place when the project is compiled, fails or is unloaded, so that costs no new table; only a change of
/// hosts or prefix does.
final class ProjectRoute: Sendable {
    enum Target: Sendable {
        case loaded(Site)
        /// Compiled on its first request (lazy start, or unloaded after being idle).
        case unloaded
        /// Its last compile failed and nothing changed since: answered 503 until its files change.
        case failed
    }

    let head: ProjectHead
    let activity: ProjectActivity
    private let current: Mutex<Target>

    init(head: ProjectHead, target: Target, activity: ProjectActivity) {
        self.head = head
        self.activity = activity
        self.current = Mutex(target)
    }

    var target: Target {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
