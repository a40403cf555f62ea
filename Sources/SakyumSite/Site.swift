import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A compiled project: immutable, built once by `SiteBuilder`, shared by every request until replaced.
public final class Site: Sendable {
    /// The description the Site was compiled from.
    let spec: ProjectSpec
    public var name: String { spec.name }
    public var hosts: [String] { spec.hosts }
    public var prefix: String? { spec.prefix }
    public var blueprints: [String] { spec.blueprints }
    public var appNames: [String] { spec.appNames }
    public var debug: Bool { spec.debug }
    public let directory: URL
    public let builtAt: Date

    let routes: RouteTable
    let views: [String: CompiledView]
    let templates: TemplateEnvironment
    let errorPages: ErrorPages
    let staticFiles: StaticFileFolder
    let data: SiteData
    let auth: SiteAuth
    /// Uploads (project.yaml `uploads.folder`, media/ by default), served to logged-in users only.
    let mediaDirectory: URL
    let mediaFolder: StaticFileFolder
    /// The admin's model views by endpoint, and in registration order (for the menu).
    let admins: [String: ModelAdmin]
    let adminList: [ModelAdmin]
    /// `admin_menu` per mount (its links differ under a prefix).
    let adminMenus: [SiteMount: Value]
    /// Rendered pages for anonymous visitors (see `PageCache`).
    let pageCache = PageCache()
    /// `project` in templates, per mount (its links differ under a prefix).
    let projectValues: [SiteMount: Value]

    init(spec: ProjectSpec, directory: URL, routes: RouteTable, views: [String: CompiledView], templates: TemplateEnvironment,
         data: SiteData, auth: SiteAuth, admins: [ModelAdmin] = []) {
        self.spec = spec
        self.directory = directory
        self.builtAt = Date()
        self.routes = routes
        self.views = views
        self.templates = templates
        self.data = data
        self.auth = auth
        self.mediaDirectory = directory.appendingPathComponent(spec.uploads.folder)
        self.mediaFolder = StaticFileFolder(root: mediaDirectory)
        self.adminList = admins
        self.admins = Dictionary(admins.map { ($0.endpoint, $0) }, uniquingKeysWith: { first, _ in first })
        self.errorPages = ErrorPages(templates: templates, customTemplates: spec.errorTemplates, debug: spec.debug)
        self.staticFiles = StaticFileFolder(root: directory.appendingPathComponent("static"))
        var projectValues: [SiteMount: Value] = [:]
        var adminMenus: [SiteMount: Value] = [:]
        for mount in [SiteMount.root] + [spec.prefix].compactMap({ $0.map(SiteMount.init) }) {
            adminMenus[mount] = Self.adminMenu(admins, routes: routes, mount: mount)
            let apps: [Value] = spec.appNames.map { app in
                let index = routes.hasEndpoint("\(app).index") ? (try? routes.build(endpoint: "\(app).index", values: [])) : nil
                return .dict([("name", .string(app)), ("index_url", index.map { .string(mount.scriptRoot + $0) } ?? .none)])
            }
            projectValues[mount] = .dict([
                ("name", .string(spec.name)),
                ("hosts", .array(spec.hosts.map(Value.string))),
                ("prefix", spec.prefix.map(Value.string) ?? .none),
                ("apps", .array(apps)),
            ])
        }
        self.projectValues = projectValues
        self.adminMenus = adminMenus
    }

    /// What loading did to the database and what waits for `db upgrade`; nil when built without one.
    public var schema: SchemaStatus? { data.schema }

    /// The database the Site reads, to close when the project goes away.
    public var database: StoreDatabase? { data.store?.database }

    /// Answers one request that reached this site at `mount`. Never throws: failures become error pages.
    /// Answers one request that reached this site at `mount`. Never throws: failures become error pages.
    public func respond(to request: Request, context: some RequestContext, mount: SiteMount,
                        isSecure: Bool = false, clientAddress: String = "-") async -> Response {
        let exchange = Exchange(request: request, mount: mount, isSecure: isSecure, clientAddress: clientAddress)
        if exchange.localPath.hasPrefix("/static/"), !exchange.changesState {
            // Static files need no session: no cookie is read or written.
            do {
                return try await route(exchange, visitor: nil, context: context)
            } catch {
                return failureResponse(error, exchange: exchange, visitor: nil, logger: context.logger)
            }
        }
        let visitor: Visitor
        do {
            visitor = try await auth.visitor(for: exchange)
        } catch {
            return failureResponse(error, exchange: exchange, visitor: nil, logger: context.logger)
        }
        var response: Response
        do {
            response = try await route(exchange, visitor: visitor, context: context)
        } catch let redirect as RedirectResponse {
            response = Self.redirect(redirect.location)
        } catch {
            response = failureResponse(error, exchange: exchange, visitor: visitor, logger: context.logger)
        }
        auth.finish(&response, visitor: visitor, exchange: exchange)
        return response
    }

    private func failureResponse(_ error: any Error, exchange: Exchange, visitor: Visitor?, logger: Logger) -> Response {
        switch error {
        case let failure as HTTPFailure:
            return errorPage(failure, exchange: exchange, visitor: visitor, logger: logger)
        case let error as StoreError where error.isBadInput:
            return errorPage(HTTPFailure(400, detail: error.description), exchange: exchange, visitor: visitor, logger: logger)
        default:
            logger.error("\(name): \(exchange.method) \(exchange.request.uri.path) failed: \(error)")
            let location = (error as? TemplateError).map { "\($0.templateName):\($0.line)" }
            return errorPage(HTTPFailure(500, detail: String(describing: error)), location: location, exchange: exchange, visitor: visitor, logger: logger)
        }
    }

    private func route(_ exchange: Exchange, visitor: Visitor?, context: some RequestContext) async throws -> Response {
        let method = exchange.method == "HEAD" ? "GET" : exchange.method
        guard exchange.localPath.removingPercentEncoding != nil else {
            throw HTTPFailure(400, detail: "the path is not valid percent-encoding")
        }
        if exchange.localPath.hasPrefix("/static/") {
            return try await StaticResponder.respond(to: exchange, folder: staticFiles, context: context)
        }
        switch routes.match(path: exchange.localPath, method: method) {
        case .matched(let endpoint, let arguments):
            guard let visitor else { throw HTTPFailure(404) }
            var form: FormFields?
            if exchange.changesState {
                let submitted = try await readForm(exchange, context: context)
                try auth.checkCSRF(exchange, form: submitted, visitor: visitor)
                form = submitted
            }
            let request = SiteRequest(exchange: exchange, visitor: visitor, form: form,
                                      urls: urlBuilder(exchange, endpoint: endpoint), context: context)
            if let response = try await builtinResponse(endpoint, arguments: arguments, request: request) {
                return response
            }
            guard let view = views[endpoint] else { throw HTTPFailure(404) }
            return try await serve(view, endpoint: endpoint, arguments: arguments, request: request)
        case .redirect(let location):
            let query = exchange.request.uri.query.map { "?\($0)" } ?? ""
            var headers = HTTPFields()
            headers[.location] = exchange.mount.scriptRoot + location + query
            return Response(status: .permanentRedirect, headers: headers)
        case .options(let allowed):
            var headers = HTTPFields()
            headers[.allow] = allowed.joined(separator: ", ")
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers)
        case .methodNotAllowed(let allowed):
            throw HTTPFailure(405, headers: [("Allow", allowed.joined(separator: ", "))])
        case .notFound:
            throw HTTPFailure(404, detail: "no rule matches \(exchange.localPath)")
        }
    }

    /// The body of a state-changing request as form fields: at most `uploads.max_content_length` bytes (else 413).
    private func readForm(_ exchange: Exchange, context: some RequestContext) async throws -> FormFields {
        let limit = spec.uploads.maxContentLength
        if let declared = exchange.request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPFailure(413, detail: "the body is \(declared) bytes; the limit is \(limit)")
        }
        let body: ByteBuffer
        do {
            body = try await exchange.request.body.collect(upTo: limit)
        } catch {
            throw HTTPFailure(413, detail: "the body is larger than \(limit) bytes")
        }
        return try FormFields(body: body, contentType: exchange.request.headers[.contentType])
    }

    private func errorPage(_ failure: HTTPFailure, location: String? = nil, exchange: Exchange, visitor: Visitor?, logger: Logger) -> Response {
        if failure.status >= 500 {
            logger.error("\(name): \(exchange.method) \(exchange.request.uri.path) → \(failure.status): \(failure.detail ?? "")")
        }
        return errorPages.response(for: failure, location: location, context: pageContext(exchange, endpoint: nil, visitor: visitor), method: exchange.method)
    }

    private static let anonymousUser = Value.object(AnonymousUser())
    private static let noFlashedMessages = Value.callable(TemplateFunction { _ in .array([]) })

    func urlBuilder(_ exchange: Exchange, endpoint: String?) -> URLBuilder {
        let blueprint = endpoint.flatMap { $0.split(separator: ".").first.map(String.init) }
        return URLBuilder(routes: routes, mount: exchange.mount, blueprint: blueprint, origin: exchange.origin)
    }

    /// The per-request globals (see docs/project-format.md, "Template context"); the constant
    /// ones, like `config`, are the template environment's globals, set once by `SiteBuilder`.
    /// Without a visitor (static files, a failure before the session was read) the visitor is anonymous.
    func pageContext(_ exchange: Exchange, endpoint: String?, visitor: Visitor?) -> [String: Value] {
        let blueprint = endpoint.flatMap { $0.split(separator: ".").first.map(String.init) }
        var context: [String: Value] = [
            "project": projectValues[exchange.mount] ?? projectValues[.root] ?? .none,
            "url_for": .callable(urlBuilder(exchange, endpoint: endpoint).templateFunction),
            "request": exchange.templateValue(endpoint: endpoint, blueprint: blueprint),
            "current_user": Self.anonymousUser,
            "get_flashed_messages": Self.noFlashedMessages,
        ]
        if let visitor {
            let auth = self.auth
            context["current_user"] = visitor.templateValue
            context["get_flashed_messages"] = .callable(TemplateFunction { arguments in
                let withCategories = arguments.value("with_categories", at: 0)?.isTruthy ?? false
                let filter = arguments.value("category_filter", at: 1).flatMap { value -> [String]? in
                    if case .array(let items) = value { return items.compactMap(\.stringContent) }
                    return nil
                }
                let messages = visitor.session.takeFlashes().filter { filter?.isEmpty != false || filter!.contains($0[0]) }
                return .array(messages.map { withCategories ? .array([.string($0[0]), .string($0[1])]) : .string($0[1]) })
            })
            context["csrf_token"] = .callable(TemplateFunction { _ in .string(auth.csrfToken(visitor)) })
        }
        return context
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
