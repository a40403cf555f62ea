import Foundation
import Logging
import Testing
@testable import SakyumDaemon
import SakyumTestSupport

/// The routing table after one project changes: updated in place, or rebuilt when hosts or prefixes collide.
@Suite struct SupervisorTests {
    let folder = TemporaryFolder("supervisor")

    func write(_ name: String, host: String, prefix: String? = nil) throws {
        try ProjectFixture.write(name: name, in: folder.url, hosts: [host], prefix: prefix)
    }

    func routes(_ supervisor: Supervisor) -> [String: String] {
        supervisor.table.current.byHost.mapValues(\.head.name)
    }

    @Test(arguments: [true, false])
    func aChangeMovesOnlyItsProjectAndACollisionWaitsForTheHostToBeFree(eager: Bool) async throws {
        defer { folder.remove() }
        try write("alpha", host: "a.test")
        try write("beta", host: "b.test")
        let supervisor = Supervisor(projectsDirectory: folder.url, defaultProject: nil, eager: eager, logger: Logger(label: "test"))
        await supervisor.loadAll()
        #expect(routes(supervisor) == ["a.test": "alpha", "b.test": "beta"])

        try write("beta", host: "c.test")
        _ = await supervisor.reload("beta")
        #expect(routes(supervisor) == ["a.test": "alpha", "c.test": "beta"], "the old host is gone")

        // beta asks for alpha's host: alpha keeps it, beta is not served and says why.
        try write("beta", host: "a.test", prefix: "/beta")
        _ = await supervisor.reload("beta")
        #expect(routes(supervisor) == ["a.test": "alpha"])
        let beta = try #require(await supervisor.records("beta").first)
        #expect(beta.state == .failed)
        #expect(beta.conflicts == ["host 'a.test' is already served by project 'alpha'"])
        #expect(supervisor.table.current.byPrefix["beta"] == nil)

        // alpha lets it go: beta is served at once, without a change of its own.
        try write("alpha", host: "z.test")
        _ = await supervisor.reload("alpha")
        #expect(routes(supervisor) == ["z.test": "alpha", "a.test": "beta"])
        #expect(await supervisor.records("beta").first?.conflicts == [])

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("alpha"))
        _ = await supervisor.reload("alpha")
        #expect(routes(supervisor) == ["a.test": "beta"])
        #expect(await supervisor.records(nil).map(\.name) == ["beta"])
    }

    /// Compiling, failing and unloading change a route's target in place: no new table for ten thousand routes.
    @Test func compilingAndUnloadingKeepTheTableAndTheCounts() async throws {
        defer { folder.remove() }
        try write("alpha", host: "a.test")
        try write("beta", host: "b.test")
        let supervisor = Supervisor(projectsDirectory: folder.url, defaultProject: nil, eager: false, idleUnload: 60, logger: Logger(label: "test"))
        await supervisor.loadAll()
        #expect(await supervisor.summary == "2 projects (0 loaded), 0 with errors")
        let route = try #require(supervisor.table.current.byHost["a.test"])

        #expect(await supervisor.activate("alpha") != nil)
        #expect(supervisor.table.current.byHost["a.test"] === route)
        guard case .loaded = route.target else { Issue.record("alpha is not loaded: \(route.target)"); return }
        #expect(await supervisor.summary == "2 projects (1 loaded), 0 with errors")

        await supervisor.unloadIdle(now: ProjectActivity.now + 61)
        #expect(supervisor.table.current.byHost["a.test"] === route)
        guard case .unloaded = route.target else { Issue.record("alpha is still loaded: \(route.target)"); return }
        #expect(await supervisor.summary == "2 projects (0 loaded), 0 with errors")

        try ProjectFixture.write(name: "beta", in: folder.url, hosts: ["b.test"], extraYAML: "colour: red")
        #expect(await supervisor.activate("beta") == nil)
        guard case .failed = try #require(supervisor.table.current.byHost["b.test"]).target else { Issue.record("beta did not fail"); return }
        #expect(await supervisor.summary == "2 projects (0 loaded), 1 with errors")
    }
}
