import Foundation
import Testing
import SakyumTestSupport

@Suite("A project on PostgreSQL, served by the real daemon")
struct PostgresTests {
    @Test func createdWithADatabaseURLAndServedFromIt() throws {
        let server = try PostgresServer.shared()
        let (name, url) = try server.makeDatabase()
        let daemon = try TestDaemon()
        let created = try daemon.ctl("create-project", "school", "--database", url)
        #expect(created.status == 0, "\(created.stderr)\n\(daemon.log)")
        let yaml = try String(contentsOf: daemon.projects.appendingPathComponent("school/project.yaml"), encoding: .utf8)
        #expect(yaml.contains("\ndatabase: postgresql://postgres@/\(name)?host=\(server.socketFolder)&port=\(server.port)\n"), "\(yaml)")
        #expect(!FileManager.default.fileExists(atPath: daemon.projects.appendingPathComponent("school/default.db").path))
        #expect(try server.psql("SELECT count(*) FROM \"user\"", database: name) == "0\n", "the tables are made in PostgreSQL")

        try Self.registerUserAdmin(in: daemon)
        #expect(try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)
        #expect(try server.psql("SELECT username || ' ' || is_admin FROM \"user\"", database: name) == "ada true\n")
        let browser = Browser(daemon)
        #expect(try browser.logIn("ada", "lovelace1").status == 302)
        let users = try browser.get("/school/admin/user/")
        #expect(users.status == 200 && users.text.contains("ada@example.com"), "\(users.text)")
    }

    /// The admin's user list, a page that reads the database.
    static func registerUserAdmin(in daemon: TestDaemon) throws {
        let file = daemon.projects.appendingPathComponent("school/project.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8)
        guard yaml.contains("  views: []") else { throw TestFailure("project.yaml has no empty admin views") }
        try yaml.replacingOccurrences(of: "  views: []", with: "  views: [{model: User, view: UserAdmin, name: User}]")
            .write(to: file, atomically: true, encoding: .utf8)
        let reload = try daemon.ctl("reload", "--wait", "school")
        guard reload.stdout.contains("school: serving") else { throw TestFailure("reload: \(reload.stdout)\(reload.stderr)") }
    }

    @Test func aPasswordInTheURLIsRefusedAndNeverRepeated() throws {
        let daemon = try TestDaemon()
        let refused = try daemon.ctl("create-project", "school", "--database", "postgresql://school:hunter2@db.example/school")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the password must not be in project.yaml"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("hunter2") && !daemon.log.contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: daemon.projects.appendingPathComponent("school").path), "nothing half-written")
    }

    /// PostgreSQL stops: pages that need data answer 503 with Retry-After at once, static files and pages without
    /// data keep being served, status says why; PostgreSQL starts again: everything is back, the daemon untouched.
    @Test func whilePostgreSQLIsDownPagesThatNeedDataAre503AndComeBackByThemselves() throws {
        let server = try PostgresServer.own()
        let (_, url) = try server.makeDatabase()
        let daemon = try TestDaemon()
        #expect(try daemon.ctl("create-project", "school", "--database", url).status == 0)
        try Self.registerUserAdmin(in: daemon)
        #expect(try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)
        let browser = Browser(daemon)
        #expect(try browser.logIn("ada", "lovelace1").status == 302)
        #expect(try browser.get("/school/admin/user/").status == 200)

        try server.stop()
        let asked = Date()
        let down = try browser.get("/school/admin/user/")
        #expect(Date().timeIntervalSince(asked) < 6, "answered within the pool's bounded wait")
        #expect(down.status == 503, "\(down.text)")
        #expect(down.header("Retry-After") == "5")
        #expect(try daemon.get("/school/static/school/style.css").status == 200)
        #expect(try daemon.get("/school/").status == 200, "the landing page needs no data")
        let status = try daemon.ctl("status", "school")
        #expect(status.stdout.contains("database unavailable:"), "\(status.stdout)")
        #expect(status.stdout.contains("  database:   postgresql://postgres@/t"), "where the data is, without a password")
        #expect(try daemon.ctl("list").stdout.contains("school\tserving (database unavailable)"))

        try server.start()
        try daemon.eventually("the admin list served again") { try browser.get("/school/admin/user/").status == 200 }

        // A restart between two requests: the pool's idle connection died with the old server; the first
        // request after it is served all the same, on a new connection.
        try server.stop()
        try server.start()
        #expect(try browser.get("/school/admin/user/").status == 200)
        #expect(!(try daemon.ctl("status", "school").stdout.contains("database unavailable")))
    }

    /// The daemon starts while PostgreSQL is down: the project cannot load (503, and status says why); once
    /// PostgreSQL is up the daemon compiles it again by itself and serves it.
    @Test func aProjectWhoseServerIsDownAtStartServesOnceItIsUp() throws {
        let server = try PostgresServer.own()
        let (_, url) = try server.makeDatabase()
        try server.stop()
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "school", in: projects)
            try TestProject.setDatabase(url, in: projects.appendingPathComponent("school"))
        }
        #expect(try daemon.get("/school/").status == 503)
        #expect(try daemon.ctl("status", "school").stdout.contains("database unavailable"))
        try server.start()
        try daemon.eventually("the project loaded without being touched", seconds: 20) { try daemon.get("/school/").status == 200 }
        #expect(try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)
    }
}
