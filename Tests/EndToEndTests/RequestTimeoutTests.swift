import Foundation
import Testing
import SakyumTestSupport

/// Slowloris guards: a head must arrive within header_timeout, a body may not fall silent for body_timeout,
/// and neither cuts a connection kept alive between requests (that is idle_timeout's job).
@Suite("Read timeouts: heads within header_timeout, bodies never silent for body_timeout")
struct RequestTimeoutTests {
    private static func daemon() throws -> (TestDaemon, TemporaryFolder) {
        let folder = TemporaryFolder("sakyum-timeouts")
        let config = try folder.write("sakyumd.yaml", "header_timeout: 1\nbody_timeout: 1\nidle_timeout: 30\n")
        let daemon = try TestDaemon(extraArguments: ["--config", config.path]) { projects in
            try ProjectFixture.write(name: "site", in: projects)
        }
        return (daemon, folder)
    }

    /// Sends `pieces` one every `interval` on another thread while this one reads until the daemon closes.
    private static func trickle(_ pieces: [String], every interval: TimeInterval, on connection: TCPConnection)
        -> (reply: String, seconds: TimeInterval) {
        let start = Date()
        let sender = Thread {
            for piece in pieces {
                guard connection.send(Data(piece.utf8)) else { return }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        sender.start()
        let (reply, _) = connection.receiveUntilClosed()
        return (String(decoding: reply, as: UTF8.self), Date().timeIntervalSince(start))
    }

    @Test func aHeadTrickledByteByByteGets408() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let connection = try TCPConnection(port: daemon.port)
        let pieces = ["GET /site/ HTTP/1.1\r\nHost: a\r\n"] + (0..<40).map { "X-Slow-\($0): v\r\n" }
        let (reply, seconds) = Self.trickle(pieces, every: 0.2, on: connection)
        #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply)")
        #expect(reply.lowercased().contains("connection: close"))
        #expect(seconds < 5, "closed after header_timeout, not after the 8 s the trickle would take")
        #expect(try daemon.get("/site/").status == 200)
        try waitUntil("the 408 is in the access log") { daemon.log.contains("\"- - HTTP/1.1\" 408 ") }
    }

    /// A connection's head timer, armed when it opened, fires during the second head and must wait for that
    /// head's own deadline rather than cut it early.
    @Test func aHeadTrickledAfterAnAnsweredRequestGetsItsOwnFullTimeout() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("HEAD /site/static/default/style.css HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try connection.receiveResponseHead().hasPrefix("HTTP/1.1 200"))
        Thread.sleep(forTimeInterval: 0.6)
        let pieces = ["GET /site/ HTTP/1.1\r\nHost: a\r\n"] + (0..<40).map { "X-Slow-\($0): v\r\n" }
        let (reply, seconds) = Self.trickle(pieces, every: 0.2, on: connection)
        #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply)")
        #expect(seconds >= 0.95, "cut \(seconds) s into its head: the head's own second, not what was left of the first's")
        #expect(seconds < 5)
    }

    @Test func aConnectionThatSaysNothingGets408ButAKeptAliveOneWaits() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let silent = try TCPConnection(port: daemon.port)
        let start = Date()
        let (reply, _) = silent.receiveUntilClosed()
        #expect(String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 408"))
        #expect(Date().timeIntervalSince(start) < 5)

        let kept = try TCPConnection(port: daemon.port)
        try kept.send("HEAD /site/ HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"))
        Thread.sleep(forTimeInterval: 1.6)
        try kept.send("HEAD /site/ HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try kept.receiveResponseHead().hasPrefix("HTTP/1.1 200"), "between requests idle_timeout applies, not header_timeout")
    }

    @Test func aBodyThatFallsSilentIsCutButASlowSteadyOneIsRead() throws {
        let (daemon, folder) = try Self.daemon()
        defer { folder.remove() }
        let head = "POST /site/admin/login/ HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        let stalled = try TCPConnection(port: daemon.port)
        try stalled.send(head + "Content-Length: 100\r\n\r\nusername=a")
        let start = Date()
        let (cut, _) = stalled.receiveUntilClosed()
        #expect(Date().timeIntervalSince(start) < 5, "closed after body_timeout")
        #expect(cut.isEmpty, "no answer is made up for a request never read whole")

        let body = "username=slow&password=steady"
        let steady = try TCPConnection(port: daemon.port)
        let pieces = [head + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"] + body.map { String($0) }
        let (reply, seconds) = Self.trickle(pieces, every: 0.1, on: steady)
        #expect(seconds > 2.5, "the body took longer than both timeouts")
        #expect(reply.hasPrefix("HTTP/1.1 "), "\(reply)")
        #expect(!reply.hasPrefix("HTTP/1.1 408"))
        #expect(daemon.isRunning)
    }
}
