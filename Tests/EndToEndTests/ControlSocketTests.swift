import Foundation
import Glibc
import Testing
import SakyumTestSupport

@Suite("The control protocol: JSON lines, clear errors, connection stays usable")
struct ControlSocketTests {
    @Test func badRequestsGetErrorsAndTheConnectionStaysUsable() throws {
        let daemon = try TestDaemon()
        let connection = try UnixLineConnection(path: daemon.controlSocket)
        let malformed = try connection.call("{not json")
        #expect(malformed["ok"] as? Bool == false)
        #expect((malformed["error"] as? [String: Any])?["code"] as? String == "bad_request")

        let unknown = try connection.call(#"{"op":"explode"}"#)
        #expect((unknown["error"] as? [String: Any])?["code"] as? String == "unknown_op")

        let missing = try connection.call(#"{"op":"create_app","project":"x"}"#)
        let missingError = try #require(missing["error"] as? [String: Any])
        #expect(missingError["code"] as? String == "missing_field")
        #expect((missingError["detail"] as? String)?.contains("app") == true)

        let list = try connection.call(#"{"op":"list"}"#)
        #expect(list["ok"] as? Bool == true)
    }

    @Test func socketIsGroupReadableOnly() throws {
        let daemon = try TestDaemon()
        var info = stat()
        #expect(stat(daemon.controlSocket, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
    }

    /// With the socket opened to everyone, the daemon itself still refuses a stranger by SO_PEERCRED.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func callersOutsideTheGroupAreRefusedByPeerCredentials() throws {
        let daemon = try TestDaemon()
        chmod(daemon.controlSocket, 0o666)
        chmod(daemon.projects.deletingLastPathComponent().path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups",
                             BuildProducts.url(of: "sakyumctl").path, "list", "--socket", daemon.controlSocket]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("may not control the daemon"), "\(message)")
        #expect(daemon.log.contains("refused"))
    }

    @Test func statusAndReloadInTextAndJSON() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "alpha", in: projects)
        }
        let status = try daemon.ctl("status")
        #expect(status.stdout.contains("alpha: serving"))
        #expect(status.stdout.contains("loaded at:"))
        let json = try daemon.ctl("status", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let projects = (object?["result"] as? [String: Any])?["projects"] as? [[String: Any]]
        #expect(projects?.first?["name"] as? String == "alpha")
        #expect(projects?.first?["blueprints"] as? [String] == ["default", "errors", "auth", "base"])
        let reload = try daemon.ctl("reload", "--wait", "alpha")
        #expect(reload.status == 0)
        #expect(reload.stdout.contains("alpha: serving"))
        // Without --wait the daemon answers at once and reloads behind.
        let quick = try daemon.ctl("reload", "alpha")
        #expect(quick.status == 0)
        #expect(quick.stdout.contains("reload of alpha requested"))
        #expect(try daemon.ctl("reload", "nosuch").stderr.contains("there is no project 'nosuch'"))
        let unknown = try daemon.ctl("status", "nosuch")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nosuch"))
    }
}

/// A raw client for the control socket, to send what `sakyumctl` never would.
final class UnixLineConnection {
    private let descriptor: Int32
    private var pending = Data()

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw TestFailure("cannot connect to \(path)") }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func call(_ line: String) throws -> [String: Any] {
        let bytes = Array((line + "\n").utf8)
        _ = send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !pending.contains(0x0A) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { throw TestFailure("control connection closed") }
            pending.append(contentsOf: buffer[0..<count])
        }
        let newline = pending.firstIndex(of: 0x0A)!
        let reply = pending[pending.startIndex..<newline]
        pending = Data(pending[(newline + 1)...])
        return try JSONSerialization.jsonObject(with: reply) as? [String: Any] ?? [:]
    }
}
