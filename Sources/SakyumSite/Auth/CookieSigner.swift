import Crypto
import Foundation

/// Signs cookie values with HMAC-SHA256 under a key derived from the project's secret.key and a purpose,
/// so a session cookie can never be replayed as a remember cookie or a CSRF token (itsdangerous' salts).
struct CookieSigner: Sendable {
    // Raw bytes: swift-crypto's SymmetricKey is not Sendable; making one per use is cheap.
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    init(secret: [UInt8], purpose: String) {
        keyBytes = Array(HMAC<SHA256>.authenticationCode(for: Array("sakyum.\(purpose)".utf8), using: SymmetricKey(data: secret)))
    }

    /// `base64url(payload).base64url(mac)`.
    func sign(_ payload: [UInt8]) -> String {
        Base64URL.encode(payload) + "." + Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: payload, using: key)))
    }

    /// The payload of a value `sign` made with the same key; nil for anything else (checked in constant time).
    func open(_ value: some StringProtocol) -> [UInt8]? {
        guard let (payload, mac) = Base64URL.signedParts(of: value),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else { return nil }
        return payload
    }

    /// A keyed digest of `text`, e.g. the nonce a password hash stands for; hex.
    func digest(_ text: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key).prefix(16))
    }
}
