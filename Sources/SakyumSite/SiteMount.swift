/// Where a request reached a site: at `/` (by Host) or under the project's prefix (like WSGI's SCRIPT_NAME).
public struct SiteMount: Sendable, Hashable {
    /// "" at the root, "/schoolsite" under a prefix. URLs the site builds start with it.
    public let scriptRoot: String

    public static let root = SiteMount(scriptRoot: "")

    public init(scriptRoot: String) {
        self.scriptRoot = scriptRoot
    }

    /// The part of `path` that the site routes: "/schoolsite/exam/" → "/exam/".
    public func localPath(of path: String) -> String {
        guard !scriptRoot.isEmpty, path.hasPrefix(scriptRoot) else { return path }
        let rest = path.dropFirst(scriptRoot.count)
        return rest.isEmpty ? "/" : String(rest)
    }
}
