/// What answers a rule of a Site, decided once when the Site is built: a request that matches the
/// rule goes straight to it, and no endpoint name is looked at again.
enum SiteHandler: Sendable {
    /// A view of views.yaml or project.yaml `routes`.
    case view(CompiledView)
    /// A page of the built-in `auth` blueprint.
    case auth(AuthPage)
    /// The admin's home (`admin.index`).
    case adminHome
    /// A page of a registered model view.
    case admin(ModelAdmin, AdminAction)
    /// `/static/<path:filename>`: the project's static/ folder, then the built-in assets.
    case staticFiles
}

/// One rule of a Site with its handler; `Site.routes` lists them in the order of `RouteTable.rules`.
struct SiteRoute: Sendable {
    let handler: SiteHandler
    /// `request.endpoint` in templates.
    let endpoint: String
    /// `request.blueprint`, and what a relative `url_for('.index')` resolves against.
    let blueprint: String?

    /// A `json` view: its errors are JSON too.
    var answersJSON: Bool {
        guard case .view(let view) = handler, case .json? = view.action else { return false }
        return true
    }
}

/// The rule a request matched, with its converted variables.
struct MatchedRoute: Sendable {
    let route: SiteRoute
    let arguments: [String: RouteArgument]

    var endpoint: String { route.endpoint }
    var blueprint: String? { route.blueprint }
}
