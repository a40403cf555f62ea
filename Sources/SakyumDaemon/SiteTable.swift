import SakyumSite

/// Which site answers which request: one immutable snapshot, replaced whole on every change.
struct SiteTable: Sendable {
    var byHost: [String: Site] = [:]
    /// Keyed by the prefix's segment without the slash: "schoolsite".
    var byPrefix: [String: Site] = [:]
    /// Answers at `/` what no host or prefix claims (configured `default_project`).
    var fallback: Site?

    static let empty = SiteTable()

    /// The site and mount for a request, by exact Host first, then by the path's first segment.
    func lookup(host: String?, path: String) -> (site: Site, mount: SiteMount)? {
        if let host, let site = byHost[host] {
            return (site, .root)
        }
        let segment = path.dropFirst().prefix { $0 != "/" }
        if !segment.isEmpty, let site = byPrefix[String(segment)] {
            return (site, SiteMount(scriptRoot: "/" + segment))
        }
        return fallback.map { ($0, .root) }
    }

    var sites: [Site] {
        var seen: Set<ObjectIdentifier> = []
        return (Array(byHost.values) + Array(byPrefix.values) + [fallback].compactMap { $0 })
            .filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
