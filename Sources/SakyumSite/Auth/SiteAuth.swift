import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import Logging
import SakyumSpec
import SakyumStore

/// A Site's sessions, remember cookies, CSRF tokens and login throttle, keyed by the project's secret.key.
struct SiteAuth: Sendable {
    static let sessionCookie = "session"
    static let rememberCookie = "remember_token"
    /// Flask-Login's default: a year.
    static let rememberDuration: TimeInterval = 365 * 24 * 3600
    static let csrfHeader = HTTPField.Name("X-CSRFToken")!

    let sessions: CookieSigner
    let remembers: CookieSigner
    let nonces: CookieSigner
    let csrf: CSRFTokens
    /// Nil without a database, where no login can succeed anyway.
    let throttle: LoginThrottle?
    let store: Store?

    init(secret: [UInt8], store: Store?) {
        sessions = CookieSigner(secret: secret, purpose: "session")
        remembers = CookieSigner(secret: secret, purpose: "remember")
        nonces = CookieSigner(secret: secret, purpose: "nonce")
        csrf = CSRFTokens(signer: CookieSigner(secret: secret, purpose: "csrf"))
        self.throttle = store.map { LoginThrottle(failures: LoginFailures(database: $0.database)) }
        self.store = store
    }

    /// Changes whenever the password does (it is derived from the salted hash): sessions and remember
    /// cookies carry it, so changing the password ends every other one.
    func nonce(of user: Record) -> String {
        nonces.digest(user["password"]?.displayText ?? "")
    }

    func agentDigest(_ request: Request) -> String {
        nonces.digest("agent:" + (request.headers[.userAgent] ?? ""))
    }

    /// The session from the cookie and the user it names, if that user still exists with the same password;
    /// else the remember cookie's user (a session that is not fresh).
    func visitor(for request: Request) async throws -> Visitor {
        let cookies = CookieJar(request.headers)
        var state = cookies.values(named: Self.sessionCookie).lazy.compactMap { sessions.open($0).flatMap(SessionState.init(payload:)) }
            .first ?? SessionState()
        let original = state
        var user: Record?
        if let id = state.userID {
            if let found = try await loadUser(id), nonce(of: found) == state.nonce {
                user = found
                if state.agent != agentDigest(request) { state.fresh = false }
            } else {
                state.userID = nil
                state.nonce = nil
                state.fresh = false
            }
        }
        var clearRemember = false
        if user == nil, let remembered = cookies.values(named: Self.rememberCookie).first {
            if let (id, nonce) = openRemember(remembered), let found = try await loadUser(id), self.nonce(of: found) == nonce {
                user = found
                state.userID = id
                state.nonce = nonce
                state.fresh = false
                state.agent = agentDigest(request)
            } else {
                clearRemember = true
            }
        }
        let session = RequestSession(original)
        session.update { $0 = state }
        let visitor = Visitor(session: session, user: user)
        if clearRemember { visitor.rememberChange.withLock { $0 = .clear } }
        return visitor
    }

    func logIn(_ user: Record, visitor: Visitor, request: SiteRequest, remember: Bool) {
        visitor.session.update { state in
            state.userID = user.id.integerValue
            state.nonce = nonce(of: user)
            state.fresh = true
            state.agent = agentDigest(request.http)
            // A new CSRF secret: tokens from before the login (session fixation) stop working.
            state.csrf = CSRFTokens.newSecret()
        }
        if remember, let id = user.id.integerValue {
            let expires = Int(Date().timeIntervalSince1970 + Self.rememberDuration)
            let value = remembers.sign(Array("\(id)|\(nonce(of: user))|\(expires)".utf8))
            visitor.rememberChange.withLock { $0 = .set(value) }
        }
    }

    func logOut(_ visitor: Visitor) {
        visitor.session.update { state in
            let flashes = state.flashes
            state = SessionState()
            state.flashes = flashes
        }
        visitor.rememberChange.withLock { $0 = .clear }
    }

    /// The CSRF token for forms; makes the session's secret on first use.
    func csrfToken(_ visitor: Visitor) -> String {
        let secret = visitor.session.update { state in
            if state.csrf == nil { state.csrf = CSRFTokens.newSecret() }
            return state.csrf!
        }
        return visitor.signedCSRFToken.withLock { signed in
            if let signed, signed.secret == secret { return signed.token }
            let token = csrf.token(sessionSecret: secret)
            signed = (secret, token)
            return token
        }
    }

    /// Refuses a state-changing request without a valid token (form field `csrf_token` or header `X-CSRFToken`).
    func checkCSRF(_ request: Request, form: FormFields, visitor: Visitor) throws(HTTPFailure) {
        let token = form["csrf_token"] ?? request.headers[Self.csrfHeader]
        do {
            try csrf.check(token, sessionSecret: visitor.session.state.csrf)
        } catch {
            throw HTTPFailure(.badRequest, detail: "CSRF: \(error.rawValue)", reason: error.rawValue)
        }
    }

    /// Writes the session and remember cookies the request changed, scoped to the project's mount.
    func finish(_ response: inout Response, request: SiteRequest) {
        let visitor = request.visitor
        let secure = request.isSecure
        let path = request.mount.scriptRoot.isEmpty ? "/" : request.mount.scriptRoot
        if visitor.session.isModified {
            let state = visitor.session.state
            if state.isEmpty {
                response.setCookie(Self.expired(Self.sessionCookie, path: path, secure: secure))
            } else if let json = try? JSONEncoder().encode(state) {
                response.setCookie(Cookie(name: Self.sessionCookie, value: sessions.sign(Array(json)), path: path,
                                          secure: secure, httpOnly: true, sameSite: .lax))
            }
            response.headers[.cacheControl] = "private, no-store"
            response.headers[.vary] = "Cookie"
        }
        switch visitor.rememberChange.withLock({ $0 }) {
        case .keep:
            break
        case .set(let value):
            response.setCookie(Cookie(name: Self.rememberCookie, value: value, maxAge: Int(Self.rememberDuration), path: path,
                                      secure: secure, httpOnly: true, sameSite: .lax))
        case .clear:
            response.setCookie(Self.expired(Self.rememberCookie, path: path, secure: secure))
        }
    }

    private static func expired(_ name: String, path: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: path,
               secure: secure, httpOnly: true, sameSite: .lax)
    }

    private func openRemember(_ value: String) -> (Int, String)? {
        guard let payload = remembers.open(value) else { return nil }
        let parts = String(decoding: payload, as: UTF8.self).split(separator: "|")
        guard parts.count == 3, let id = Int(parts[0]), let expires = TimeInterval(parts[2]),
              expires > Date().timeIntervalSince1970 else { return nil }
        return (id, String(parts[1]))
    }

    func loadUser(_ id: Int) async throws -> Record? {
        guard let store else { return nil }
        return try await store.get("User", id: .integer(id))
    }
}

extension FieldValue {
    var integerValue: Int? {
        if case .integer(let value) = self { value } else { nil }
    }
}
