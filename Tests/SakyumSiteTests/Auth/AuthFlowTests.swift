import Foundation
import SakyumTestSupport
import Testing

/// Project `school` with an admin `ada` (password `lovelace1`) and a non-admin `bob`, compiled in process.
private func schoolProject(on backend: TestBackend = .sqlite, extraYAML: String = "") async throws -> TestProject {
    let school = try TestProject(extraYAML: extraYAML, on: backend)
    try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
    try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
    return school
}

/// The auth pages driven in process (the add-user command and the daemon's log are in EndToEndTests/AuthTests).
@Suite("Users and auth: login, sessions, CSRF, throttling, password change, profile images")
struct AuthFlowTests {
    /// A database sakyum's SQLAlchemy made on PostgreSQL (SakyumStoreTests/Fixtures/sakyum-postgres.sql): the
    /// project opens it as it is and its users log in with the passwords sakyum hashed.
    @Test func usersOfADatabaseSakyumMadeOnPostgreSQLLogIn() async throws {
        let server = try PostgresServer.shared()
        let (name, url) = try server.makeDatabase()
        let dump = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SakyumStoreTests/Fixtures/sakyum-postgres.sql")
        try server.load(dump.path, into: name)
        let school = try TestProject(name: "school") { projects in
            try ProjectFixture.write(name: "school", in: projects)
            try TestProject.setDatabase(url, in: projects.appendingPathComponent("school"))
        }
        let browser = SiteClient(school)
        #expect(try await browser.logIn("backend-developer", "wrong").status == 401)
        let loggedIn = try await browser.logIn("backend-developer", "armstrong69")
        #expect(loggedIn.status == 302 && loggedIn.header("Location") == "/school/admin/")
        #expect(try await browser.get("/school/admin/").status == 200, "an admin in sakyum is one here")
    }

    /// A page's forms share one token (signed once per request, as Flask-WTF keeps `g.csrf_token`), which a POST
    /// accepts; the login's new session secret gives new ones. Under the prefix and by Host, as an admin and as
    /// a user who is not one.
    @Test(arguments: [("/school", "127.0.0.1"), ("", "school.localhost")], [("ada", "lovelace1"), ("bob", "builder1")])
    func theFormsOfAPageShareOneTokenAndLoginRenewsIt(mount: (root: String, host: String), user: (name: String, password: String))
        async throws
    {
        let school = try TestProject(files: ["templates/school/index.html": "[{{ csrf_token() }}][{{ csrf_token() }}]"])
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        let browser = SiteClient(school, host: mount.host)
        func tokens() async throws -> [String] {
            let page = try await browser.get("\(mount.root)/").text
            return page.split(separator: "]").map { String($0.dropFirst()) }
        }
        let anonymous = try await tokens()
        #expect(anonymous.count == 2 && anonymous[0] == anonymous[1] && !anonymous[0].isEmpty, "\(anonymous)")
        #expect(try await browser.logIn(user.name, user.password, prefix: mount.root).status == 302)
        let loggedIn = try await tokens()
        #expect(loggedIn.count == 2 && loggedIn[0] == loggedIn[1], "\(loggedIn)")
        #expect(loggedIn[0] != anonymous[0], "the login gave the session a new secret")
        let out = try await browser.send("POST", "\(mount.root)/admin/logout/", headers: [("X-CSRFToken", loggedIn[1])])
        #expect(out.status == 302, "the reused token is valid")
    }

    @Test(arguments: TestBackend.allCases) func loginSetsAScopedSessionAndOpensTheAdmin(on backend: TestBackend) async throws {
        let school = try await schoolProject(on: backend)
        let browser = SiteClient(school)
        let anonymous = try await browser.get("/school/admin/")
        #expect(anonymous.status == 302)
        #expect(anonymous.header("Location") == "/school/admin/login/?next=/school/admin/")

        let noToken = try await browser.post("/school/admin/login/", [("username", "ada"), ("password", "lovelace1")])
        #expect(noToken.status == 400)
        #expect(noToken.text.contains("The CSRF token is missing."))
        _ = try await browser.csrfToken(on: "/school/admin/login/")
        let forged = try await browser.post("/school/admin/login/", [("username", "ada"), ("password", "lovelace1"), ("csrf_token", "abc.def")])
        #expect(forged.text.contains("The CSRF token is invalid."))

        let wrong = try await browser.logIn("ada", "wrong-password")
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("Login Unsuccessful. Please check username and password"))

        let login = try await browser.logIn("ada", "lovelace1")
        #expect(login.status == 302)
        #expect(login.header("Location") == "/school/admin/")
        let cookie = try #require(browser.setCookies.last { $0.hasPrefix("session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(cookie.contains("Path=/school"))
        #expect(!cookie.contains("Secure"), "plain HTTP")
        let home = try await browser.get("/school/admin/")
        #expect(home.status == 200)
        #expect(home.text.contains("You are now logged in!"))
        #expect(home.text.contains(">ada<"))
        #expect(!(try await browser.get("/school/admin/").text.contains("You are now logged in!")), "a flash shows once")

        // A session cookie altered by one byte is no session at all.
        let tampered = SiteClient(school)
        let original = browser.cookies["session"]!
        let last = original.last == "A" ? "B" : "A"
        tampered.cookies["session"] = String(original.dropLast()) + last
        #expect(try await tampered.get("/school/admin/").status == 302)
    }

    @Test(arguments: TestBackend.allCases) func onlyAdminsReachTheAdminAndLogoutNeedsAPost(on backend: TestBackend) async throws {
        let school = try await schoolProject(on: backend)
        let bob = SiteClient(school)
        try await bob.logIn("bob", "builder1")
        #expect(try await bob.get("/school/admin/").status == 403)
        let confirm = try await bob.get("/school/admin/logout/")
        #expect(confirm.status == 200)
        #expect(confirm.text.contains("You are logged in as <strong>bob</strong>"))
        // The token may come in the X-CSRFToken header instead of the form (for scripts).
        let token = try await bob.csrfToken(on: "/school/admin/logout/")
        let out = try await bob.send("POST", "/school/admin/logout/", headers: [("X-CSRFToken", token)])
        #expect(out.status == 302)
        #expect(out.header("Location") == "/school/admin/login/")
        #expect(try await bob.get("/school/admin/").status == 302)
        #expect(try await bob.get("/login/?next=/x").status == 404, "the /login/ alias lives under the project")
        let alias = try await bob.get("/school/login/?next=/school/x")
        #expect(alias.status == 302)
        #expect(alias.header("Location") == "/school/admin/login/?next=/school/x")
    }

    @Test(arguments: [
        ("/school/exam/", "/school/exam/"),
        ("//evil.example/", "/school/admin/"),
        ("/\\evil.example/", "/school/admin/"),
        ("https://evil.example/", "/school/admin/"),
        ("javascript:alert(1)", "/school/admin/"),
        ("/%2F%2Fevil.example/", "/school/admin/"),
        ("/%5Cevil.example/", "/school/admin/"),
        ("%2F%2Fevil.example", "/school/admin/"),
        ("/%09/evil.example", "/school/admin/"),
    ])
    func nextIsFollowedOnlyWithinTheSite(next: String, expected: String) async throws {
        let school = try await schoolProject()
        let browser = SiteClient(school)
        let login = try await browser.logIn("ada", "lovelace1", next: next)
        #expect(login.status == 302)
        #expect(login.header("Location") == expected)
    }

    @Test(arguments: TestBackend.allCases) func failedLoginsAreThrottledPerUsername(on backend: TestBackend) async throws {
        let school = try await schoolProject(on: backend)
        let attacker = SiteClient(school)
        for _ in 0..<5 {
            #expect(try await attacker.logIn("ada", "guess").status == 401)
        }
        let blocked = try await attacker.logIn("ada", "lovelace1")
        #expect(blocked.status == 429)
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(blocked.text.contains("Too many failed logins"))
        // Another username from the same address is blocked too (the address is over its limit)...
        #expect(try await attacker.logIn("bob", "builder1").status == 429)
    }

    @Test(arguments: TestBackend.allCases) func changingThePasswordEndsEveryOtherSessionAndRememberCookie(on backend: TestBackend) async throws {
        let school = try await schoolProject(on: backend)
        let laptop = SiteClient(school)
        try await laptop.logIn("ada", "lovelace1", remember: true)
        let remember = try #require(laptop.cookies["remember_token"])
        #expect(laptop.setCookies.contains { $0.hasPrefix("remember_token=") && $0.contains("Max-Age=31536000") })

        // A browser with only the remember cookie is logged in, but not freshly: the password page asks again.
        let phone = SiteClient(school)
        phone.cookies["remember_token"] = remember
        #expect(try await phone.get("/school/admin/").status == 200)
        let stale = try await phone.get("/school/admin/change/password/")
        #expect(stale.status == 302)
        #expect(stale.header("Location")?.hasPrefix("/school/admin/login/?next=") == true)

        // Another user agent with the same session cookie: still logged in, not fresh.
        let copied = SiteClient(school)
        copied.cookies = laptop.cookies
        copied.userAgent = "OtherBrowser/2.0"
        #expect(try await copied.get("/school/admin/").status == 200)
        #expect(try await copied.get("/school/admin/change/password/").status == 302)

        let tablet = SiteClient(school)
        try await tablet.logIn("ada", "lovelace1")
        #expect(try await tablet.get("/school/admin/").status == 200)

        let mismatch = try await laptop.post("/school/admin/change/password/",
                                       [("old_password", "lovelace1"), ("password1", "newpass99"), ("password2", "newpass98")],
                                       csrfFrom: "/school/admin/change/password/")
        #expect(mismatch.status == 422)
        #expect(mismatch.text.contains("The two password fields didn&#39;t match"))
        let changed = try await laptop.post("/school/admin/change/password/",
                                      [("old_password", "lovelace1"), ("password1", "newpass99"), ("password2", "newpass99")],
                                      csrfFrom: "/school/admin/change/password/")
        #expect(changed.status == 302)
        #expect(try await laptop.get("/school/admin/").status == 200, "the session that changed it carries on")
        #expect(try await tablet.get("/school/admin/").status == 302, "other sessions end")
        let oldRemember = SiteClient(school)
        oldRemember.cookies["remember_token"] = remember
        #expect(try await oldRemember.get("/school/admin/").status == 302, "old remember cookies die")
        #expect(try await SiteClient(school).logIn("ada", "newpass99").status == 302)
    }

    @Test(arguments: TestBackend.allCases) func profileImagesAreCheckedStoredAndServedToUsersOnly(on backend: TestBackend) async throws {
        // On PostgreSQL (the several-daemons setup) uploads go to an absolute folder the daemons would share.
        let shared = TemporaryFolder("sakyum-shared-media")
        let school = try await schoolProject(on: backend, extraYAML: backend == .postgres ? "uploads: {folder: \(shared.url.path)}" : "")
        let browser = SiteClient(school)
        try await browser.logIn("ada", "lovelace1")
        let media = backend == .postgres ? shared.url : school.directory.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: media.appendingPathComponent("default_img.png"))
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)

        func upload(_ filename: String, _ bytes: Data) async throws -> HTTPReply {
            let token = try await browser.csrfToken(on: "/school/admin/change_profile_image/")
            let boundary = "----sakyumtest"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n".utf8)
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += bytes + Data("\r\n--\(boundary)--\r\n".utf8)
            return try await browser.send("POST", "/school/admin/change_profile_image/",
                                    headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
        }

        let first = try await upload("me.png", png)
        #expect(first.status == 302, "\(first.text.prefix(300))")
        var files = try FileManager.default.contentsOfDirectory(atPath: media.path).filter { $0 != "default_img.png" }
        #expect(files.count == 1)
        let saved = try #require(files.first)
        #expect(saved.hasSuffix(".png") && saved.count == 20)
        let page = try await browser.get("/school/admin/change_profile_image/")
        #expect(page.text.contains("/school/profile_image/\(saved)"))
        let served = try await browser.get("/school/profile_image/\(saved)")
        #expect(served.status == 200)
        #expect(served.body == png)
        let download = try await browser.get("/school/media/\(saved)")
        #expect(download.header("Content-Disposition")?.hasPrefix("attachment") == true)
        #expect(try await SiteClient(school).get("/school/profile_image/\(saved)").status == 302, "login required")
        #expect(try await browser.get("/school/media/..%2Fsecret.key").status == 404)
        #expect(try await browser.get("/school/media/../secret.key").status == 404)

        let fake = try await upload("evil.png", Data("<?php echo 1; ?>".utf8))
        #expect(fake.status == 415)
        #expect(fake.text.contains("not a PNG or JPEG"))
        let wrongExtension = try await upload("me.gif", png)
        #expect(wrongExtension.status == 415)

        let second = try await upload("again.png", png)
        #expect(second.status == 302)
        files = try FileManager.default.contentsOfDirectory(atPath: media.path).filter { $0 != "default_img.png" }
        #expect(files.count == 1 && files[0] != saved, "the previous image is removed")
        #expect(FileManager.default.fileExists(atPath: media.appendingPathComponent("default_img.png").path))
    }

    @Test func oversizedUploadsAre413() async throws {
        let school = try TestProject(extraYAML: "uploads: {max_content_length: 1KiB}")
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let browser = SiteClient(school)
        try await browser.logIn("ada", "lovelace1")
        let big = try await browser.send("POST", "/school/admin/change_profile_image/",
                                   headers: [("Content-Type", "multipart/form-data; boundary=x")], body: Data(repeating: 65, count: 4096))
        #expect(big.status == 413)
    }

    @Test(arguments: TestBackend.allCases) func registeringNeedsALoginAndFollowsTheRules(on backend: TestBackend) async throws {
        let school = try await schoolProject(on: backend)
        #expect(try await SiteClient(school).get("/school/admin/register/").status == 302)
        let browser = SiteClient(school)
        try await browser.logIn("ada", "lovelace1")
        let taken = try await browser.post("/school/admin/register/",
                                     [("username", "bob"), ("email", "new@example.com"), ("password1", "secret12"), ("password2", "secret12")],
                                     csrfFrom: "/school/admin/register/")
        #expect(taken.status == 422)
        #expect(taken.text.contains("This username `bob` has been taken!"))
        #expect(taken.text.contains("value=\"new@example.com\""), "what was typed comes back")
        let created = try await browser.post("/school/admin/register/",
                                       [("username", "<dan>"), ("email", "dan@example.com"), ("password1", "secret12"), ("password2", "secret12")],
                                       csrfFrom: "/school/admin/register/")
        #expect(created.status == 302)
        #expect(created.header("Location") == "/school/admin/login/")
        #expect(try await browser.get("/school/admin/").text.contains("Account for &lt;dan&gt; has been created!"))
        #expect(try await SiteClient(school).logIn("<dan>", "secret12").status == 302)
    }
}
