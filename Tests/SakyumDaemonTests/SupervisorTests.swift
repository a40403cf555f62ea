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
}
