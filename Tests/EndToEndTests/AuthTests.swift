import Foundation
import Testing

/// A daemon serving project `school` with an admin `ada` (password `lovelace1`) and a non-admin `bob`.
private func schoolDaemon() throws -> TestDaemon {
    let daemon = try TestDaemon { try ProjectFixture.write(name: "school", in: $0) }
    let ada = try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1")
    guard ada.status == 0 else { throw TestFailure("add-user failed: \(ada.stderr)") }
    let bob = try daemon.ctl("add-user", "school", "-u", "bob", "-e", "bob@example.com", "-p", "builder1", "--no-admin")
    guard bob.status == 0 else { throw TestFailure("add-user failed: \(bob.stderr)") }
    return daemon
}

@Suite("Users and auth: add-user, login, sessions, CSRF, throttling, password change, profile images")
struct AuthTests {
    @Test func addUserFollowsSakyumsRulesAndNeverLogsThePassword() throws {
        let daemon = try schoolDaemon()
        let created = try daemon.ctl("add-user", "school", "-u", "carol", "-e", "carol@example.com", "-p", "s3cret-pw")
        #expect(created.status == 0)
        #expect(created.stdout.contains("created admin user carol in school"))
        for (arguments, message) in [
            (["-u", "ada", "-e", "other@example.com", "-p", "whatever1"], "This username `ada` has been taken!"),
            (["-u", "dora", "-e", "ada@example.com", "-p", "whatever1"], "This email `ada@example.com` is taken"),
            (["-u", "ed", "-e", "ed@example.com", "-p", "whatever1"], "Username must be between 3 and 20 characters"),
            (["-u", String(repeating: "x", count: 21), "-e", "x@example.com", "-p", "whatever1"], "between 3 and 20"),
            (["-u", "fred", "-e", "fred@example", "-p", "whatever1"], "Please use a valid email"),
            (["-u", "gina", "-e", "gina@example.com", "-p", "12345"], "Password must be not less than 6 character"),
        ] {
            let refused = try daemon.ctl(["add-user", "school"] + arguments)
            #expect(refused.status != 0, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        let noTerminal = try daemon.ctl("add-user", "school", "-u", "hank", "-e", "hank@example.com")
        #expect(noTerminal.status != 0)
        #expect(noTerminal.stderr.contains("give -p/--password: there is no terminal to ask on"))
        let unknown = try daemon.ctl("add-user", "nope", "-u", "ivan", "-e", "ivan@example.com", "-p", "whatever1")
        #expect(unknown.stderr.contains("there is no project 'nope'"))
        #expect(!daemon.log.contains("s3cret-pw"))
        #expect(!daemon.log.contains("lovelace1"))
    }

    @Test func loginSetsAScopedSessionAndOpensTheAdmin() throws {
        let daemon = try schoolDaemon()
        let browser = Browser(daemon)
        let anonymous = try browser.get("/school/admin/")
        #expect(anonymous.status == 302)
        #expect(anonymous.header("Location") == "/school/admin/login/?next=/school/admin/")

        let noToken = try browser.post("/school/admin/login/", [("username", "ada"), ("password", "lovelace1")])
        #expect(noToken.status == 400)
        #expect(noToken.text.contains("The CSRF token is missing."))
        _ = try browser.csrfToken(on: "/school/admin/login/")
        let forged = try browser.post("/school/admin/login/", [("username", "ada"), ("password", "lovelace1"), ("csrf_token", "abc.def")])
        #expect(forged.text.contains("The CSRF token is invalid."))

        let wrong = try browser.logIn("ada", "wrong-password")
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("Login Unsuccessful. Please check username and password"))

        let login = try browser.logIn("ada", "lovelace1")
        #expect(login.status == 302)
        #expect(login.header("Location") == "/school/admin/")
        let cookie = try #require(browser.setCookies.last { $0.hasPrefix("session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(cookie.contains("Path=/school"))
        #expect(!cookie.contains("Secure"), "plain HTTP")
        let home = try browser.get("/school/admin/")
        #expect(home.status == 200)
        #expect(home.text.contains("You are now logged in!"))
        #expect(home.text.contains(">ada<"))
        #expect(!(try browser.get("/school/admin/").text.contains("You are now logged in!")), "a flash shows once")

        // A session cookie altered by one byte is no session at all.
        let tampered = Browser(daemon)
        let original = browser.cookies["session"]!
        let last = original.last == "A" ? "B" : "A"
        tampered.cookies["session"] = String(original.dropLast()) + last
        #expect(try tampered.get("/school/admin/").status == 302)
    }

    @Test func onlyAdminsReachTheAdminAndLogoutNeedsAPost() throws {
        let daemon = try schoolDaemon()
        let bob = Browser(daemon)
        try bob.logIn("bob", "builder1")
        #expect(try bob.get("/school/admin/").status == 403)
        let confirm = try bob.get("/school/admin/logout/")
        #expect(confirm.status == 200)
        #expect(confirm.text.contains("You are logged in as <strong>bob</strong>"))
        // The token may come in the X-CSRFToken header instead of the form (for scripts).
        let token = try bob.csrfToken(on: "/school/admin/logout/")
        let out = try bob.send("POST", "/school/admin/logout/", headers: [("X-CSRFToken", token)])
        #expect(out.status == 302)
        #expect(out.header("Location") == "/school/admin/login/")
        #expect(try bob.get("/school/admin/").status == 302)
        #expect(try bob.get("/login/?next=/x").status == 404, "the /login/ alias lives under the project")
        let alias = try bob.get("/school/login/?next=/school/x")
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
    func nextIsFollowedOnlyWithinTheSite(next: String, expected: String) throws {
        let daemon = try schoolDaemon()
        let browser = Browser(daemon)
        let login = try browser.logIn("ada", "lovelace1", next: next)
        #expect(login.status == 302)
        #expect(login.header("Location") == expected)
    }

    @Test func failedLoginsAreThrottledPerUsername() throws {
        let daemon = try schoolDaemon()
        let attacker = Browser(daemon)
        for _ in 0..<5 {
            #expect(try attacker.logIn("ada", "guess").status == 401)
        }
        let blocked = try attacker.logIn("ada", "lovelace1")
        #expect(blocked.status == 429)
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(blocked.text.contains("Too many failed logins"))
        // Another username from the same address is blocked too (the address is over its limit)...
        #expect(try attacker.logIn("bob", "builder1").status == 429)
    }

    @Test func changingThePasswordEndsEveryOtherSessionAndRememberCookie() throws {
        let daemon = try schoolDaemon()
        let laptop = Browser(daemon)
        try laptop.logIn("ada", "lovelace1", remember: true)
        let remember = try #require(laptop.cookies["remember_token"])
        #expect(laptop.setCookies.contains { $0.hasPrefix("remember_token=") && $0.contains("Max-Age=31536000") })

        // A browser with only the remember cookie is logged in, but not freshly: the password page asks again.
        let phone = Browser(daemon)
        phone.cookies["remember_token"] = remember
        #expect(try phone.get("/school/admin/").status == 200)
        let stale = try phone.get("/school/admin/change/password/")
        #expect(stale.status == 302)
        #expect(stale.header("Location")?.hasPrefix("/school/admin/login/?next=") == true)

        // Another user agent with the same session cookie: still logged in, not fresh.
        let copied = Browser(daemon)
        copied.cookies = laptop.cookies
        copied.userAgent = "OtherBrowser/2.0"
        #expect(try copied.get("/school/admin/").status == 200)
        #expect(try copied.get("/school/admin/change/password/").status == 302)

        let tablet = Browser(daemon)
        try tablet.logIn("ada", "lovelace1")
        #expect(try tablet.get("/school/admin/").status == 200)

        let mismatch = try laptop.post("/school/admin/change/password/",
                                       [("old_password", "lovelace1"), ("password1", "newpass99"), ("password2", "newpass98")],
                                       csrfFrom: "/school/admin/change/password/")
        #expect(mismatch.status == 422)
        #expect(mismatch.text.contains("The two password fields didn&#39;t match"))
        let changed = try laptop.post("/school/admin/change/password/",
                                      [("old_password", "lovelace1"), ("password1", "newpass99"), ("password2", "newpass99")],
                                      csrfFrom: "/school/admin/change/password/")
        #expect(changed.status == 302)
        #expect(try laptop.get("/school/admin/").status == 200, "the session that changed it carries on")
        #expect(try tablet.get("/school/admin/").status == 302, "other sessions end")
        let oldRemember = Browser(daemon)
        oldRemember.cookies["remember_token"] = remember
        #expect(try oldRemember.get("/school/admin/").status == 302, "old remember cookies die")
        #expect(try Browser(daemon).logIn("ada", "newpass99").status == 302)
    }

    @Test func profileImagesAreCheckedStoredAndServedToUsersOnly() throws {
        let daemon = try schoolDaemon()
        let browser = Browser(daemon)
        try browser.logIn("ada", "lovelace1")
        let media = daemon.projects.appendingPathComponent("school/media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: media.appendingPathComponent("default_img.png"))
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)

        func upload(_ filename: String, _ bytes: Data) throws -> HTTPReply {
            let token = try browser.csrfToken(on: "/school/admin/change_profile_image/")
            let boundary = "----sakyumtest"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n".utf8)
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += bytes + Data("\r\n--\(boundary)--\r\n".utf8)
            return try browser.send("POST", "/school/admin/change_profile_image/",
                                    headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
        }

        let first = try upload("me.png", png)
        #expect(first.status == 302, "\(first.text.prefix(300))")
        var files = try FileManager.default.contentsOfDirectory(atPath: media.path).filter { $0 != "default_img.png" }
        #expect(files.count == 1)
        let saved = try #require(files.first)
        #expect(saved.hasSuffix(".png") && saved.count == 20)
        let page = try browser.get("/school/admin/change_profile_image/")
        #expect(page.text.contains("/school/profile_image/\(saved)"))
        let served = try browser.get("/school/profile_image/\(saved)")
        #expect(served.status == 200)
        #expect(served.body == png)
        let download = try browser.get("/school/media/\(saved)")
        #expect(download.header("Content-Disposition")?.hasPrefix("attachment") == true)
        #expect(try Browser(daemon).get("/school/profile_image/\(saved)").status == 302, "login required")
        #expect(try browser.get("/school/media/..%2Fsecret.key").status == 404)
        #expect(try browser.get("/school/media/../secret.key").status == 404)

        let fake = try upload("evil.png", Data("<?php echo 1; ?>".utf8))
        #expect(fake.status == 415)
        #expect(fake.text.contains("not a PNG or JPEG"))
        let wrongExtension = try upload("me.gif", png)
        #expect(wrongExtension.status == 415)

        let second = try upload("again.png", png)
        #expect(second.status == 302)
        files = try FileManager.default.contentsOfDirectory(atPath: media.path).filter { $0 != "default_img.png" }
        #expect(files.count == 1 && files[0] != saved, "the previous image is removed")
        #expect(FileManager.default.fileExists(atPath: media.appendingPathComponent("default_img.png").path))
    }

    @Test func oversizedUploadsAre413() throws {
        let daemon = try TestDaemon {
            try ProjectFixture.write(name: "school", in: $0, extraYAML: "uploads: {max_content_length: 1KiB}")
        }
        #expect(try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)
        let browser = Browser(daemon)
        try browser.logIn("ada", "lovelace1")
        let big = try browser.send("POST", "/school/admin/change_profile_image/",
                                   headers: [("Content-Type", "multipart/form-data; boundary=x")], body: Data(repeating: 65, count: 4096))
        #expect(big.status == 413)
    }

    @Test func registeringNeedsALoginAndFollowsTheRules() throws {
        let daemon = try schoolDaemon()
        #expect(try Browser(daemon).get("/school/admin/register/").status == 302)
        let browser = Browser(daemon)
        try browser.logIn("ada", "lovelace1")
        let taken = try browser.post("/school/admin/register/",
                                     [("username", "bob"), ("email", "new@example.com"), ("password1", "secret12"), ("password2", "secret12")],
                                     csrfFrom: "/school/admin/register/")
        #expect(taken.status == 422)
        #expect(taken.text.contains("This username `bob` has been taken!"))
        #expect(taken.text.contains("value=\"new@example.com\""), "what was typed comes back")
        let created = try browser.post("/school/admin/register/",
                                       [("username", "<dan>"), ("email", "dan@example.com"), ("password1", "secret12"), ("password2", "secret12")],
                                       csrfFrom: "/school/admin/register/")
        #expect(created.status == 302)
        #expect(created.header("Location") == "/school/admin/login/")
        #expect(try browser.get("/school/admin/").text.contains("Account for &lt;dan&gt; has been created!"))
        #expect(try Browser(daemon).logIn("<dan>", "secret12").status == 302)
    }
}
