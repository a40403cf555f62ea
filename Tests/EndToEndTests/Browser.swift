import Foundation
import SakyumTestSupport

/// A small browser for tests: keeps cookies (by name), sends forms with their CSRF token, reads flashes.
final class Browser {
    let daemon: TestDaemon
    var state = BrowserState()

    var cookies: [String: String] {
        get { state.cookies }
        set { state.cookies = newValue }
    }
    var userAgent: String {
        get { state.userAgent }
        set { state.userAgent = newValue }
    }
    var setCookies: [String] { state.setCookies }

    /// The Host header sent: the loopback address (the project under its prefix), or a project's host name.
    let host: String

    init(_ daemon: TestDaemon, host: String = "127.0.0.1") {
        self.daemon = daemon
        self.host = host
    }

    func get(_ path: String) throws -> HTTPReply {
        try send("GET", path)
    }

    /// POSTs `fields` url-encoded; `csrfFrom` is the page whose form token to send along (none when nil).
    func post(_ path: String, _ fields: [(String, String)], csrfFrom page: String? = nil) throws -> HTTPReply {
        var fields = fields
        if let page { fields.append(("csrf_token", try csrfToken(on: page))) }
        return try send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: BrowserState.formBody(fields))
    }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()) throws -> HTTPReply {
        let reply = try RawHTTP.send(port: daemon.port, method: method, target: path, host: host,
                                     headers: state.headers(adding: headers), body: body)
        state.receive(reply)
        return reply
    }

    /// The CSRF token in the first form of the page at `path`.
    func csrfToken(on path: String) throws -> String {
        try BrowserState.csrfToken(in: try get(path).text, at: path)
    }

    /// Logs in through the form; returns the reply to the POST.
    @discardableResult
    func logIn(_ username: String, _ password: String, remember: Bool = false, next: String? = nil, prefix: String = "/school") throws -> HTTPReply {
        try post("\(prefix)/admin/login/", BrowserState.loginFields(username, password, remember: remember, next: next),
                 csrfFrom: "\(prefix)/admin/login/")
    }
}
