import Foundation
import Glibc
import Testing
import SakyumTestSupport

@Suite("Graceful stop: SIGTERM stops accepting, lets requests in flight finish, exits 0")
struct GracefulStopTests {
    /// Project `blog` with a static file of `size` bytes at /blog/static/blog/big.bin.
    static func daemonServingBigFile(size: Int) throws -> TestDaemon {
        try TestDaemon { projects in
            try ProjectFixture.write(name: "blog", in: projects)
            try ProjectFixture.file("static/blog/big.bin", in: projects.appendingPathComponent("blog"), String(repeating: "a", count: size))
        }
    }

    @Test func aResponseInFlightIsSentWholeAfterSIGTERM() throws {
        let size = 16 << 20
        let daemon = try Self.daemonServingBigFile(size: size)
        // A client that has read only the head of a large response when the signal comes.
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("GET /blog/static/blog/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let head = try connection.receiveResponseHead()
        #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
        kill(daemon.processIdentifier, SIGTERM)
        // Once the listener is closed new connections are refused, while the old one still gets its bytes.
        try waitUntil("the listener closed") { (try? TCPConnection(port: daemon.port)) == nil }
        #expect(daemon.isRunning, "the daemon quit with a response in flight")
        let body = try connection.receiveAll()
        // The close after the last response waits for the queued bytes (FlushBeforeCloseHandler).
        #expect(body.count == size, "got \(body.count) of \(size) bytes")
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        #expect(daemon.log.contains("stopped"))
    }

    @Test func aSlowReaderOfAConnectionCloseResponseGetsItWhole() throws {
        let size = 16 << 20
        let daemon = try Self.daemonServingBigFile(size: size)
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("GET /blog/static/blog/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        // Not reading for a while fills the socket buffers, so most of the body waits in the server.
        Thread.sleep(forTimeInterval: 0.5)
        let head = try connection.receiveResponseHead()
        #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
        #expect(try connection.receiveAll().count == size)
    }

    @Test func idleKeepAliveConnectionsDoNotHoldTheStop() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "blog", in: projects) }
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("GET /blog/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let first = try connection.receiveResponseHead()
        #expect(first.hasPrefix("HTTP/1.1 200"))
        // The connection stays open (keep-alive) and idle: a stop must not wait for it.
        #expect(daemon.stop() == 0, "\(daemon.log)")
    }
}
