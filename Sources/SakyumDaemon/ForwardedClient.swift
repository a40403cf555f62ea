import Foundation
import HTTPTypes
import SakyumSpec
import Synchronization

/// Who a request is from once the trusted proxies in front of the daemon are taken into account.
///
/// A request from a trusted proxy (`trusted_proxies`) is believed about the client's address (the right-most
/// `X-Forwarded-For` hop that is not itself a trusted proxy, as nginx's real_ip_recursive reads it), the scheme
/// (`X-Forwarded-Proto`: https gets `Secure` cookies and https URLs), the host (`X-Forwarded-Host`) and its
/// `X-Request-ID`. Anyone else's forwarding headers are ignored, so a client cannot choose its own address
/// for the login throttle.
struct ForwardedClient {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!

    var address: String
    var isSecure: Bool
    /// The host the client asked for, when a trusted proxy says so.
    var host: String?
    /// The connection comes from a trusted proxy.
    let viaTrustedProxy: Bool

    init(peer: String, isSecure: Bool, headers: HTTPFields, trusted: [IPRange]) {
        self.init(peer: peer, isSecure: isSecure, trusted: trusted) { headers[values: $0] }
    }

    /// `values` gives a header's values by name (HTTPTypes' fields, or NIO's on the fast path).
    init(peer: String, isSecure: Bool, trusted: [IPRange], values: (HTTPField.Name) -> [String]) {
        address = peer
        self.isSecure = isSecure
        viaTrustedProxy = trusted.contains { $0.contains(peer) }
        guard viaTrustedProxy else { return }
        let hops = values(Self.forwardedFor).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where IPRange.address(hop) != nil {
            address = hop
            if !trusted.contains(where: { $0.contains(hop) }) { break }
        }
        if let proto = values(Self.forwardedProto).first?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() {
            if proto == "https" { self.isSecure = true } else if proto == "http" { self.isSecure = false }
        }
        if let host = values(Self.forwardedHost).first?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !host.isEmpty {
            self.host = host
        }
    }
}

/// The id that ties a request's log lines, response and upstream logs together: a trusted proxy's
/// `X-Request-ID` when it is sane, else a new one. Echoed on the response.
///
/// A new id is a counter plus a random key drawn once, through SplitMix64's finalizer (a bijection): unique
/// for 2^64 requests and unrelated-looking, without a getrandom call per request (one of five syscalls a
/// static file cost, `strace -c`). Not a secret: anyone who sees ids could work out the next ones.
enum RequestID {
    static let header = HTTPField.Name("X-Request-ID")!

    private static let key: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    private static func mixed(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func of(_ headers: HTTPFields, viaTrustedProxy: Bool) -> String {
        of(given: headers[header], viaTrustedProxy: viaTrustedProxy)
    }

    static func of(given: String?, viaTrustedProxy: Bool) -> String {
        if viaTrustedProxy, let given, (1...200).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return given
        }
        let value = mixed(counter.wrappingAdd(1, ordering: .relaxed).newValue &+ key)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0xF
                buffer[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}
