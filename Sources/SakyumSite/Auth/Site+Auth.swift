import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The built-in `auth` blueprint (sakyum's paths and endpoint names) and the admin home's access rule.
extension Site {
    /// Rules of the built-in blueprints, added by `SiteBuilder` when `auth` is registered.
    static let authRules: [(path: String, endpoint: String, methods: Set<String>)] = [
        ("/admin/login/", "auth.adminLogin", ["GET", "POST"]),
        ("/login/", "auth.login", ["GET"]),
        ("/admin/logout/", "auth.adminLogout", ["GET", "POST"]),
        ("/admin/register/", "auth.adminRegister", ["GET", "POST"]),
        ("/admin/change/password/", "auth.adminChangePassword", ["GET", "POST"]),
        ("/admin/change_profile_image/", "auth.change_profile_image", ["GET", "POST"]),
        ("/profile_image/<path:filename>", "auth.profile_image", ["GET"]),
        ("/media/<path:filename>", "auth.download_file", ["GET"]),
        ("/admin/", "admin.index", ["GET"]),
    ]

    /// Answers a built-in endpoint, or nil when `endpoint` is not one.
    func builtinResponse(_ endpoint: String, arguments: [String: RouteArgument], request: SiteRequest) async throws -> Response? {
        switch endpoint {
        case "auth.adminLogin": return try await login(request)
        case "auth.login":
            let query = request.exchange.request.uri.query.map { "?\($0)" } ?? ""
            return Self.redirect(try request.url("auth.adminLogin") + query)
        case "auth.adminLogout": return try await logout(request)
        case "auth.adminRegister": return try await register(request)
        case "auth.adminChangePassword": return try await changePassword(request)
        case "auth.change_profile_image": return try await changeProfileImage(request)
        case "auth.profile_image", "auth.download_file":
            try requireLogin(request)
            guard case .string(let filename)? = arguments["filename"], let file = mediaFolder.resolve(decodedSubpath: filename) else {
                throw HTTPFailure(404, detail: "no such file in \(spec.uploads.folder)/")
            }
            var response = try await StaticResponder.respond(with: file, to: request.exchange, context: request.context)
            response.headers[.cacheControl] = "private, no-cache"
            if endpoint == "auth.download_file" {
                response.headers[.contentDisposition] = "attachment; filename=\"\(file.url.lastPathComponent)\""
            }
            return response
        case "admin.index":
            try requireAdmin(request)
            return try render("admin/index.html", request, endpoint: endpoint)
        default:
            return try await adminResponse(endpoint, request: request)
        }
    }

    // MARK: - Access rules (Flask-Login's login_required and fresh_login_required)

    /// Anonymous visitors go to the login page with `next` pointing back here.
    func requireLogin(_ request: SiteRequest) throws {
        guard request.visitor.user == nil else { return }
        request.visitor.session.flash("Please log in to access this page.", category: "message")
        throw RedirectResponse(location: try loginURL(request))
    }

    func requireFreshLogin(_ request: SiteRequest) throws {
        try requireLogin(request)
        guard !request.visitor.isFresh else { return }
        request.visitor.session.flash("Please reauthenticate to access this page.", category: "message")
        throw RedirectResponse(location: try loginURL(request))
    }

    /// Admin pages: anonymous → login, logged in without is_admin or is_superuser → 403.
    func requireAdmin(_ request: SiteRequest) throws {
        try requireLogin(request)
        guard request.visitor.isAdmin else { throw HTTPFailure(403, detail: "admin pages need is_admin or is_superuser") }
    }

    private func loginURL(_ request: SiteRequest) throws -> String {
        let here = request.exchange.request.uri.path + (request.exchange.request.uri.query.map { "?\($0)" } ?? "")
        return try request.url("auth.adminLogin") + "?next=" + PercentEncoding.encodeQueryComponent(here)
    }

    // MARK: - Pages

    private func login(_ request: SiteRequest) async throws -> Response {
        let visitor = request.visitor
        let next = request.form?["next"] ?? request.exchange.queryParameters["next"]
        if visitor.isFresh, request.exchange.method != "POST" {
            return Self.redirect(try afterLogin(next, request))
        }
        var values: [String: Value] = ["next": next.map(Value.string) ?? .none, "username": .string("")]
        if let form = request.form {
            let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = form["password"] ?? ""
            let address = request.exchange.clientAddress
            let keys = ["user:" + username.lowercased(), "address:" + address]
            if let wait = auth.throttle.retryAfter(keys) {
                throw HTTPFailure(429, headers: [("Retry-After", String(wait))], detail: "login throttled for \(username) from \(address)",
                                  reason: "Too many failed logins. Try again in \(wait) seconds.")
            }
            values["username"] = .string(username)
            let user = try await auth.store?.first(Query(model: "User", filters: [.eq("username", .string(username))]))
            let hash = user?["password"]?.displayText ?? ""
            let matches = user == nil ? false : try await PasswordHasher.verify(password, hash: hash)
            if user == nil { try await PasswordHasher.verifyNothing(password) }
            if let user, matches {
                auth.throttle.reset([keys[0]])
                auth.logIn(user, visitor: visitor, exchange: request.exchange, remember: FormFields.isChecked(form["remember"]))
                visitor.session.flash("You are now logged in!", category: "success")
                return Self.redirect(try afterLogin(next, request))
            }
            auth.throttle.recordFailure(keys)
            visitor.session.flash("Login Unsuccessful. Please check username and password", category: "error")
            return try render("admin_login.html", request, endpoint: "auth.adminLogin", values: values, status: .unauthorized)
        }
        return try render("admin_login.html", request, endpoint: "auth.adminLogin", values: values)
    }

    /// A safe `next`, else the admin home.
    private func afterLogin(_ next: String?, _ request: SiteRequest) throws -> String {
        if let next, SafeRedirect.isSafe(next) { return next }
        return try request.url("admin.index")
    }

    private func logout(_ request: SiteRequest) async throws -> Response {
        guard request.form != nil else {
            return try render("admin_logout.html", request, endpoint: "auth.adminLogout")
        }
        auth.logOut(request.visitor)
        request.visitor.session.flash("You logged out!", category: "info")
        return Self.redirect(try request.url("auth.adminLogin"))
    }

    private func register(_ request: SiteRequest) async throws -> Response {
        try requireLogin(request)
        guard let form = request.form else {
            return try render("admin_register.html", request, endpoint: "auth.adminRegister")
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let values: [String: Value] = ["username": .string(username), "email": .string(email)]
        let problems = try await AccountRules.problems(username: username, email: email, password: form["password1"] ?? "",
                                                       confirmation: form["password2"] ?? "", store: auth.store)
        guard problems.isEmpty, let store = auth.store else {
            for problem in problems { request.visitor.session.flash(problem, category: "error") }
            return try render("admin_register.html", request, endpoint: "auth.adminRegister", values: values, status: .unprocessableContent)
        }
        let hash = try await PasswordHasher.hash(form["password1"] ?? "")
        do {
            try await store.insert("User", values: ["username": .string(username), "email": .string(email), "password": .string(hash)])
        } catch {
            // Taken by a concurrent registration since the check above.
            guard case .constraintViolation = error else { throw error }
            request.visitor.session.flash("This username or email has just been taken.", category: "error")
            return try render("admin_register.html", request, endpoint: "auth.adminRegister", values: values, status: .conflict)
        }
        request.visitor.session.flash("Account for \(username) has been created!", category: "info")
        return Self.redirect(try request.url("auth.adminLogin"))
    }

    private func changePassword(_ request: SiteRequest) async throws -> Response {
        try requireFreshLogin(request)
        guard let form = request.form, let user = request.visitor.user, let store = auth.store else {
            return try render("admin_change_password.html", request, endpoint: "auth.adminChangePassword")
        }
        let new = form["password1"] ?? ""
        var problems: [String] = []
        if !(try await PasswordHasher.verify(form["old_password"] ?? "", hash: user["password"]?.displayText ?? "")) {
            problems.append("Cross check your login credentials!")
        }
        problems += AccountRules.passwordProblems(new, confirmation: form["password2"] ?? "")
        guard problems.isEmpty else {
            for problem in problems { request.visitor.session.flash(problem, category: "error") }
            return try render("admin_change_password.html", request, endpoint: "auth.adminChangePassword", status: .unprocessableContent)
        }
        let updated = try await store.update("User", id: user.id, values: ["password": .string(try await PasswordHasher.hash(new))])
        // The new hash changes the user's nonce: every other session and remember cookie stops working;
        // this one carries on, fresh, with the new nonce.
        auth.logIn(updated, visitor: request.visitor, exchange: request.exchange, remember: false)
        request.visitor.rememberChange.withLock { $0 = .clear }
        request.visitor.session.flash("Your password has changed!", category: "success")
        return Self.redirect(try request.url("admin.index"))
    }

    private func changeProfileImage(_ request: SiteRequest) async throws -> Response {
        try requireLogin(request)
        guard let form = request.form, let user = request.visitor.user, let store = auth.store else {
            return try render("admin_change_profile_image.html", request, endpoint: "auth.change_profile_image")
        }
        let upload = ProfileImageUpload(folder: mediaDirectory, allowedExtensions: spec.uploads.allowedExtensions)
        let saved: String
        do {
            saved = try upload.save(form.file("file"))
        } catch {
            request.visitor.session.flash(error.message, category: "error")
            return try render("admin_change_profile_image.html", request, endpoint: "auth.change_profile_image", status: error.status)
        }
        let previous = user["user_img"]?.displayText
        do {
            try await store.update("User", id: user.id, values: ["user_img": .string(saved)])
        } catch {
            upload.remove(saved)
            throw error
        }
        if let previous { upload.remove(previous) }
        request.visitor.session.flash("Your profile image has been updated!", category: "success")
        return Self.redirect(try request.url("auth.change_profile_image"))
    }

    // MARK: - Helpers

    func render(_ template: String, _ request: SiteRequest, endpoint: String, values: [String: Value] = [:],
                status: HTTPResponse.Status = .ok) throws -> Response {
        var context = pageContext(request.exchange, endpoint: endpoint, visitor: request.visitor)
        if request.visitor.isAdmin { context["admin_menu"] = adminMenus[request.exchange.mount] ?? adminMenus[.root] }
        for (key, value) in values { context[key] = value }
        return Self.htmlResponse(try templates.render(template, context: context), status: status, method: request.exchange.method)
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .found, headers: headers)
    }

}

/// A redirect thrown from deep inside a handler (login required), answered as a 302.
struct RedirectResponse: Error {
    let location: String
}
