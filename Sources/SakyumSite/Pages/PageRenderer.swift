import HTTPTypes
import Hummingbird
import Metrics
import SakyumTemplates

/// Renders a Site's pages: the per-request template globals, the admin menu for admins, and error pages.
/// Every handler renders through it, so a page looks the same whichever handler made it.
struct PageRenderer: Sendable {
    let templates: TemplateEnvironment
    let errorPages: ErrorPages
    let auth: SiteAuth
    /// `project` in templates, per mount (its links differ under a prefix).
    let projectValues: [SiteMount: Value]
    /// `admin_menu` per mount, shown to admins.
    let adminMenus: [SiteMount: Value]
    /// The project's template render time (`SiteMetrics.renderTimer`).
    let renderTimer: Metrics.Timer

    private static let anonymousUser = Value.object(AnonymousUser())
    private static let noFlashedMessages = Value.callable(TemplateFunction { _ in .array([]) })

    /// The per-request globals (see docs/project-format.md, "Template context"); the constant
    /// ones, like `config`, are the template environment's globals, set once by `SiteBuilder`.
    func context(for request: SiteRequest) -> [String: Value] {
        var context: [String: Value] = [
            "project": projectValues[request.mount] ?? projectValues[.root] ?? .none,
            "url_for": .callable(request.urls.templateFunction),
            "request": request.templateValue,
            "current_user": Self.anonymousUser,
            "get_flashed_messages": Self.noFlashedMessages,
        ]
        let visitor = request.visitor
        guard visitor.hasSession else { return context }
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
        return context
    }

    /// A built-in page (auth, admin) rendered for `request` with `values` added to its globals; admins
    /// also get the admin menu.
    func render(_ template: String, _ request: SiteRequest, values: [String: Value] = [:],
                status: HTTPResponse.Status = .ok) throws -> Response {
        var context = context(for: request)
        if request.visitor.isAdmin { context["admin_menu"] = adminMenus[request.mount] ?? adminMenus[.root] }
        for (key, value) in values { context[key] = value }
        let html = try SiteMetrics.time(renderTimer) { try templates.renderUTF8(template, context: context) }
        return .html(utf8: html, status: status, head: request.isHead)
    }

    /// The error page for `failure`; `location` (template file:line) is shown in debug mode.
    func errorPage(_ failure: HTTPFailure, location: ErrorPages.Location? = nil, request: SiteRequest) -> Response {
        if request.answersJSON { return errorPages.json(for: failure, head: request.isHead) }
        return errorPages.response(for: failure, location: location, context: context(for: request), head: request.isHead)
    }
}
