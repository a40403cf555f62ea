import Foundation

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

    /// `base64url(payload).base64url(mac)` taken apart, unchecked; nil past 8 KiB or when either part is not canonical base64url.
    static func signedParts(of value: some StringProtocol) -> (payload: [UInt8], mac: [UInt8])? {
        guard value.utf8.count <= 8192, let dot = value.lastIndex(of: ".") else { return nil }
        guard let payload = decode(value[..<dot]), let mac = decode(value[value.index(after: dot)...]) else { return nil }
        return (payload, mac)
    }
}
