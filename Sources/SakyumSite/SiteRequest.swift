import Foundation
import HTTPTypes
import Hummingbird
import SakyumSpec
import SakyumTemplates

/// One request as a site answers it: the HTTP request, where it was mounted, the rule it matched,
/// who is asking and, for an unsafe method, the form (its CSRF token already checked). Made once per
/// request by `Site.respond`; handlers read it and never see Hummingbird's request directly.
struct SiteRequest: Sendable {
    let http: Request
    let mount: SiteMount
    /// Still percent-encoded, relative to the mount.
    let localPath: String
    let method: HTTPRequest.Method
    let host: String
    /// Came in over TLS: cookies get `Secure`.
    let isSecure: Bool
    /// The peer's IP address, for the login throttle.
    let clientAddress: String
    /// Every query parameter in URL order, repeated names included, decoded like a form (`+` is a space),
    /// as Werkzeug reads `request.args`.
    let queryItems: [(String, String)]
    /// The first value of each query parameter, as Werkzeug's `args.get`.
    let queryParameters: [String: String]
    /// The matched rule's endpoint and blueprint (`request.endpoint`, relative `url_for('.x')`); nil when none matched.
    let endpoint: String?
    let blueprint: String?
    /// The matched rule's converted variables.
    let arguments: [String: RouteArgument]
    /// The matched rule is a JSON view: errors are answered in JSON.
    let answersJSON: Bool
    let visitor: Visitor
    /// The submitted form of a POST, PUT, PATCH or DELETE; nil for GET and HEAD.
    let form: FormFields?
    let urls: URLBuilder
    /// Hummingbird's context: the logger, and the channel for file I/O.
    let context: any RequestContext

    init(http: Request, mount: SiteMount, route: MatchedRoute?, visitor: Visitor, form: FormFields? = nil,
         isSecure: Bool, clientAddress: String, routes: RouteTable, context: any RequestContext) {
        self.http = http
        self.mount = mount
        self.localPath = mount.localPath(of: http.uri.path)
        self.method = http.method
        self.host = http.head.authority ?? ""
        self.isSecure = isSecure
        self.clientAddress = clientAddress
        if let query = http.uri.query, !query.isEmpty {
            queryItems = FormFields(urlEncoded: query).values.map { ($0.name, $0.value) }
        } else {
            queryItems = []
        }
        queryParameters = Dictionary(queryItems, uniquingKeysWith: { first, _ in first })
        self.endpoint = route?.endpoint
        self.blueprint = route?.blueprint
        self.arguments = route?.arguments ?? [:]
        self.answersJSON = route?.route.answersJSON ?? false
        self.visitor = visitor
        self.form = form
        self.context = context
        self.urls = URLBuilder(routes: routes, mount: mount, blueprint: route?.blueprint,
                               origin: (isSecure ? "https://" : "http://") + (http.head.authority ?? ""))
    }

    /// The path and query as the browser sent them: where `next` points back to.
    var fullPath: String {
        http.uri.path + (http.uri.query.map { "?\($0)" } ?? "")
    }

    var isHead: Bool { method == .head }

    /// Unsafe methods change state: they need a CSRF token.
    var changesState: Bool { Self.changesState(method) }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    func url(_ endpoint: String, _ values: [(String, String)] = []) throws -> String {
        try urls.url(for: endpoint, values: values)
    }

    /// Flask's `request` as templates see it. As in Werkzeug, `path` and `full_path` are within the
    /// site (`script_root` is the mount): `script_root ~ path` is the address of this page under either mount.
    var templateValue: Value {
        var seen: Set<String> = []
        let args = queryItems.filter { seen.insert($0.0).inserted }.map { ($0.0, Value.string($0.1)) }
        let path = PercentEncoding.decode(localPath) ?? localPath
        return .dict([
            ("method", .string(method.rawValue)),
            ("path", .string(path)),
            ("full_path", .string(path + "?" + (http.uri.query ?? ""))),
            ("url", .string(urls.origin + fullPath)),
            ("host", .string(host)),
            ("script_root", .string(mount.scriptRoot)),
            ("args", .dict(args)),
            ("endpoint", endpoint.map(Value.string) ?? .none),
            ("blueprint", blueprint.map(Value.string) ?? .none),
        ])
    }
}
