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

/// A Host header value: lowercased, port stripped, syntax checked. Read as ASCII bytes: a host name is ASCII
/// (an IDN arrives as punycode), and this runs for every request.
struct RequestHost {
    let name: String

    init?(_ value: String) {
        let bytes = value.utf8
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let port = bytes[bytes.index(after: close)...]
            guard port.isEmpty || (port.first == UInt8(ascii: ":") && port.dropFirst().allSatisfy(Self.isDigit)) else { return nil }
            name = Self.lowercased(bytes[...close])
            return
        }
        var host = bytes[...]
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            guard bytes[bytes.index(after: colon)...].allSatisfy(Self.isDigit) else { return nil }
            host = bytes[..<colon]
        }
        if host.last == UInt8(ascii: ".") { host = host.dropLast() }
        guard !host.isEmpty, host.count <= 253, host.allSatisfy(Self.isNameByte) else { return nil }
        name = Self.lowercased(host)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func lowercased(_ bytes: Substring.UTF8View) -> String {
        let isUpper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        guard bytes.contains(where: isUpper) else { return String(Substring(bytes)) }
        return String(decoding: bytes.map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
