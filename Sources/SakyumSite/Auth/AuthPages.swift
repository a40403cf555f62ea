import Synchronization
import Foundation
import HTTPTypes
import Hummingbird
import SakyumStore
import SakyumTemplates

/// The built-in `auth` blueprint: log in and out, register, change the password and the profile image,
/// and the uploads served to logged-in users.
struct AuthPages: Sendable {
    let pages: PageRenderer
    let auth: SiteAuth
    /// Uploads (project.yaml `uploads.folder`, media/ by default), served to logged-in users only.
    let media: StaticFileFolder
    let mediaFolderName: String
    let allowedExtensions: [String]
    /// Where a user who is not an admin goes after logging in without a `next` (`auth.home`, else
    /// `base.index`); nil: the site's root.
    let userHome: String?
    /// For the metrics' `project` label.
    let projectName: String

    func respond(_ page: AuthPage, to request: SiteRequest) async throws -> Response {
        switch page {
        case .adminLogin: return try await login(request)
        case .login:
            let query = request.http.uri.query.map { "?\($0)" } ?? ""
            return .redirect(try request.url(AuthPage.adminLogin.endpoint) + query)
        case .adminLogout: return try await logout(request)
        case .adminRegister: return try await register(request)
        case .adminChangePassword: return try await changePassword(request)
        case .changeProfileImage: return try await changeProfileImage(request)
        case .profileImage, .downloadFile:
            try request.requireLogin()
            guard case .string(let filename)? = request.arguments["filename"], let file = media.resolve(decodedSubpath: filename) else {
                throw HTTPFailure(.notFound, detail: "no such file in \(mediaFolderName)/")
            }
            var response = try await StaticResponder.respond(with: file, to: request)
            response.headers[.cacheControl] = "private, no-cache"
            if page == .downloadFile {
                response.headers[.contentDisposition] = "attachment; filename=\"\(file.url.lastPathComponent)\""
            }
            return response
        }
    }

    private func login(_ request: SiteRequest) async throws -> Response {
        let visitor = request.visitor
        let next = request.form?["next"] ?? request.queryParameters["next"]
        if visitor.isFresh, request.method != .post, let user = visitor.user {
            return .redirect(try afterLogin(next, request, user: user))
        }
        var values: [String: Value] = ["next": next.map(Value.string) ?? .none, "username": .string("")]
        if let form = request.form {
            let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = form["password"] ?? ""
            let address = request.clientAddress
            let keys = ["user:" + username.lowercased(), "address:" + address]
            if let wait = try await auth.throttle?.retryAfter(keys) {
                SiteMetrics.throttledLogin(project: projectName)
                throw HTTPFailure(.tooManyRequests, headers: [.retryAfter: String(wait)], detail: "login throttled for \(username) from \(address)",
                                  reason: "Too many failed logins. Try again in \(wait) seconds.")
            }
            values["username"] = .string(username)
            let user = try await auth.store?.first(Query(model: "User", filters: [.eq("username", .string(username))]))
            let hash = user?["password"]?.displayText ?? ""
            let matches = user == nil ? false : try await PasswordHasher.verify(password, hash: hash)
            if user == nil { try await PasswordHasher.verifyNothing(password) }
            if let user, matches {
                try await auth.throttle?.reset([keys[0]])
                auth.logIn(user, visitor: visitor, request: request, remember: FormFields.isChecked(form["remember"]))
                visitor.session.flash("You are now logged in!", category: "success")
                return .redirect(try afterLogin(next, request, user: user))
            }
            try await auth.throttle?.recordFailure(keys)
            visitor.session.flash("Login Unsuccessful. Please check username and password", category: "error")
            return try pages.render("admin_login.html", request, values: values, status: .unauthorized)
        }
        return try pages.render("admin_login.html", request, values: values)
    }

    /// A safe `next`, else the user's home.
    private func afterLogin(_ next: String?, _ request: SiteRequest, user: Record) throws -> String {
        if let next, SafeRedirect.isSafe(next) { return next }
        return try home(of: user, request)
    }

    /// The admin's home for admins; for anyone else `auth.home`, the project's home page, or the site's root.
    private func home(of user: Record, _ request: SiteRequest) throws -> String {
        if Visitor.isAdmin(user) { return try request.url(AuthPage.adminHome.endpoint) }
        return try userHome.map { try request.url($0) } ?? request.mount.scriptRoot + "/"
    }

    private func logout(_ request: SiteRequest) async throws -> Response {
        guard request.form != nil else {
            return try pages.render("admin_logout.html", request)
        }
        auth.logOut(request.visitor)
        request.visitor.session.flash("You logged out!", category: "info")
        return .redirect(try request.url(AuthPage.adminLogin.endpoint))
    }

    private func register(_ request: SiteRequest) async throws -> Response {
        try request.requireLogin()
        guard let form = request.form else {
            return try pages.render("admin_register.html", request)
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let values: [String: Value] = ["username": .string(username), "email": .string(email)]
        let problems = try await AccountRules.problems(username: username, email: email, password: form["password1"] ?? "",
                                                       confirmation: form["password2"] ?? "", store: auth.store)
        guard problems.isEmpty, let store = auth.store else {
            for problem in problems { request.visitor.session.flash(problem, category: "error") }
            return try pages.render("admin_register.html", request, values: values, status: .unprocessableContent)
        }
        let hash = try await PasswordHasher.hash(form["password1"] ?? "")
        do {
            try await store.insert("User", values: ["username": .string(username), "email": .string(email), "password": .string(hash)])
        } catch {
            // Taken by a concurrent registration since the check above.
            guard case .constraintViolation = error else { throw error }
            request.visitor.session.flash("This username or email has just been taken.", category: "error")
            return try pages.render("admin_register.html", request, values: values, status: .conflict)
        }
        request.visitor.session.flash("Account for \(username) has been created!", category: "info")
        return .redirect(try request.url(AuthPage.adminLogin.endpoint))
    }

    private func changePassword(_ request: SiteRequest) async throws -> Response {
        try request.requireFreshLogin()
        guard let form = request.form, let user = request.visitor.user, let store = auth.store else {
            return try pages.render("admin_change_password.html", request)
        }
        let new = form["password1"] ?? ""
        var problems: [String] = []
        if !(try await PasswordHasher.verify(form["old_password"] ?? "", hash: user["password"]?.displayText ?? "")) {
            problems.append("Cross check your login credentials!")
        }
        problems += AccountRules.passwordProblems(new, confirmation: form["password2"] ?? "")
        guard problems.isEmpty else {
            for problem in problems { request.visitor.session.flash(problem, category: "error") }
            return try pages.render("admin_change_password.html", request, status: .unprocessableContent)
        }
        let updated = try await store.update("User", id: user.id, values: ["password": .string(try await PasswordHasher.hash(new))])
        // The new hash changes the user's nonce: every other session and remember cookie stops working;
        // this one carries on, fresh, with the new nonce.
        auth.logIn(updated, visitor: request.visitor, request: request, remember: false)
        request.visitor.rememberChange.withLock { $0 = .clear }
        request.visitor.session.flash("Your password has changed!", category: "success")
        return .redirect(try home(of: updated, request))
    }

    private func changeProfileImage(_ request: SiteRequest) async throws -> Response {
        try request.requireLogin()
        guard let form = request.form, let user = request.visitor.user, let store = auth.store else {
            return try pages.render("admin_change_profile_image.html", request)
        }
        let upload = MediaUpload(folder: media.root, allowedExtensions: allowedExtensions, maxBytes: .max, imagesOnly: true)
        let saved: String
        do {
            saved = try upload.save(form.file("file"))
        } catch {
            request.visitor.session.flash(error.message, category: "error")
            return try pages.render("admin_change_profile_image.html", request, status: error.status)
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
        return .redirect(try request.url(AuthPage.changeProfileImage.endpoint))
    }
}
