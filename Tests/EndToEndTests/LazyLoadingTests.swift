import Foundation
import Synchronization
import Testing
import SakyumTestSupport

/// Without --dev or --eager a project is compiled on its first request and unloaded after idle_unload.
@Suite("Lazy projects: compiled on first request, unloaded when idle, routed before either")
struct LazyLoadingTests {
    private static func daemon(config: String = "", extraArguments: [String] = [], setUp: @escaping (URL) throws -> Void) throws
        -> (TestDaemon, TemporaryFolder) {
        let folder = TemporaryFolder("sakyum-lazy")
        let file = try folder.write("sakyumd.yaml", config.isEmpty ? "{}\n" : config)
        let daemon = try TestDaemon(dev: false, extraArguments: ["--config", file.path, "--log-level", "info"] + extraArguments, setUp: setUp)
        return (daemon, folder)
    }

    private static func status(_ daemon: TestDaemon, _ project: String) throws -> [String: Any] {
        let reply = try daemon.ctl("status", project, "--json")
        let object = try JSONSerialization.jsonObject(with: Data(reply.stdout.utf8)) as? [String: Any]
        let projects = (object?["result"] as? [String: Any])?["projects"] as? [[String: Any]]
        return try #require(projects?.first, "\(reply.stdout)\(reply.stderr)")
    }

    private static func edit(_ file: URL, replacing text: String, with replacement: String) throws {
        let current = try String(contentsOf: file, encoding: .utf8)
        guard current.contains(text) else { throw TestFailure("\(file.path) has no '\(text)'") }
        try current.replacingOccurrences(of: text, with: replacement).write(to: file, atomically: true, encoding: .utf8)
    }

    private static func compiles(of project: String, in daemon: TestDaemon) -> Int {
        daemon.log.components(separatedBy: "project \(project): hosts").count - 1
    }

    @Test func aProjectIsCompiledOnItsFirstRequestAndNotBefore() throws {
        let (daemon, folder) = try Self.daemon { try ProjectFixture.write(name: "alpha", in: $0) }
        defer { folder.remove() }
        let before = try Self.status(daemon, "alpha")
        #expect(before["state"] as? String == "unloaded")
        #expect(before["loaded"] as? Bool == false)
        #expect(before["hosts"] as? [String] == ["alpha.localhost"], "routed by project.yaml before any compile")
        #expect(before["lastRequest"] == nil)
        #expect(Self.compiles(of: "alpha", in: daemon) == 0)

        #expect(try daemon.get("/", host: "alpha.localhost").status == 200)
        let after = try Self.status(daemon, "alpha")
        #expect(after["state"] as? String == "serving")
        #expect(after["loaded"] as? Bool == true)
        #expect(after["compileMilliseconds"] as? Double != nil)
        #expect(after["lastRequest"] as? String != nil)
        #expect(try daemon.ctl("status", "alpha").stdout.contains("in memory:  yes (latest compile"))
    }

    @Test func concurrentFirstRequestsWaitForOneCompile() throws {
        let (daemon, folder) = try Self.daemon { try ProjectFixture.write(name: "alpha", in: $0) }
        defer { folder.remove() }
        let statuses = Mutex<[Int]>([])
        let clients = (0..<8).map { _ in
            Thread { statuses.withLock { $0.append((try? daemon.get("/alpha/").status) ?? 0) } }
        }
        clients.forEach { $0.start() }
        try waitUntil("the clients finished") { statuses.withLock { $0.count } == 8 }
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 8))
        #expect(Self.compiles(of: "alpha", in: daemon) == 1, "\(daemon.log)")
    }

    @Test func anIdleProjectIsUnloadedAndItsNextRequestCompilesItAgain() throws {
        let (daemon, folder) = try Self.daemon(config: "idle_unload: 1\n") { try ProjectFixture.write(name: "alpha", in: $0) }
        defer { folder.remove() }
        #expect(try daemon.get("/alpha/").status == 200)
        #expect(try Self.status(daemon, "alpha")["loaded"] as? Bool == true)
        try waitUntil("alpha unloaded after a second idle") { try Self.status(daemon, "alpha")["state"] as? String == "unloaded" }
        let changesSeen = daemon.log.components(separatedBy: "change in alpha").count

        // Unloaded, its folders inside are not watched: an edit there costs nothing until the next request.
        let template = daemon.projects.appendingPathComponent("alpha/templates/alpha/index.html")
        try "<h1>edited while unloaded</h1>\n".write(to: template, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(daemon.log.components(separatedBy: "change in alpha").count == changesSeen)
        #expect(try daemon.get("/alpha/").text.contains("edited while unloaded"))
        #expect(try Self.status(daemon, "alpha")["loaded"] as? Bool == true)
        #expect(Self.compiles(of: "alpha", in: daemon) == 2)
    }

    @Test func preloadAndEagerCompileAtStartAndStay() throws {
        let (daemon, folder) = try Self.daemon(config: "idle_unload: 1\n") { projects in
            try ProjectFixture.write(name: "kept", in: projects, extraYAML: "preload: true")
            try ProjectFixture.write(name: "lazy", in: projects)
        }
        defer { folder.remove() }
        #expect(try Self.status(daemon, "kept")["state"] as? String == "serving")
        #expect(try Self.status(daemon, "lazy")["state"] as? String == "unloaded")
        Thread.sleep(forTimeInterval: 2.5)
        #expect(try Self.status(daemon, "kept")["loaded"] as? Bool == true, "preload: never unloaded")

        let (eager, eagerFolder) = try Self.daemon(extraArguments: ["--eager"]) { try ProjectFixture.write(name: "alpha", in: $0) }
        defer { eagerFolder.remove() }
        #expect(try Self.status(eager, "alpha")["state"] as? String == "serving")
    }

    @Test func aChangeToAnUnloadedProjectOnlyRereadsItsRoutes() throws {
        let (daemon, folder) = try Self.daemon { try ProjectFixture.write(name: "alpha", in: $0) }
        defer { folder.remove() }
        let project = daemon.projects.appendingPathComponent("alpha")
        try Self.edit(project.appendingPathComponent("project.yaml"), replacing: "hosts: [alpha.localhost]", with: "hosts: [alpha.localhost, beta.test]")
        try waitUntil("the new host routed") { try Self.status(daemon, "alpha")["hosts"] as? [String] == ["alpha.localhost", "beta.test"] }
        #expect(try Self.status(daemon, "alpha")["state"] as? String == "unloaded", "a change costs no compile")
        #expect(Self.compiles(of: "alpha", in: daemon) == 0)
        #expect(try daemon.get("/", host: "beta.test").status == 200)

        // Loaded now: an edit compiles it again at once, as before.
        try "<h1>edited</h1>\n".write(to: project.appendingPathComponent("templates/alpha/index.html"), atomically: true, encoding: .utf8)
        try waitUntil("the edit served") { try daemon.get("/alpha/").text.contains("edited") }
        #expect(Self.compiles(of: "alpha", in: daemon) == 2)
    }

    @Test func aBrokenProjectAnswers503UntilFixedWhileOthersServe() throws {
        let (daemon, folder) = try Self.daemon { projects in
            try ProjectFixture.write(name: "broken", in: projects, extraYAML: "colour: red")
            try ProjectFixture.write(name: "alpha", in: projects)
        }
        defer { folder.remove() }
        let refused = try daemon.get("/broken/")
        #expect(refused.status == 503)
        #expect(refused.text.contains("does not load"))
        #expect(refused.header("Retry-After") != nil)
        #expect(try daemon.get("/broken/").status == 503)
        #expect(Self.compiles(of: "broken", in: daemon) == 0)
        #expect(daemon.log.components(separatedBy: "project broken failed to load").count - 1 == 1, "tried once, not on every request")
        let status = try Self.status(daemon, "broken")
        #expect(status["state"] as? String == "failed")
        #expect((status["diagnostics"] as? [String])?.contains { $0.contains("colour") } == true)
        #expect(try daemon.get("/alpha/").status == 200)

        try Self.edit(daemon.projects.appendingPathComponent("broken/project.yaml"), replacing: "colour: red", with: "")
        try waitUntil("broken routed again") { try Self.status(daemon, "broken")["state"] as? String == "unloaded" }
        #expect(try daemon.get("/broken/").status == 200)
    }
}
