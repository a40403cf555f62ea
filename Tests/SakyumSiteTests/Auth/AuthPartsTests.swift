import Foundation
import HTTPTypes
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTestSupport
import Testing
@testable import SakyumSite

@Suite struct PasswordHasherTests {
    @Test(arguments: [
        "$2b$04$ZnouiQgCeQwHCKrwa433X.JOeLnzbB5KADJ3dK8J/tGsMiDOdKC4C",
        "$2a$04$AjmskZjnojgOtrY2Iuz/Z.P8f.WA3NGhJPo49WU9iu8GYnXVZ1kU2",
        // PHP's name for the same algorithm: normalised before checking.
        "$2y$04$ZnouiQgCeQwHCKrwa433X.JOeLnzbB5KADJ3dK8J/tGsMiDOdKC4C",
    ])
    func flaskBcryptHashesVerify(hash: String) async throws {
        #expect(try await PasswordHasher.verify("lovelace1", hash: hash))
        #expect(try await !PasswordHasher.verify("lovelace2", hash: hash))
    }

    @Test func unicodePasswordsAndNewHashes() async throws {
        #expect(try await PasswordHasher.verify("pässwörd", hash: "$2b$05$uYYjh1QfYr0WuIe2e.AgcuF6emSpje7WHo73v9xeeRV7NOj5QGI.2"))
        let hash = try await PasswordHasher.hash("correct horse")
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(try await PasswordHasher.verify("correct horse", hash: hash))
        #expect(try await !PasswordHasher.verify("x", hash: "not a hash"))
    }
}

@Suite struct SafeRedirectTests {
    @Test(arguments: ["/", "/admin/", "/school/exam/?page=2", "/a:b", "/caf%C3%A9/"])
    func samesitePathsAreSafe(_ target: String) {
        #expect(SafeRedirect.isSafe(target))
    }

    @Test(arguments: ["", "//evil", "/\\evil", "\\\\evil", "http://evil", "https:evil", "javascript:alert(1)", "evil",
                      "/%2F/evil", "%2F%2Fevil", "/%5Cevil", "/%252F%252Fevil", "/\tx", "/%0D%0ALocation:x", "/%7F", " //evil"])
    func everythingElseIsNot(_ target: String) {
        #expect(!SafeRedirect.isSafe(target))
    }
}

@Suite struct SigningTests {
    let signer = CookieSigner(secret: Array("k".utf8) + Array(repeating: 1, count: 31), purpose: "session")

    @Test func signedValuesOpenAndTamperedOnesDoNot() {
        let value = signer.sign(Array("{\"u\":1}".utf8))
        #expect(signer.open(value) == Array("{\"u\":1}".utf8))
        #expect(signer.open(value.dropLast() + "x") == nil)
        #expect(signer.open("x" + value) == nil)
        #expect(signer.open("nodot") == nil)
        #expect(signer.open(String(value.dropLast(2))) == nil, "a shortened MAC")
        #expect(signer.open(value + "AA") == nil, "a lengthened MAC")
        #expect(signer.sign(Array("{\"u\":1}".utf8)) == value, "one key, one signature: each use starts from the keyed state")
        #expect(signer.digest("x") == signer.digest("x") && signer.digest("x") != signer.digest("y"))
        let other = CookieSigner(secret: Array("k".utf8) + Array(repeating: 1, count: 31), purpose: "remember")
        #expect(other.open(value) == nil, "a session cookie is not a remember cookie")
    }

    @Test func base64URLFollowsRFC4648WithoutPadding() {
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (text, encoded) in vectors {
            #expect(Base64URL.encode(Array(text.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(text.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_", "the URL alphabet")
    }

    @Test func cookieHeadersSplitIntoTrimmedPairs() {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .cookie, value: "session=abc; \ttheme = dark=blue ;flag;=empty;  session=second  "))
        headers.append(HTTPField(name: .cookie, value: "café=é"))
        let jar = CookieJar(headers)
        #expect(jar.values(named: "session") == ["abc", "second"])
        #expect(jar.values(named: "theme") == ["dark=blue"])
        #expect(jar.values(named: "flag").isEmpty, "a piece without = is no cookie")
        #expect(jar.values(named: "") == ["empty"])
        #expect(jar.values(named: "café") == ["é"])
    }

    @Test func csrfTokensAreBoundToTheSessionAndExpire() throws {
        let tokens = CSRFTokens(signer: signer)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = tokens.token(sessionSecret: "abc", now: now)
        try tokens.check(token, sessionSecret: "abc", now: now.addingTimeInterval(3599))
        #expect(throws: CSRFTokens.Failure.expired) { try tokens.check(token, sessionSecret: "abc", now: now.addingTimeInterval(3601)) }
        #expect(throws: CSRFTokens.Failure.invalid) { try tokens.check(token, sessionSecret: "abd", now: now) }
        #expect(throws: CSRFTokens.Failure.missing) { try tokens.check(nil, sessionSecret: "abc", now: now) }
        #expect(throws: CSRFTokens.Failure.sessionMissing) { try tokens.check(token, sessionSecret: nil, now: now) }
        #expect(throws: CSRFTokens.Failure.invalid) { try tokens.check("garbage", sessionSecret: "abc", now: now) }
    }

    @Test(arguments: TestBackend.allCases) func theThrottleCountsInAWindowAndResets(on backend: TestBackend) async throws {
        let school = try TestProject(on: backend)
        let throttle = LoginThrottle(failures: LoginFailures(database: school.database), limit: 2, window: .seconds(60))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await throttle.recordFailure(["user:ada"], now: start)
        #expect(try await throttle.retryAfter(["user:ada"], now: start) == nil)
        try await throttle.recordFailure(["user:ada"], now: start + 10)
        #expect(try await throttle.retryAfter(["user:ada"], now: start + 11) == 49)
        #expect(try await throttle.retryAfter(["user:bob", "address:127.0.0.1"], now: start + 11) == nil, "other keys are not counted")
        #expect(try await throttle.retryAfter(["user:ada"], now: start + 61) == nil, "the first failure left the window")
        try await throttle.recordFailure(["user:ada"], now: start + 62)
        try await throttle.reset(["user:ada"])
        #expect(try await throttle.retryAfter(["user:ada"], now: start + 63) == nil)
        // Every daemon on the database sees the same failures: a second connection pool over it counts them too.
        try await throttle.recordFailure(["user:ada"], now: start + 64)
        try await throttle.recordFailure(["user:ada"], now: start + 65)
        let secondPool = switch backend {
        case .sqlite: try StoreDatabase(path: school.database.path)
        case .postgres: try StoreDatabase(postgres: try PostgresLocation(url: school.database.path), password: nil)
        }
        let other = LoginThrottle(failures: LoginFailures(database: secondPool), limit: 2, window: .seconds(60))
        #expect(try await other.retryAfter(["user:ada"], now: start + 66) == 58)
    }
}

@Suite struct FormFieldsTests {
    @Test func urlEncodedFormsDecodeLikeWerkzeug() {
        let form = FormFields(urlEncoded: "a=1&b=x+y%21&a=2&empty=&flag&caf%C3%A9=%E2%9C%93")
        #expect(form["a"] == "1")
        #expect(form["b"] == "x y!")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["café"] == "✓")
        #expect(form["missing"] == nil)
    }

    @Test func multipartFormsCarryFieldsAndFiles() throws {
        let body = "--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n--b--\r\n"
        let form = try FormFields(body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=b")
        #expect(form["csrf_token"] == "tok")
        let file = try #require(form.file("file"))
        #expect(file.filename == "a.png")
        #expect(String(buffer: file.data) == "PNGDATA")
        #expect(throws: HTTPFailure.self) { try FormFields(body: ByteBuffer(string: "x"), contentType: "multipart/form-data") }
        #expect(throws: HTTPFailure.self) { try FormFields(body: ByteBuffer(string: "{}"), contentType: "application/json") }
    }

    @Test func accountRulesAreSakyums() {
        #expect(AccountRules.shapeProblems(username: "ada", email: "ada@example.com").isEmpty)
        #expect(AccountRules.shapeProblems(username: "ad", email: "ada@example.com") == ["Username must be between 3 and 20 characters"])
        for email in ["ada", "ada@", "@example.com", "ada@example", "ada@exa mple.com", "ada@example..com", "a@b@c.com"] {
            #expect(!AccountRules.isValidEmail(email), "\(email)")
        }
        #expect(AccountRules.passwordProblems("12345", confirmation: "12345") == ["Password must be not less than 6 character"])
        #expect(AccountRules.passwordProblems("123456", confirmation: "123457") == ["The two password fields didn't match"])
    }
}
