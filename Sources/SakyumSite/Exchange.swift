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

    init(request: Request, mount: SiteMount, isSecure: Bool = false, clientAddress: String = "-") {
        self.request = request
        self.mount = mount
        self.isSecure = isSecure
        self.clientAddress = clientAddress
        self.localPath = mount.localPath(of: request.uri.path)
        self.method = request.method.rawValue
        self.host = request.head.authority ?? ""
    }

    var origin: String { (isSecure ? "https://" : "http://") + host }

    /// Every query parameter in URL order, repeated names included.
    /// Decoded like a form (`+` is a space), as Werkzeug reads `request.args`.
    var queryItems: [(String, String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        return FormFields(urlEncoded: query).values.map { ($0.name, $0.value) }
    }

    /// Unsafe methods change state: they need a CSRF token.
    var changesState: Bool { ["POST", "PUT", "PATCH", "DELETE"].contains(method) }

    /// The URL's query parameters; the first of repeated names wins, as Werkzeug's `args.get`.
    var queryParameters: [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in queryItems where parameters[key] == nil {
            parameters[key] = value
        }
        return parameters
    }

    /// Flask's `request` as templates see it.
    func templateValue(endpoint: String?, blueprint: String?) -> Value {
        let query = request.uri.query
        let fullPath = request.uri.path + "?" + (query ?? "")
        var args: [(String, Value)] = []
        for (key, value) in queryItems where !args.contains(where: { $0.0 == key }) {
            args.append((key, .string(value)))
        }
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
