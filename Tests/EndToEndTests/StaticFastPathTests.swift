import Foundation
import Testing
import SakyumTestSupport

/// Small static files and cached anonymous pages are answered under Hummingbird from memory (`StaticFastPath`); the answers must be
/// the ones the usual path gives, in request order, logged, fresh after an edit, and must leave a kept-alive
/// connection's timers as they were.
@Suite("The static files fast path answers like the usual path")
struct StaticFastPathTests {
    private static func daemon(config: String = "") throws -> (TestDaemon, TemporaryFolder) {
        let folder = TemporaryFolder("sakyum-fastpath")
        let file = try folder.write("sakyumd.yaml", config.isEmpty ? "idle_timeout: 30\n" : config)
        let daemon = try TestDaemon(extraArguments: ["--config", file.path]) { projects in
            try ProjectFixture.write(name: "site", in: projects)
            try ProjectFixture.file("static/site/style.css", in: projects.appendingPathComponent("site"), "body { color: teal; }\n")
        }
        return (daemon, folder)
    }

    /// The headers but Date and X-Request-ID, which differ on every answer.
    private static func stable(_ reply: HTTPReply) -> [String] {
        reply.headers.filter { !["date", "x-request-id"].contains($0.0.lowercased()) }.map { "\($0.0): \($0.1)" }
    }

    /// A header the fast path leaves to the usual path that changes nothing here: the file is older than 2100.
    private static let usualPath = ("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")

    @Test(arguments: ["/site/static/site/style.css", "/site/static/default/style.css"])
    func answersAreTheUsualPathsByteForByte(path: String) throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        for method in ["GET", "HEAD"] {
            let fast = try daemon.request(method, path)
            let usual = try daemon.request(method, path, headers: [Self.usualPath])
            #expect(fast.status == 200)
            #expect(Self.stable(fast) == Self.stable(usual))
            #expect(fast.body == usual.body)
            #expect(fast.header("X-Request-ID")?.count == 16)
            #expect(fast.header("Date") != nil)
        }
        let tag = try #require(try daemon.get(path).header("ETag"))
        let lastModified = try #require(try daemon.get(path).header("Last-Modified"))
        for validator in [("If-None-Match", tag), ("If-None-Match", "W/\"other\", \(tag)"), ("If-Modified-Since", lastModified)] {
            let fast = try daemon.get(path, headers: [validator])
            let usual = try daemon.get(path, headers: [validator, Self.usualPath])
            #expect(fast.status == 304)
            #expect(Self.stable(fast) == Self.stable(usual))
            #expect(fast.body.isEmpty)
        }
        #expect(try daemon.get(path, headers: [("If-None-Match", "\"stale\"")]).status == 200)
        #expect(try daemon.get("/site/static/site/missing.css").status == 404)
        #expect(try daemon.get("/site/static/../project.yaml").status == 404)
        try daemon.eventually("the fast answers are in the access log") {
            daemon.log.contains("\"GET \(path) HTTP/1.1\" 304 0 ") && daemon.log.contains("\"HEAD \(path) HTTP/1.1\" 200 ")
        }
    }

    @Test func aCachedPageIsTheUsualAnswerAndFollowsTheDatabase() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let usual = ("Cookie", "unrelated=1")  // any cookie sends the request the usual way
        _ = try daemon.get("/site/?page=1")  // rendered and kept
        for method in ["GET", "HEAD"] {
            let fast = try daemon.request(method, "/site/?page=1")
            let slow = try daemon.request(method, "/site/?page=1", headers: [usual])
            #expect(fast.status == 200)
            #expect(Self.stable(fast) == Self.stable(slow))
            #expect(fast.body == slow.body)
        }
        // By Host the page is another cache entry, with its links at the root, and the fast answer is the usual one.
        _ = try daemon.get("/?page=1", host: "site.localhost")
        let byHost = try daemon.request("GET", "/?page=1", host: "site.localhost")
        #expect(byHost.body == (try daemon.request("GET", "/?page=1", host: "site.localhost", headers: [usual])).body)
        #expect(byHost.body != (try daemon.get("/site/?page=1")).body)
        #expect(!byHost.text.contains("/site/static/"))
        #expect(try daemon.request("GET", "/static/site/style.css", host: "site.localhost").text == "body { color: teal; }\n")
        #expect(try daemon.ctl("add-user", "site", "-u", "grace", "-e", "grace@example.com", "-p", "hopper12").status == 0)
        let page = try daemon.get("/site/?page=1")
        #expect(page.status == 200)
        #expect(page.body == (try daemon.get("/site/?page=1", headers: [usual])).body)
    }

    @Test func oneEventLoopServesTheSame() throws {
        let (daemon, folder) = try Self.daemon(config: "event_loops: 1\n")
        defer { folder.remove() }
        #expect(try daemon.get("/site/static/site/style.css").text == "body { color: teal; }\n")
        #expect(try daemon.get("/site/").status == 200)
        #expect(try daemon.get("/site/admin/login/").status == 200)
    }

    /// `tasks_on_event_loops: false` puts request tasks back on Swift's pool: every path still answers.
    @Test func tasksOnSwiftsPoolServeTheSame() throws {
        let (daemon, folder) = try Self.daemon(config: "tasks_on_event_loops: false\n")
        defer { folder.remove() }
        #expect(try daemon.get("/site/static/site/style.css").text == "body { color: teal; }\n")
        #expect(try daemon.ctl("add-user", "site", "-u", "grace", "-e", "grace@example.com", "-p", "hopper12").status == 0)
        let page = try daemon.get("/site/?page=1")
        #expect(page.status == 200)
        #expect(try daemon.get("/site/admin/login/").status == 200)
    }

    @Test func anEditedFileIsServedNewAtOnce() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let first = try daemon.get("/site/static/site/style.css")
        #expect(first.text == "body { color: teal; }\n")
        try "body { color: crimson; margin: 0; }\n".write(to: daemon.projects.appendingPathComponent("site/static/site/style.css"),
                                                           atomically: false, encoding: .utf8)
        let second = try daemon.get("/site/static/site/style.css")
        #expect(second.text == "body { color: crimson; margin: 0; }\n")
        #expect(second.header("ETag") != first.header("ETag"))
        try FileManager.default.removeItem(at: daemon.projects.appendingPathComponent("site/static/site/style.css"))
        #expect(try daemon.get("/site/static/site/style.css").status == 404)
    }

    @Test func pipelinedRequestsAreAnsweredInTheirOrder() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let connection = try TCPConnection(port: daemon.port)
        let page = "GET /site/ HTTP/1.1\r\nHost: a\r\n\r\n"
        let file = "GET /site/static/site/style.css HTTP/1.1\r\nHost: a\r\n\r\n"
        try connection.send(page + file + page + file + "GET /site/static/default/style.css HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let text = String(decoding: try connection.receiveAll(), as: UTF8.self)
        let types = text.components(separatedBy: "\r\n").filter { $0.lowercased().hasPrefix("content-type:") }
        #expect(types.map { $0.lowercased().contains("text/html") ? "page" : "css" } == ["page", "css", "page", "css", "css"], "\(types)")
    }

    @Test func aConnectionKeptAliveAfterAFastAnswerGetsNo408() throws {
        let (daemon, folder) = try Self.daemon(config: "header_timeout: 1\nidle_timeout: 30\n")
        defer { folder.remove() }
        let kept = try TCPConnection(port: daemon.port)
        try kept.send("HEAD /site/static/site/style.css HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"))
        Thread.sleep(forTimeInterval: 1.6)
        try kept.send("HEAD /site/static/default/style.css HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"), "header_timeout applies to a request's head, not between requests")
    }
}
