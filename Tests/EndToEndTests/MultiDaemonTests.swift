import Foundation
import Testing
import SakyumTestSupport

/// Two daemons serving one project (the same folder contents and secret.key on each, as two machines with
/// the same checkout) against one PostgreSQL database, as behind a load balancer.
@Suite("Several daemons, one project on PostgreSQL")
struct MultiDaemonTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/schoolsite")

    static func twoDaemons() throws -> (TestDaemon, TestDaemon) {
        let (_, url) = try PostgresServer.shared().makeDatabase()
        let first = try TestDaemon { projects in
            let project = projects.appendingPathComponent("schoolsite")
            try FileManager.default.copyItem(at: example, to: project)
            try TestProject.setDatabase(url, in: project)
        }
        let second = try TestDaemon { projects in
            try FileManager.default.copyItem(at: first.projects.appendingPathComponent("schoolsite"), to: projects.appendingPathComponent("schoolsite"))
        }
        return (first, second)
    }

    @Test func whatOneWritesTheOtherServesAtOnceAndSessionsAndTheThrottleAreShared() throws {
        let (first, second) = try Self.twoDaemons()
        #expect(try first.ctl("add-user", "schoolsite", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)

        // An anonymous visitor's page on the second daemon, cached there.
        #expect(try second.get("/schoolsite/exam/").status == 200)
        #expect(!(try second.get("/schoolsite/exam/").text.contains("Written through the first daemon")))

        let ada = Browser(first)
        #expect(try ada.logIn("ada", "lovelace1", prefix: "/schoolsite").status == 302)
        let asked = try ada.post("/schoolsite/exam/new/", [("question_text", "Written through the first daemon?")], csrfFrom: "/schoolsite/exam/new/")
        #expect(asked.status == 302, "\(asked.text)")
        try second.eventually("the second daemon's cached page shows the new question", seconds: 3) {
            try second.get("/schoolsite/exam/").text.contains("Written through the first daemon?")
        }

        // The session cookie the first daemon set is good on the second (same secret.key, same users).
        let sameAda = Browser(second)
        sameAda.cookies = ada.cookies
        let mine = try sameAda.get("/schoolsite/exam/mine/")
        #expect(mine.status == 200 && mine.text.contains("Written through the first daemon?"), "\(mine.status)")

        // Five failed logins spread over both daemons: the sixth is refused, on either.
        let browsers = [Browser(first), Browser(second)]
        for attempt in 0..<5 {
            let failed = try browsers[attempt % 2].logIn("ada", "wrong password", prefix: "/schoolsite")
            #expect(failed.status == 401, "attempt \(attempt + 1): \(failed.status)")
        }
        for browser in browsers {
            let throttled = try browser.logIn("ada", "lovelace1", prefix: "/schoolsite")
            #expect(throttled.status == 429)
            #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 > 0)
        }
    }
}

extension MultiDaemonTests {
    /// A change of models.yaml that needs a migration, made on both machines' checkouts; `db upgrade` through
    /// one daemon: the other compiles the project again when the migration commits, and serves again.
    @Test func aMigrationThroughOneDaemonIsSeenByTheOther() throws {
        let (first, second) = try Self.twoDaemons()
        for daemon in [first, second] {
            let models = daemon.projects.appendingPathComponent("schoolsite/exam/models.yaml")
            let text = try String(contentsOf: models, encoding: .utf8)
            guard text.contains("    question_text: {type: text, nullable: false}") else { throw TestFailure("models.yaml changed") }
            try text.replacingOccurrences(of: "    question_text: {type: text, nullable: false}",
                                          with: "    question_text: {type: text, nullable: false, index: true}")
                .write(to: models, atomically: true, encoding: .utf8)
            #expect(try daemon.ctl("reload", "--wait", "schoolsite").status == 0)
        }
        #expect(try second.get("/schoolsite/exam/").status == 503, "the index waits for a migration")
        #expect(try second.ctl("status", "schoolsite").stdout.contains("create_index ix_exam_question_model_question_text"))

        let revision = try first.ctl("db", "revision", "schoolsite", "--autogenerate", "-m", "index questions")
        #expect(revision.status == 0, "\(revision.stderr)")
        let upgrade = try first.ctl("db", "upgrade", "schoolsite")
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(try first.get("/schoolsite/exam/").status == 200)
        try second.eventually("the second daemon serves the migrated project", seconds: 5) {
            try second.get("/schoolsite/exam/").status == 200
        }
        #expect(!(try second.ctl("status", "schoolsite").stdout.contains("pending migration")))
        let current = try first.ctl("db", "current", "schoolsite")
        #expect(current.status == 0 && !current.stdout.contains("base"), "\(current.stdout)")
    }
}
