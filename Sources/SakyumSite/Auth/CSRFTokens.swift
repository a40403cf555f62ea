import Foundation

/// Flask-WTF's CSRF protection: a token bound to the session's secret, signed with the project's key,
/// valid for an hour. Sent back in the form field `csrf_token` or the `X-CSRFToken` header.
struct CSRFTokens: Sendable {
    static let lifetime: TimeInterval = 3600
    let signer: CookieSigner

    /// Why a token was refused, in Flask-WTF's words (shown on the 400 page).
    enum Failure: String, Error {
        case missing = "The CSRF token is missing."
        case sessionMissing = "The CSRF session token is missing."
        case expired = "The CSRF token has expired."
        case invalid = "The CSRF token is invalid."
    }

    func token(sessionSecret: String, now: Date = Date()) -> String {
        signer.sign(Array("\(Int(now.timeIntervalSince1970)):\(sessionSecret)".utf8))
    }

    func check(_ token: String?, sessionSecret: String?, now: Date = Date()) throws(Failure) {
        guard let token, !token.isEmpty else { throw .missing }
        guard let sessionSecret else { throw .sessionMissing }
        guard let payload = signer.open(token) else { throw .invalid }
        let text = String(decoding: payload, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":"), let issued = TimeInterval(text[..<colon]) else { throw .invalid }
        guard text[text.index(after: colon)...] == sessionSecret else { throw .invalid }
        guard now.timeIntervalSince1970 - issued <= Self.lifetime else { throw .expired }
    }

    /// A new random session secret (32 bytes, hex).
    static func newSecret() -> String {
        RandomHex.make(bytes: 32)
    }
}
