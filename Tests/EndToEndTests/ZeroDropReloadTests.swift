import Foundation
import Synchronization
import Testing
import SakyumTestSupport

@Suite("Zero-drop reload: a project keeps answering while it is reloaded again and again")
struct ZeroDropReloadTests {
    /// Requests the load clients made, and every one that did not come back as a complete 200.
    final class LoadRecord: Sendable {
        private let state = Mutex<(done: Int, failures: [String])>((0, []))
        private let stopped = Atomic(false)

        func stop() { stopped.store(true, ordering: .relaxed) }
        var isStopped: Bool { stopped.load(ordering: .relaxed) }

        func succeeded() { state.withLock { $0.done += 1 } }
        func failed(_ what: String) { state.withLock { $0.done += 1; $0.failures.append(what) } }
        var done: Int { state.withLock { $0.done } }
        var failures: [String] { state.withLock { $0.failures } }
    }

    @Test func aHundredReloadsUnderSteadyLoadFailNoRequest() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.ctl("create-project", "shop").status == 0)
        for index in 0..<10 {
            let created = try daemon.ctl("create-app", "shop", "app\(index)")
            #expect(created.status == 0, "\(created.stderr)")
        }
        let project = daemon.projects.appendingPathComponent("shop")
        let template = project.appendingPathComponent("templates/shop/index.html")
        #expect(try daemon.get("/shop/app9/").status == 200)

        let record = LoadRecord()
        let clients = (0..<3).map { client in
            Thread {
                let paths = ["/shop/", "/shop/app\(client)/", "/shop/static/shop/style.css"]
                var turn = 0
                while !record.isStopped {
                    let path = paths[turn % paths.count]
                    turn += 1
                    do {
                        let reply = try daemon.get(path)
                        if reply.status == 200 { record.succeeded() } else { record.failed("\(path): \(reply.status)") }
                    } catch {
                        record.failed("\(path): \(error)")
                    }
                }
            }
        }
        clients.forEach { $0.start() }
        // Also on failure: the clients hold the daemon, which only stops once they let it go.
        defer {
            record.stop()
            try? waitUntil("the load clients stopped") { clients.allSatisfy(\.isFinished) }
        }
        try waitUntil("the load started") { record.done > 0 }

        for round in 0..<50 {
            // A file edit: the watcher reloads; wait until the new version is the one served.
            try "<h1>shop</h1><p>version \(round)</p>\n".write(to: template, atomically: true, encoding: .utf8)
            try daemon.eventually("version \(round) served") { try daemon.get("/shop/").text.contains("version \(round)</p>") }
            let reload = try daemon.ctl("reload", "--wait", "shop")
            #expect(reload.status == 0 && reload.stdout.contains("shop: serving"), "\(reload.stdout)\(reload.stderr)")
        }
        record.stop()
        try waitUntil("the load clients stopped") { clients.allSatisfy(\.isFinished) }
        #expect(record.failures.isEmpty, "\(record.failures.count) failed of \(record.done): \(record.failures.prefix(5))")
        #expect(record.done > 100)
        let status = try daemon.ctl("status", "shop").stdout
        let match = try #require(status.firstMatch(of: /reloads:\s+(\d+), median ([\d.]+) ms, p99 ([\d.]+) ms/), "\(status)")
        #expect(Int(match.1)! >= 100, "\(status)")
        print("reload of a project with 10 apps under load: \(match.1) reloads, median \(match.2) ms, p99 \(match.3) ms; \(record.done) requests, none failed")
    }
}
