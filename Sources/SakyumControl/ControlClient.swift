import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Talks to the daemon's Unix control socket: one JSON line out, one JSON line back.
public struct ControlClient: Sendable {
    public let socketPath: String

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Sends one request; throws `ControlError` with code `not_running` when nobody listens at the path.
    public func send(_ request: ControlRequest) throws(ControlError) -> ControlResponse {
        let connection = try ControlConnection(path: socketPath)
        defer { connection.close() }
        let line: Data
        do {
            line = try JSONEncoder().encode(request) + Data([0x0A])
        } catch {
            throw ControlError(code: "bad_request", detail: "cannot encode request: \(error)")
        }
        try connection.write(line)
        let reply = try connection.readLine()
        do {
            return try JSONDecoder().decode(ControlResponse.self, from: reply)
        } catch {
            throw ControlError(code: "bad_response", detail: "the daemon at \(socketPath) sent an unreadable answer")
        }
    }
}

/// A blocking client-side connection; `sakyumctl` makes one call and exits, so blocking is right here.
struct ControlConnection {
    private let descriptor: Int32
    private let path: String

    init(path: String) throws(ControlError) {
        self.path = path
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ControlError(code: "bad_request", detail: "socket path is too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw ControlError(code: "io_error", detail: "cannot create a socket: \(String(cString: strerror(errno)))")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            switch code {
            case ENOENT, ECONNREFUSED:
                throw ControlError(code: "not_running", detail: "daemon not running at \(path)")
            case EACCES, EPERM:
                throw ControlError(code: "permission_denied", detail: "no permission to use \(path) (are you in the daemon's group?)")
            default:
                throw ControlError(code: "io_error", detail: "cannot connect to \(path): \(String(cString: strerror(code)))")
            }
        }
        self.descriptor = descriptor
    }

    func write(_ data: Data) throws(ControlError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, data.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ControlError(code: "io_error", detail: "lost the connection to \(path)")
            }
            offset += written
        }
    }

    func readLine() throws(ControlError) -> Data {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                throw ControlError(code: "io_error", detail: "lost the connection to \(path)")
            }
            if count == 0 { break }
            if let newline = buffer[0..<count].firstIndex(of: 0x0A) {
                received.append(contentsOf: buffer[0..<newline])
                return received
            }
            received.append(contentsOf: buffer[0..<count])
        }
        guard !received.isEmpty else {
            throw ControlError(code: "io_error", detail: "the daemon at \(path) closed the connection without answering")
        }
        return received
    }

    func close() {
        Glibc.close(descriptor)
    }
}
