import HTTPTypes
import Hummingbird
import SakyumTemplates

/// One request as a site sees it: the raw request plus where it was mounted.
struct Exchange: Sendable {
    let request: Request
    let mount: SiteMount
    /// Still percent-encoded, relative to the mount.
    let localPath: String
    let method: String
    let host: String
    /// Came in over TLS: cookies get `Secure`.
    let isSecure: Bool
    /// The peer's IP address, for the login throttle.
    let clientAddress: String
    /// Every query parameter in URL order, repeated names included, decoded like a form (`+` is a space),
    /// as Werkzeug reads `request.args`. Parsed once per request.
    let queryItems: [(String, String)]
    /// The first value of each query parameter, as Werkzeug's `args.get`.
    let queryParameters: [String: String]

    init(request: Request, mount: SiteMount, isSecure: Bool = false, clientAddress: String = "-") {
        self.request = request
        self.mount = mount
        self.isSecure = isSecure
        self.clientAddress = clientAddress
        self.localPath = mount.localPath(of: request.uri.path)
        self.method = request.method.rawValue
        self.host = request.head.authority ?? ""
        if let query = request.uri.query, !query.isEmpty {
            queryItems = FormFields(urlEncoded: query).values.map { ($0.name, $0.value) }
        } else {
            queryItems = []
        }
        queryParameters = Dictionary(queryItems, uniquingKeysWith: { first, _ in first })
    }

    var origin: String { (isSecure ? "https://" : "http://") + host }

    /// Unsafe methods change state: they need a CSRF token.
    var changesState: Bool { ["POST", "PUT", "PATCH", "DELETE"].contains(method) }

    /// Flask's `request` as templates see it.
    func templateValue(endpoint: String?, blueprint: String?) -> Value {
        let query = request.uri.query
        let fullPath = request.uri.path + "?" + (query ?? "")
        var seen: Set<String> = []
        let args = queryItems.filter { seen.insert($0.0).inserted }.map { ($0.0, Value.string($0.1)) }
        return .dict([
            ("method", .string(method)),
            ("path", .string(request.uri.path)),
            ("full_path", .string(fullPath)),
            ("url", .string(origin + request.uri.path + (query.map { "?\($0)" } ?? ""))),
            ("host", .string(host)),
            ("script_root", .string(mount.scriptRoot)),
            ("args", .dict(args)),
            ("endpoint", endpoint.map(Value.string) ?? .none),
            ("blueprint", blueprint.map(Value.string) ?? .none),
        ])
    }
}
