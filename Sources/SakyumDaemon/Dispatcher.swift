import Foundation
import HTTPTypes
import Hummingbird
import SakyumSite
import SakyumSpec

/// The HTTP entry point: checks what every request must satisfy, then hands it to the site
/// that the current `SiteTable` picks by Host or path prefix.
struct Dispatcher: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Longer request targets get 414, as most servers do.
    static let maximumTargetLength = 8192

    /// Publishes the table requests are routed by, and compiles a project on its first request.
    let supervisor: Supervisor
    /// In dev mode the daemon's own 404 lists the projects it serves.
    let listsProjects: Bool

    init(supervisor: Supervisor, listsProjects: Bool) {
        self.supervisor = supervisor
        self.listsProjects = listsProjects
    }

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        try await respond(to: request, context: context, isSecure: false, clientAddress: "-")
    }

    /// `isSecure`: it came over TLS; `clientAddress`: the peer's IP, for the login throttle.
    func respond(to request: Request, context: BasicRequestContext, isSecure: Bool, clientAddress: String) async throws -> Response {
        let target = request.uri.string
        if target.utf8.count > Self.maximumTargetLength {
            return DaemonPage.response(status: .uriTooLong, message: "The request target is longer than \(Self.maximumTargetLength) bytes.")
        }
        let path = request.uri.path
        guard path.hasPrefix("/"), PercentEncoding.decode(path) != nil else {
            return DaemonPage.response(status: .badRequest, message: "The request path is not valid.")
        }
        let rawHost = request.head.authority
        let host: String?
        if let rawHost {
            guard let parsed = RequestHost(rawHost) else {
                return DaemonPage.response(status: .badRequest, message: "The Host header is not valid.")
            }
            host = parsed.name
        } else {
            host = nil
        }
        let table = supervisor.table.current
        guard let (route, mount) = table.lookup(host: host, path: path) else {
            return DaemonPage.notFound(listing: listsProjects ? table.projects : [])
        }
        if !mount.scriptRoot.isEmpty, path == mount.scriptRoot {
            var headers = HTTPFields()
            headers[.location] = path + "/" + (request.uri.query.map { "?\($0)" } ?? "")
            return Response(status: .permanentRedirect, headers: headers)
        }
        route.activity.touch()
        let site: Site
        switch route.target {
        case .loaded(let loaded):
            site = loaded
        case .unloaded:
            guard let compiled = await supervisor.activate(route.head.name) else { return DaemonPage.doesNotLoad(route.head.name) }
            site = compiled
        case .failed:
            return DaemonPage.doesNotLoad(route.head.name)
        }
        return await site.respond(to: request, context: context, mount: mount, isSecure: isSecure, clientAddress: clientAddress)
    }
}

/// A Host header value: lowercased, port stripped, syntax checked.
struct RequestHost {
    let name: String

    init?(_ value: String) {
        var text = value.lowercased()
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let port = text[text.index(after: close)...]
            guard port.isEmpty || (port.hasPrefix(":") && port.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            name = String(text[...close])
            return
        }
        if let colon = text.lastIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard port.allSatisfy(\.isNumber) else { return nil }
            text = String(text[..<colon])
        }
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty, text.utf8.count <= 253,
              text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_" })
        else { return nil }
        name = text
    }
}
