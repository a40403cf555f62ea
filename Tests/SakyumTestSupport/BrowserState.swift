import Foundation

/// What a browser keeps between requests: cookies by name, the Set-Cookie headers it was sent and its
/// user agent. Shared by the end-to-end `Browser` and the in-process `SiteClient`.
public struct BrowserState: Sendable {
    public var cookies: [String: String] = [:]
    public var userAgent = "TestBrowser/1.0"
    /// Every Set-Cookie header received, newest last.
    public private(set) var setCookies: [String] = []

    public init() {}

    /// `headers` with the user agent and the cookies added.
    public func headers(adding headers: [(String, String)]) -> [(String, String)] {
        var all = headers + [("User-Agent", userAgent)]
        if !cookies.isEmpty {
            all.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        return all
    }

    /// Keeps the cookies `reply` sets; an empty or expired one is forgotten.
    public mutating func receive(_ reply: HTTPReply) {
        for (name, value) in reply.headers where name.lowercased() == "set-cookie" {
            setCookies.append(value)
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let cookieName = String(pair[0])
            let cookieValue = pair.count > 1 ? String(pair[1]) : ""
            if cookieValue.isEmpty || value.lowercased().contains("max-age=0") {
                cookies[cookieName] = nil
            } else {
                cookies[cookieName] = cookieValue
            }
        }
    }

    /// The CSRF token in the first form of `page`.
    public static func csrfToken(in page: String, at path: String) throws -> String {
        guard let input = page.firstMatch(of: /name="csrf_token"[^>]*value="([^"]+)"/) else {
            throw TestFailure("no csrf_token on \(path):\n\(page.prefix(400))")
        }
        return String(input.1)
    }

    /// `fields` as an `application/x-www-form-urlencoded` body.
    public static func formBody(_ fields: [(String, String)]) -> Data {
        Data(fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
    }

    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The fields of the login form.
    public static func loginFields(_ username: String, _ password: String, remember: Bool, next: String?) -> [(String, String)] {
        var fields = [("username", username), ("password", password)]
        if remember { fields.append(("remember", "y")) }
        if let next { fields.append(("next", next)) }
        return fields
    }
}
