import Foundation

/// A small browser for tests: keeps cookies (by name), sends forms with their CSRF token, reads flashes.
final class Browser {
    let daemon: TestDaemon
    var cookies: [String: String] = [:]
    var userAgent = "TestBrowser/1.0"
    /// Every Set-Cookie header received, newest last.
    private(set) var setCookies: [String] = []

    init(_ daemon: TestDaemon) {
        self.daemon = daemon
    }

    func get(_ path: String) throws -> HTTPReply {
        try send("GET", path)
    }

    /// POSTs `fields` url-encoded; `csrfFrom` is the page whose form token to send along (none when nil).
    func post(_ path: String, _ fields: [(String, String)], csrfFrom page: String? = nil) throws -> HTTPReply {
        var fields = fields
        if let page { fields.append(("csrf_token", try csrfToken(on: page))) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(body.utf8))
    }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()) throws -> HTTPReply {
        var all = headers + [("User-Agent", userAgent)]
        if !cookies.isEmpty {
            all.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        let reply = try RawHTTP.send(port: daemon.port, method: method, target: path, host: "127.0.0.1", headers: all, body: body)
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
        return reply
    }

    /// The CSRF token in the first form of the page at `path`.
    func csrfToken(on path: String) throws -> String {
        let page = try get(path).text
        guard let input = page.firstMatch(of: /name="csrf_token"[^>]*value="([^"]+)"/) else {
            throw TestFailure("no csrf_token on \(path):\n\(page.prefix(400))")
        }
        return String(input.1)
    }

    /// Logs in through the form; returns the reply to the POST.
    @discardableResult
    func logIn(_ username: String, _ password: String, remember: Bool = false, next: String? = nil, prefix: String = "/school") throws -> HTTPReply {
        var fields = [("username", username), ("password", password)]
        if remember { fields.append(("remember", "y")) }
        if let next { fields.append(("next", next)) }
        return try post("\(prefix)/admin/login/", fields, csrfFrom: "\(prefix)/admin/login/")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
