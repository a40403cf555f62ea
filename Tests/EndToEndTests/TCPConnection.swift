import Foundation
import Glibc
import SakyumTestSupport

/// One client TCP connection to the loopback daemon, for tests that must control timing between bytes.
final class TCPConnection: Sendable {
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
        guard send(Data(text.utf8)) else { throw TestFailure("send failed") }
    }

    /// Sends what the server takes; false when it closed before taking everything (hostile-input
    /// tests expect that).
    @discardableResult
    func send(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Everything until the server closes the connection.
    func receiveAll() throws -> Data {
        let (received, failure) = receiveUntilClosed()
        if let failure { throw TestFailure("recv failed: \(failure)") }
        return received
    }

    /// What arrives until the connection closes or fails (a reset after an error answer is normal).
    func receiveUntilClosed() -> (Data, failure: String?) {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 { return (received, String(cString: strerror(errno))) }
            if count == 0 { return (received, nil) }
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
