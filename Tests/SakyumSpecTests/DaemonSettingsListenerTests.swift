import Foundation
import Testing
@testable import SakyumSpec

@Suite struct DaemonSettingsListenerTests {
    @Test func readsTLSAndTimeoutsWithPathsRelativeToTheFile() throws {
        let directory = try ProjectDirectory(name: "etc", files: [
            "sakyumd.yaml": "tls_listen: 0.0.0.0:443\ntls_certificate: cert.pem\ntls_key: /dev/null\nidle_timeout: 30\nevent_loops: 1\ntasks_on_event_loops: false\n",
            "cert.pem": "not checked here\n",
        ])
        let settings = try DaemonSettings.load(path: directory.url.appendingPathComponent("sakyumd.yaml").path)
        #expect(settings.tlsListen == ["0.0.0.0:443"])
        #expect(settings.tlsCertificate == directory.url.appendingPathComponent("cert.pem").standardizedFileURL.path)
        #expect(settings.tlsKey == "/dev/null")
        #expect(settings.idleTimeout == 30)
        #expect(settings.eventLoops == 1)
        #expect(settings.tasksOnEventLoops == false)
    }

    @Test func theShippedConfigurationLoads() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("etc/sakyum/sakyumd.yaml")
        let settings = try DaemonSettings.load(path: shipped.path)
        #expect(settings.projectsDir == "/var/lib/sakyum/projects")
        #expect(settings.controlSocket == "/run/sakyum/control.sock")
        #expect(settings.tlsListen.isEmpty)
        #expect(settings.tasksOnEventLoops == nil)  // the daemon's default: tasks on the event loops
    }

    @Test(arguments: [
        ("tls_listen: [127.0.0.1:8443]\ntls_key: /dev/null\n", "sakyumd.yaml:1:13: tls_listen needs tls_certificate too"),
        ("tls_certificate: missing.pem\n", "sakyumd.yaml:1:18: tls_certificate: cannot read"),
        ("tls_listen: [nowhere]\n", "sakyumd.yaml:1:13: tls_listen: 'nowhere' is not HOST:PORT"),
        ("idle_timeout: 0\n", "sakyumd.yaml:1:15: idle_timeout: must be 1 to 86400 (seconds)"),
        ("body_timeout: 100000\n", "sakyumd.yaml:1:15: body_timeout: must be 1 to 86400 (seconds)"),
        ("idle_unload: -5\n", "sakyumd.yaml:1:14: idle_unload: must be 0 (never) to 31536000 (seconds)"),
        ("idle_timeout: soon\n", "sakyumd.yaml:1:15: configuration: 'idle_timeout' must be a whole number"),
        ("event_loops: 0\n", "sakyumd.yaml:1:14: event_loops: must be 1 to 256"),
        ("tasks_on_event_loops: sometimes\n", "sakyumd.yaml:1:23: configuration: 'tasks_on_event_loops' must be true or false"),
    ])
    func mistakesAreReportedWithFileAndLine(yaml: String, expected: String) throws {
        let directory = try ProjectDirectory(name: "etc", files: ["sakyumd.yaml": yaml])
        do {
            _ = try DaemonSettings.load(path: directory.url.appendingPathComponent("sakyumd.yaml").path)
            Issue.record("\(yaml) loaded")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
