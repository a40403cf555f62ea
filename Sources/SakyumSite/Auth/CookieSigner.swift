import Crypto
import Foundation

/// Signs cookie values with HMAC-SHA256 under a key derived from the project's secret.key and a purpose,
/// so a session cookie can never be replayed as a remember cookie or a CSRF token (itsdangerous' salts).
struct CookieSigner: Sendable {
    private let keyed: KeyedMAC

    init(secret: [UInt8], purpose: String) {
        let key = HMAC<SHA256>.authenticationCode(for: Array("sakyum.\(purpose)".utf8), using: SymmetricKey(data: secret))
        keyed = KeyedMAC(prepared: HMAC<SHA256>(key: SymmetricKey(data: Array(key))))
    }

    /// HMAC-SHA256 with the key processed once; each use starts from a copy. Processing the key again for each
    /// signature was most of its cost, and a request makes several (session, nonce, CSRF; bench/callgrind).
    ///
    /// `@unchecked Sendable`: swift-crypto's HMAC is not marked Sendable, but this one is never mutated, only
    /// copied, and its digests are copy-on-write (a copy's first update makes its own context).
    private struct KeyedMAC: @unchecked Sendable {
        let prepared: HMAC<SHA256>

        func code(for bytes: [UInt8]) -> HashedAuthenticationCode<SHA256> {
            var mac = prepared
            mac.update(data: bytes)
            return mac.finalize()
        }
    }

    /// `base64url(payload).base64url(mac)`.
    func sign(_ payload: [UInt8]) -> String {
        Base64URL.encode(payload) + "." + Base64URL.encode(Array(keyed.code(for: payload)))
    }

    /// The payload of a value `sign` made with the same key; nil for anything else (checked in constant time).
    func open(_ value: some StringProtocol) -> [UInt8]? {
        // HashedAuthenticationCode's == against bytes is swift-crypto's constant-time comparison.
        guard let (payload, mac) = Base64URL.signedParts(of: value), keyed.code(for: payload) == mac else { return nil }
        return payload
    }

    /// A keyed digest of `text`, e.g. the nonce a password hash stands for; hex.
    func digest(_ text: String) -> String {
        Hex.lowercase(keyed.code(for: Array(text.utf8)).prefix(16))
    }
}
