import Foundation
import Glibc
import Testing
import SakyumTestSupport

@Suite("systemd: the units verify, socket activation, sd_notify")
struct SystemdTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let units = ["sakyumd.service", "sakyumd.socket", "sakyumd-control.socket"]

    @Test func theUnitsVerifyWithoutAWarning() throws {
        // systemd-analyze insists that ExecStart's binary exists: point it at the one just built.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-units-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binaries = BuildProducts.url(of: "sakyumd").deletingLastPathComponent().path + "/"
        for unit in Self.units {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/", with: binaries)
                .write(to: folder.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let verify = try runProgram("/usr/bin/systemd-analyze", ["verify", "--man=no"] + Self.units.map { folder.appendingPathComponent($0).path })
        #expect(verify.status == 0)
        // Unknown keys and bad values are only warnings: the output must be empty too.
        #expect(verify.stdout + verify.stderr == "", "\(verify.stdout)\(verify.stderr)")

        let service = try String(contentsOf: folder.appendingPathComponent("sakyumd.service"), encoding: .utf8)
        for line in ["Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "User=sakyum", "StateDirectory=sakyum",
                     "RuntimeDirectory=sakyum", "ConfigurationDirectory=sakyum", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE"] {
            #expect(service.contains("\n\(line)\n"), "sakyumd.service lacks \(line)")
        }
        #expect(service.range(of: #"\nWatchdogSec=\d+"#, options: .regularExpression) != nil)
    }

    @Test func theSysusersSnippetDeclaresTheUser() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-sysusers-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let snippet = Self.repository.appendingPathComponent("systemd/sakyum.sysusers.conf").path
        let result = try runProgram("/usr/bin/systemd-sysusers", ["--dry-run", "--root=\(root.path)", snippet])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("Creating user 'sakyum'"), "\(result.stdout)\(result.stderr)")
    }

    @Test func inheritedSocketsAreUsedAndReadinessReloadAndStopAreNotified() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-activate-\(UUID().uuidString.prefix(8))")
        let projects = root.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try ProjectFixture.write(name: "blog", in: projects)
        let controlSocket = root.appendingPathComponent("control.sock").path
        let unusedSocket = root.appendingPathComponent("unused.sock").path
        let notify = try NotifyListener()
        let port = try FreePort.pick()

        let process = try SpawnedProcess("/usr/bin/systemd-socket-activate", [
            "-l", "127.0.0.1:\(port)", "-l", controlSocket, "--fdname=http:control",
            "-E", "NOTIFY_SOCKET=\(notify.path)", "-E", "WATCHDOG_USEC=400000",
            BuildProducts.url(of: "sakyumd").path, "--projects", projects.path, "--control", unusedSocket,
        ])
        try waitUntil("systemd-socket-activate listening") { FileManager.default.fileExists(atPath: controlSocket) }

        // The first connection makes systemd-socket-activate start the daemon on the same socket.
        let page = try RawHTTP.send(port: port, method: "GET", target: "/blog/", host: "127.0.0.1:\(port)")
        #expect(page.status == 200)
        #expect(page.text.contains("blog home"))
        let list = try Sakyumctl.run(["list"], socket: controlSocket)
        #expect(list.status == 0, "\(list.stderr)\n\(process.output)")
        #expect(list.stdout.contains("blog"))
        #expect(!FileManager.default.fileExists(atPath: unusedSocket), "the daemon bound its own control socket")
        #expect(process.output.contains("listening on http://127.0.0.1:\(port)"), "\(process.output)")

        try waitUntil("READY=1 and a watchdog ping") { notify.assignments.contains("READY=1") && notify.assignments.contains("WATCHDOG=1") }
        #expect(notify.assignments.contains("STATUS=1 project (0 loaded), 0 with errors"), "\(notify.messages)")

        // systemd-socket-activate became sakyumd (exec), so its pid is the daemon's.
        process.signal(SIGHUP)
        try waitUntil("RELOADING=1 then READY=1") {
            let sent = notify.assignments
            guard let reloading = sent.firstIndex(of: "RELOADING=1") else { return false }
            return sent[reloading...].contains("READY=1")
        }

        process.signal(SIGTERM)
        #expect(process.waitForExit() == 0, "\(process.output)")
        #expect(notify.assignments.last(where: { $0.hasPrefix("STOPPING") }) == "STOPPING=1", "\(notify.messages)")
    }
}
