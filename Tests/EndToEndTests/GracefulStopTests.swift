import Foundation
import Glibc
import Testing

@Suite("Graceful stop: SIGTERM stops accepting, lets requests in flight finish, exits 0")
struct GracefulStopTests {
    @Test func aResponseInFlightIsSentWholeAfterSIGTERM() throws {
        let size = 16 << 20
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "blog", in: projects)
            let folder = projects.appendingPathComponent("blog/static/blog")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(repeating: 0x61, count: size).write(to: folder.appendingPathComponent("big.bin"))
        }
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
        #expect(body.count == size, "got \(body.count) of \(size) bytes")
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        #expect(daemon.log.contains("stopped"))
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

/// One client TCP connection to the loopback daemon, for tests that must control timing between bytes.
final class TCPConnection {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw TestFailure("cannot connect to 127.0.0.1:\(port)")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw TestFailure("send failed") }
    }

    /// Everything until the server closes the connection.
    func receiveAll() throws -> Data {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 { throw TestFailure("recv failed: \(String(cString: strerror(errno)))") }
            if count == 0 { return received }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// Reads until the end of a response head.
    func receiveResponseHead() throws -> String {
        var received = Data()
        var byte: UInt8 = 0
        while !received.suffix(4).elementsEqual("\r\n\r\n".utf8) {
            guard recv(descriptor, &byte, 1, 0) == 1 else { throw TestFailure("connection ended before a response head") }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }
}
