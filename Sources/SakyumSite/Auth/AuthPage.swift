import HTTPTypes
import SakyumSpec
/// The pages of the built-in `auth` blueprint: sakyum's paths and endpoint names, written once here.
enum AuthPage: String, CaseIterable, Sendable {
    case adminLogin
    case login
    case adminLogout
    case adminRegister
    case adminChangePassword
    case changeProfileImage = "change_profile_image"
    case profileImage = "profile_image"
    case downloadFile = "download_file"

    var endpoint: String { "auth." + rawValue }

    /// sakyum's names for pages that sakyumd names otherwise (alias → endpoint): sakyum's views are named after
    /// their functions (`changeProfileImage`), and templates written for sakyum build URLs with those names.
    static let sakyumAliases = ["auth.changeProfileImage": AuthPage.changeProfileImage.endpoint]

    /// Every endpoint the built-in blueprints answer (auth pages under both spellings, the admin home, static files).
    static let builtinEndpoints = Set(allCases.map(\.endpoint) + sakyumAliases.keys + [adminHome.endpoint, "static"])

    var path: String {
        switch self {
        case .adminLogin: "/admin/login/"
        case .login: "/login/"
        case .adminLogout: "/admin/logout/"
        case .adminRegister: "/admin/register/"
        case .adminChangePassword: "/admin/change/password/"
        case .changeProfileImage: "/admin/change_profile_image/"
        case .profileImage: "/profile_image/<path:filename>"
        case .downloadFile: "/media/<path:filename>"
        }
    }

    var methods: Set<String> {
        switch self {
        case .login, .profileImage, .downloadFile: ["GET"]
        default: ["GET", "POST"]
        }
    }

    /// The admin's home: `admin.index` at `/admin/`, added with the auth pages.
    static let adminHome = (path: "/admin/", endpoint: "admin.index")
}

/// Flask-Login's access rules, checked by handlers before they do anything.
extension SiteRequest {
    /// Anonymous visitors go to the login page with `next` pointing back here.
    func requireLogin() throws {
        guard visitor.user == nil else { return }
        visitor.session.flash("Please log in to access this page.", category: "message")
        throw RedirectResponse(location: try loginURL())
    }

    /// `fresh_login_required`: a session restored from the remember cookie, or from another browser, logs in again.
    func requireFreshLogin() throws {
        try requireLogin()
        guard !visitor.isFresh else { return }
        visitor.session.flash("Please reauthenticate to access this page.", category: "message")
        throw RedirectResponse(location: try loginURL())
    }

    /// Admin pages: anonymous → login, logged in without is_admin or is_superuser → 403.
    func requireAdmin() throws {
        try requireLogin()
        guard visitor.isAdmin else { throw HTTPFailure(.forbidden, detail: "admin pages need is_admin or is_superuser") }
    }

    private func loginURL() throws -> String {
        try url(AuthPage.adminLogin.endpoint) + "?next=" + PercentEncoding.encodeQueryComponent(fullPath)
    }
}
