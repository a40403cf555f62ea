import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SakyumSite

/// A browser for a Site in this process, as Flask's test client is for an app: cookies, forms with their
/// CSRF token, logins. Requests reach the Site the way the daemon's dispatcher sends them (by Host at
/// `/`, else under the project's prefix); what neither takes is the daemon's 404.
public final class SiteClient {
    public let site: Site
    /// Kept alive as long as the client: its folder holds the site's files.
    private let project: TestProject?
    /// Sent as the Host header; a request by Host reaches the site at `/`.
    public let host: String
    public var state = BrowserState()

    public var cookies: [String: String] {
        get { state.cookies }
        set { state.cookies = newValue }
    }
    public var userAgent: String {
        get { state.userAgent }
        set { state.userAgent = newValue }
    }
    public var setCookies: [String] { state.setCookies }

    public init(_ site: Site, host: String = "127.0.0.1") {
        self.site = site
        self.project = nil
        self.host = host
    }

    /// A client of `project`'s Site (the one compiled when the project was made).
    public init(_ project: TestProject, host: String = "127.0.0.1") {
        self.site = project.site
        self.project = project
        self.host = host
    }

    public func get(_ path: String) async throws -> HTTPReply {
        try await send("GET", path)
    }

    /// POSTs `fields` url-encoded; `csrfFrom` is the page whose form token to send along (none when nil).
    public func post(_ path: String, _ fields: [(String, String)], csrfFrom page: String? = nil) async throws -> HTTPReply {
        var fields = fields
        if let page { fields.append(("csrf_token", try await csrfToken(on: page))) }
        return try await send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: BrowserState.formBody(fields))
    }

    /// The CSRF token in the first form of the page at `path`.
    public func csrfToken(on path: String) async throws -> String {
        try BrowserState.csrfToken(in: try await get(path).text, at: path)
    }

    /// Logs in through the form; returns the reply to the POST.
    @discardableResult
    public func logIn(_ username: String, _ password: String, remember: Bool = false, next: String? = nil,
                      prefix: String = "/school") async throws -> HTTPReply {
        try await post("\(prefix)/admin/login/", BrowserState.loginFields(username, password, remember: remember, next: next),
                       csrfFrom: "\(prefix)/admin/login/")
    }

    public func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: Data = Data()) async throws -> HTTPReply {
        var fields = HTTPFields()
        for (name, value) in state.headers(adding: headers) {
            guard let name = HTTPField.Name(name) else { throw TestFailure("bad header name \(name)") }
            fields.append(HTTPField(name: name, value: value))
        }
        if fields[.contentLength] == nil, !body.isEmpty || method == "POST" { fields[.contentLength] = String(body.count) }
        let head = HTTPRequest(method: HTTPRequest.Method(method)!, scheme: "http", authority: host, path: target, headerFields: fields)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
        let reply = try await respond(to: request)
        state.receive(reply)
        return reply
    }

    private func respond(to request: Request) async throws -> HTTPReply {
        let path = request.uri.path
        let mount: SiteMount
        if site.hosts.contains(host.lowercased()) {
            mount = .root
        } else if let prefix = site.prefix, path == prefix || path.hasPrefix(prefix + "/") {
            mount = SiteMount(scriptRoot: prefix)
        } else {
            return HTTPReply(status: 404, headers: [], body: Data("No project is served at this address.".utf8))
        }
        let context = SiteTestContext(source: .init(logger: Logger(label: "sakyum.test")))
        let response = await site.respond(to: request, context: context, mount: mount)
        let writer = CollectingWriter()
        try await response.body.write(writer)
        return HTTPReply(status: response.status.code, headers: response.headers.map { ($0.name.rawName, $0.value) },
                         body: Data(writer.collected.readableBytesView))
    }
}

/// A request context without a channel, so a Site can answer requests in tests.
public struct SiteTestContext: RequestContext {
    public struct Source: RequestContextSource {
        public var logger: Logger
        public init(logger: Logger) { self.logger = logger }
    }

    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}

/// Gathers a response body in memory.
public final class CollectingWriter: ResponseBodyWriter {
    public var collected = ByteBuffer()

    public init() {}

    public func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.writeBuffer(&buffer)
    }

    public func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
