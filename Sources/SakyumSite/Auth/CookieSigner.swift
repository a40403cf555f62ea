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
        guard value.utf8.count <= 8192, let dot = value.lastIndex(of: ".") else { return nil }
        guard let payload = Base64URL.decode(value[..<dot]), let mac = Base64URL.decode(value[value.index(after: dot)...]),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else { return nil }
        return payload
    }

    /// A keyed digest of `text`, e.g. the nonce a password hash stands for; hex.
    func digest(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// Base64 with the URL alphabet and no padding, as cookies carry it.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let bytes = Data(base64Encoded: base64).map(Array.init) else { return nil }
        // Only the canonical spelling: unused low bits of the last character must not give a second valid value.
        return encode(bytes) == text ? bytes : nil
    }
}
