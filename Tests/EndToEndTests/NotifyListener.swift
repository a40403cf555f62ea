import Foundation
import Glibc
import Synchronization
import SakyumTestSupport

/// Plays systemd's side of sd_notify: a datagram socket at `path` (give it to the daemon as
/// NOTIFY_SOCKET) that records every message the daemon sends.
final class NotifyListener: Sendable {
    let path: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-notify-\(UUID().uuidString.prefix(8)).sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw TestFailure("cannot bind \(path)") }
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { break }
                let message = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0.append(message) }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        unlink(path)
    }

    /// Every message so far, in order; a message holds newline-separated `KEY=VALUE` assignments.
    var messages: [String] { received.withLock { $0 } }

    /// The messages' assignments, flattened in order: "READY=1", "STATUS=…", …
    var assignments: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }
}
