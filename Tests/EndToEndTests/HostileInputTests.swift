import Foundation
import Synchronization
import Testing
import SakyumTestSupport

@Suite("Hostile HTTP input gets a 4xx, never a crash")
struct HostileInputTests {
    @Test func hostileRequestsAreAnsweredAndTheDaemonSurvives() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "site", in: projects) }

        let hugeURL = try daemon.get("/site/" + String(repeating: "a", count: 20_000))
        #expect(hugeURL.status == 414)
        #expect(try daemon.get("/site/%zz").status == 400)
        #expect(try daemon.get("/site/", host: "bad host!").status == 400)
        #expect(try daemon.get("/site/", host: "x:notaport").status == 400)

        let hugeHeader = try RawHTTP.exchange(port: daemon.port, bytes: Data(
            "GET /site/ HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "b", count: 200_000))\r\n\r\n".utf8))
        let hugeHeaderStatus = String(decoding: hugeHeader.prefix(12), as: UTF8.self)
        #expect(hugeHeaderStatus.hasPrefix("HTTP/1.1 4"), "\(hugeHeaderStatus)")

        let garbage = try RawHTTP.exchange(port: daemon.port, bytes: Data("NOT HTTP AT ALL\r\n\r\n".utf8))
        #expect(String(decoding: garbage.prefix(12), as: UTF8.self) == "HTTP/1.1 400")

        #expect(daemon.isRunning)
        #expect(try daemon.get("/site/").status == 200)
    }

    @Test func otherHTTPVersionsGet505AndTooManyHeaders431() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "site", in: projects) }
        func status(_ raw: String) throws -> String {
            String(decoding: try RawHTTP.exchange(port: daemon.port, bytes: Data(raw.utf8)).prefix(12), as: UTF8.self)
        }
        for version in ["HTTP/2.0", "HTTP/1.2", "HTTP/3.0"] {
            #expect(try status("GET /site/ \(version)\r\nHost: a\r\n\r\n") == "HTTP/1.1 505", "\(version)")
        }
        #expect(try status("GET /site/ HTTP/1.0\r\nHost: a\r\nConnection: close\r\n\r\n").hasSuffix("200"))
        let many = (0..<101).map { "X-H\($0): v\r\n" }.joined()
        #expect(try status("GET /site/ HTTP/1.1\r\nHost: a\r\n\(many)\r\n") == "HTTP/1.1 431", "over the default 100 fields")
        let big = "X-Big: " + String(repeating: "b", count: 40 * 1024) + "\r\n"
        #expect(try status("GET /site/ HTTP/1.1\r\nHost: a\r\n\(big)\r\n") == "HTTP/1.1 431", "over the default 32 KiB")
        let fine = (0..<50).map { "X-H\($0): v\r\n" }.joined()
        #expect(try status("GET /site/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\(fine)\r\n").hasSuffix("200"))
        #expect(daemon.isRunning)
    }

    /// An HTTP/1.0 client that did not ask for keep-alive reads until the close: it must come after the response.
    @Test func http10ClosesAfterTheResponseUnlessKeptAlive() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "site", in: projects) }
        let plain = try TCPConnection(port: daemon.port)
        try plain.send("GET /site/ HTTP/1.0\r\nHost: a\r\n\r\n")
        let start = Date()
        let (reply, _) = plain.receiveUntilClosed()
        #expect(String(decoding: reply.prefix(12), as: UTF8.self) == "HTTP/1.1 200")
        #expect(Date().timeIntervalSince(start) < 5, "closed after the response, not after idle_timeout")

        let kept = try TCPConnection(port: daemon.port)
        try kept.send("HEAD /site/ HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"))
        try kept.send("HEAD /site/ HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"), "asked for keep-alive: still open")
    }

    @Test func headerLimitsComeFromTheConfiguration() throws {
        let folder = TemporaryFolder("sakyum-limits")
        defer { folder.remove() }
        let config = try folder.write("sakyumd.yaml", "max_header_count: 5\nmax_header_bytes: 1024\n")
        let daemon = try TestDaemon(extraArguments: ["--config", config.path]) { projects in try ProjectFixture.write(name: "site", in: projects) }
        let six = (0..<6).map { "X-H\($0): v\r\n" }.joined()
        let reply = try RawHTTP.exchange(port: daemon.port, bytes: Data("GET /site/ HTTP/1.1\r\nHost: a\r\n\(six)\r\n".utf8))
        #expect(String(decoding: reply.prefix(12), as: UTF8.self) == "HTTP/1.1 431")
        #expect(try daemon.get("/site/").status == 200)
    }

    @Test func aDeclaredBodyOverTheLimitIs413AtOnceAndTheRestIsNeverRead() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "site", in: projects, extraYAML: "uploads: {max_content_length: 1KiB}")
        }
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("POST /site/admin/login/ HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 2147483648\r\n\r\nusername=a")
        let start = Date()
        let (reply, failure) = connection.receiveUntilClosed()
        #expect(failure == nil, "the daemon closes the connection: \(failure ?? "")")
        #expect(String(decoding: reply.prefix(12), as: UTF8.self) == "HTTP/1.1 413")
        #expect(String(decoding: reply, as: UTF8.self).lowercased().contains("connection: close"))
        #expect(Date().timeIntervalSince(start) < 5, "without waiting for the 2 GB")
        #expect(try daemon.get("/site/").status == 200)
    }

    @Test func pastMaxConnectionsANewConnectionWaitsForASlot() throws {
        let folder = TemporaryFolder("sakyum-slots")
        defer { folder.remove() }
        let config = try folder.write("sakyumd.yaml", "max_connections: 2\n")
        let daemon = try TestDaemon(extraArguments: ["--config", config.path]) { projects in try ProjectFixture.write(name: "site", in: projects) }
        var idle: [TCPConnection]? = [try TCPConnection(port: daemon.port), try TCPConnection(port: daemon.port)]
        Thread.sleep(forTimeInterval: 0.3)
        let answered = Mutex<Date?>(nil)
        let port = daemon.port
        let reader = Thread {
            guard let third = try? TCPConnection(port: port),
                  (try? third.send("GET /site/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")) != nil else { return }
            let (reply, _) = third.receiveUntilClosed()
            if String(decoding: reply.prefix(12), as: UTF8.self) == "HTTP/1.1 200" { answered.withLock { $0 = Date() } }
        }
        reader.start()
        Thread.sleep(forTimeInterval: 1)
        #expect(answered.withLock { $0 } == nil, "two connections are open: the third waits")
        let released = Date()
        idle = nil
        try waitUntil("the third is answered") { answered.withLock { $0 } != nil }
        #expect(answered.withLock { $0 }! >= released)
        #expect(idle == nil)
        #expect(try daemon.get("/site/").status == 200)
    }
}
