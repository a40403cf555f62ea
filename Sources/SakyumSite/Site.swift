import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A compiled project: immutable, built once by `SiteBuilder`, shared by every request until replaced.
///
/// A request is matched against `routes`, whose every rule carries its handler (`SiteRoute`), and goes
/// through one switch to it; failures become error pages in one place (`PageRenderer.errorPage`).
public final class Site: Sendable {
    /// The description the Site was compiled from.
    let spec: ProjectSpec
    public var name: String { spec.name }
    public var hosts: [String] { spec.hosts }
    public var prefix: String? { spec.prefix }
    public var blueprints: [String] { spec.blueprints }
    public var appNames: [String] { spec.appNames }
    public var debug: Bool { spec.debug }
    /// `preload: true`: compiled at start and kept however long it is idle.
    public var preload: Bool { spec.preload }
    public let directory: URL
    public let builtAt = Date()

    let routes: RouteTable
    /// What answers each rule of `routes`, by the rule's number.
    let handlers: [SiteRoute]
    let pages: PageRenderer
    let staticFiles: StaticFileFolder
    let staticCache = StaticFileCache()
    let data: SiteData
    let auth: SiteAuth
    let authPages: AuthPages
    let views: ViewResponder
    let adminHome: AdminHome
    /// The requests that failed with a 500, kept by the supervisor across reloads.
    let runtimeErrors: RuntimeErrorLog

    init(spec: ProjectSpec, directory: URL, routes: RouteTable, handlers: [SiteRoute], pages: PageRenderer, data: SiteData, auth: SiteAuth,
         runtimeErrors: RuntimeErrorLog) {
        precondition(handlers.count == routes.rules.count, "one handler per rule")
        self.spec = spec
        self.directory = directory
        self.routes = routes
        self.handlers = handlers
        self.pages = pages
        self.data = data
        self.auth = auth
        self.runtimeErrors = runtimeErrors
        self.staticFiles = StaticFileFolder(root: directory.appendingPathComponent("static"))
        self.authPages = AuthPages(pages: pages, auth: auth,
                                   media: StaticFileFolder(root: spec.uploads.folderURL(in: directory)),
                                   mediaFolderName: spec.uploads.folder, allowedExtensions: spec.uploads.allowedExtensions,
                                   userHome: spec.authHome ?? (routes.hasEndpoint("base.index") ? "base.index" : nil), projectName: spec.name)
        self.views = ViewResponder(pages: pages, data: data, routes: routes, auth: auth,
                                   mediaFolder: spec.uploads.folderURL(in: directory), uploads: spec.uploads)
        let admins = handlers.compactMap { route -> ModelAdmin? in
            if case .admin(let admin, .list) = route.handler { admin } else { nil }
        }
        self.adminHome = AdminHome(admins: admins, data: data, pages: pages)
    }

    /// What loading did to the database and what waits for `db upgrade`; nil when built without one.
    public var schema: SchemaStatus? { data.schema }

    /// The database the Site reads, to close when the project goes away.
    public var database: StoreDatabase? { data.store?.database }

    /// The endpoints every project with the `auth` blueprint answers, whatever its description says.
    public static var builtinEndpoints: Set<String> { AuthPage.builtinEndpoints }

    /// Whether the project's requests go to the daemon's access log (`access_log:`).
    public var logsRequests: Bool { spec.accessLog }

    /// The static file a GET or HEAD of `localPath` (the path below the mount, still percent-encoded)
    /// answers, when the daemon may answer it from memory: the path routes to the static rule and names a
    /// small file of the project's static/ folder or a built-in asset. Nil sends the request the usual way,
    /// which also answers everything this leaves out (404s, large files, refusals).
    public func preparedStatic(localPath: String) -> PreparedStaticFile? {
        let routed = staticCache.staticSubpath(of: localPath) {
            guard case (let rule?, .matched(_, let arguments)) = routes.matchRule(path: localPath, method: "GET"),
                  case .staticFiles = handlers[rule].handler, case .string(let subpath)? = arguments["filename"] else { return nil }
            return subpath
        }
        guard let subpath = routed else { return nil }
        if let prepared = staticCache.prepared(subpath, in: staticFiles) { return prepared }
        if subpath.hasPrefix("default/"), let asset = BuiltinAsset.named(String(subpath.dropFirst("default/".count))) {
            return asset.prepared
        }
        return nil
    }

    /// The page an anonymous visitor without cookies gets for `target` (path and query, as sent) at this
    /// host and mount, when it is in the page cache and the database has not changed since: the daemon's fast
    /// path sends it as is. Nil sends the request the usual way.
    public func cachedPage(host: String, scriptRoot: String, target: String) -> CachedPage? {
        views.pageCache.page(PageCache.key(host: host, scriptRoot: scriptRoot, target: target),
                             generation: data.store?.database.generation ?? 0)
    }

    /// Answers one request that reached this site at `mount`. Never throws: failures become error pages.
    public func respond(to request: Request, context: some RequestContext, mount: SiteMount,
                        isSecure: Bool = false, clientAddress: String = "-") async -> Response {
        RequestNote.current?.note(project: name, logged: spec.accessLog)
        let localPath = mount.localPath(of: request.uri.path)
        let (rule, match) = routes.matchRule(path: localPath, method: request.method == .head ? "GET" : request.method.rawValue)
        let matched: MatchedRoute? = switch match {
        case .matched(_, let arguments): rule.map { MatchedRoute(route: handlers[$0], arguments: arguments) }
        default: nil
        }
        func siteRequest(visitor: Visitor, form: FormFields? = nil) -> SiteRequest {
            SiteRequest(http: request, mount: mount, route: matched, visitor: visitor, form: form, isSecure: isSecure,
                        clientAddress: clientAddress, routes: routes, context: context)
        }
        if let matched, case .staticFiles = matched.route.handler {
            // Static files need no session: no cookie is read or written.
            do {
                guard case .string(let subpath)? = matched.arguments["filename"] else { throw HTTPFailure(.notFound) }
                return try await StaticResponder.respond(to: subpath, in: staticFiles, request: request, context: context)
            } catch {
                return failureResponse(error, request: siteRequest(visitor: .sessionless()))
            }
        }
        let visitor: Visitor
        do {
            visitor = try await auth.visitor(for: request)
        } catch {
            return failureResponse(error, request: siteRequest(visitor: .sessionless()))
        }
        RequestNote.current?.note(userID: visitor.user?.id.displayText)
        var routed = siteRequest(visitor: visitor)
        var response: Response
        do {
            if routed.changesState, matched != nil {
                let form = try await readForm(request)
                try auth.checkCSRF(request, form: form, visitor: visitor)
                routed = siteRequest(visitor: visitor, form: form)
            }
            response = try await route(routed, match: match, matched: matched)
        } catch let redirect as RedirectResponse {
            response = .redirect(redirect.location)
        } catch {
            response = failureResponse(error, request: routed)
        }
        auth.finish(&response, request: routed)
        return response
    }

    /// The one switch from a matched rule to what answers it.
    private func route(_ request: SiteRequest, match: RouteMatch, matched: MatchedRoute?) async throws -> Response {
        guard let matched else { return try Self.unmatched(match, request: request) }
        switch matched.route.handler {
        case .view(let view):
            return try await views.serve(view, request: request)
        case .auth(let page):
            return try await authPages.respond(page, to: request)
        case .adminHome:
            return try await adminHome.respond(to: request)
        case .admin(let admin, let action):
            try request.requireAdmin()
            let store = try data.store(for: admin.model.name)
            return try await AdminRequest(admin: admin, store: store, data: data, pages: pages, request: request).respond(action)
        case .staticFiles:
            throw HTTPFailure(.methodNotAllowed, headers: [.allow: "GET, HEAD, OPTIONS"])
        }
    }

    /// What the route table answers when no rule takes the request: a redirect, OPTIONS, 405 or 404.
    private static func unmatched(_ match: RouteMatch, request: SiteRequest) throws -> Response {
        switch match {
        case .matched:
            preconditionFailure("a matched rule has a handler")
        case .redirect(let location):
            let query = request.http.uri.query.map { "?\($0)" } ?? ""
            var headers = HTTPFields()
            headers[.location] = request.mount.scriptRoot + location + query
            return Response(status: .permanentRedirect, headers: headers)
        case .options(let allowed):
            var headers = HTTPFields()
            headers[.allow] = allowed.joined(separator: ", ")
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers)
        case .methodNotAllowed(let allowed):
            throw HTTPFailure(.methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")])
        case .notFound:
            throw HTTPFailure(.notFound, detail: "no rule matches \(request.localPath)")
        }
    }

    /// The body of a state-changing request as form fields: at most `uploads.max_content_length` bytes (else 413).
    private func readForm(_ request: Request) async throws -> FormFields {
        let limit = spec.uploads.maxContentLength
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            // Answered before reading the body, and the connection closes: the rest is never read.
            throw HTTPFailure(.contentTooLarge, headers: [.connection: "close"], detail: "the body is \(declared) bytes; the limit is \(limit)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw HTTPFailure(.contentTooLarge, headers: [.connection: "close"], detail: "the body is larger than \(limit) bytes")
        }
        return try FormFields(body: body, contentType: request.headers[.contentType])
    }

    private func failureResponse(_ error: any Error, request: SiteRequest) -> Response {
        let logger = request.context.logger
        let failure: HTTPFailure
        var location: ErrorPages.Location?
        switch error {
        case let error as HTTPFailure:
            failure = error
        case let error as StoreError where error.isBadInput:
            failure = HTTPFailure(.badRequest, detail: error.description)
        case StoreError.unavailable(let reason):
            logger.warning("\(name): \(request.method) \(request.http.uri.path) → 503: database unavailable: \(reason)",
                           metadata: ["project": "\(name)"])
            failure = HTTPFailure(.serviceUnavailable, headers: [.retryAfter: "5"], detail: "database unavailable: \(reason)")
        default:
            logger.error("\(name): \(request.method) \(request.http.uri.path) failed: \(error)", metadata: ["project": "\(name)"])
            location = (error as? TemplateError).map { ErrorPages.Location($0, templates: pages.templates) }
            failure = HTTPFailure(.internalServerError, detail: String(describing: error))
            runtimeErrors.record("\(request.method) \(request.http.uri.path): \(error)")
        }
        if error is HTTPFailure, failure.status.kind == .serverError {
            logger.error("\(name): \(request.method) \(request.http.uri.path) → \(failure.status.code): \(failure.detail ?? "")",
                         metadata: ["project": "\(name)"])
        }
        return pages.errorPage(failure, location: location, request: request)
    }
}

extension RouteArgument {
    var templateValue: Value {
        switch self {
        case .string(let text): .string(text)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .uuid(let uuid): .string(uuid.uuidString.lowercased())
        }
    }
}
