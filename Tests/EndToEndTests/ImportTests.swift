import Foundation
import Testing
import SakyumTestSupport

@Suite("sakyumctl import of a project sakyum made, served by the real daemon")
struct ImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sakyum-import/schoolsite")

    @Test func importedProjectServesSakyumsUsersAndQuestionsAndSetAdminOpensTheAdmin() throws {
        let daemon = try TestDaemon(dev: false)
        let imported = try daemon.ctl("import", Self.fixture.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported \(Self.fixture.path) as project schoolsite; serving it at http://schoolsite.localhost/ and /schoolsite/"))
        #expect(imported.stdout.contains("exam/views.py:45: view exam.ask (/exam/ask/) is Python logic"))
        #expect(imported.stdout.contains("IMPORT.md"))

        // Both mounts: the rewritten static links and the links to sakyum's endpoints follow the mount.
        let questions = try daemon.get("/exam/questions/", host: "schoolsite.localhost")
        #expect(questions.status == 200)
        #expect(questions.text.contains("What is not related to quantum?"))
        #expect(questions.text.contains("href=\"/static/exam/style.css\""))
        #expect(questions.text.contains("href=\"/exam/question/1/\""))
        let prefixed = try daemon.get("/schoolsite/exam/questions/")
        #expect(prefixed.text.contains("href=\"/schoolsite/static/exam/style.css\""))
        #expect(prefixed.text.contains("href=\"/schoolsite/exam/question/1/\""))
        #expect(try daemon.get("/static/exam/style.css", host: "schoolsite.localhost").status == 200)
        // By Host, as the admin sakyum's create_user made and as a user who is not an admin.
        let hostAdmin = Browser(daemon, host: "schoolsite.localhost")
        #expect(try hostAdmin.logIn("network-engineer", "my-secret-pass", prefix: "").status == 302)
        let adminHome = try hostAdmin.get("/admin/")
        #expect(adminHome.status == 200)
        #expect(adminHome.text.contains("href=\"/admin/change_profile_image/\""))
        let hostUser = Browser(daemon, host: "schoolsite.localhost")
        #expect(try hostUser.logIn("quantum-developer", "123456", prefix: "").status == 302)
        let ask = try hostUser.get("/exam/ask/")
        #expect(ask.text.contains("Not ported yet"))
        #expect(!ask.text.contains("/schoolsite/"))
        #expect(try hostUser.get("/admin/").status == 403)
        let status = try daemon.ctl("status", "schoolsite")
        #expect(status.stdout.contains("schoolsite: serving"), "\(status.stdout)")
        #expect(!status.stdout.contains("pending migration"))

        let browser = Browser(daemon)
        #expect(try browser.logIn("front-developer", "123456", prefix: "/schoolsite").status == 302)
        #expect(try browser.get("/schoolsite/admin/").status == 403)
        let granted = try daemon.ctl("set-admin", "schoolsite", "front-developer")
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout.contains("front-developer is now an admin of schoolsite"))
        let admin = try browser.get("/schoolsite/admin/examchoicemodel/")
        #expect(admin.status == 200)
        #expect(admin.text.contains("superposition"))
        #expect(try daemon.ctl("set-admin", "schoolsite", "front-developer", "--revoke").status == 0)
        #expect(try browser.get("/schoolsite/admin/").status == 403)

        let unknown = try daemon.ctl("set-admin", "schoolsite", "nobody")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("There is no user 'nobody'"))
    }

    @Test func refusesWhatItCannotImportAndWritesNothing() throws {
        let daemon = try TestDaemon()
        let notSakyum = try daemon.ctl("import", daemon.projects.deletingLastPathComponent().path)
        #expect(notSakyum.status != 0)
        #expect(notSakyum.stderr.contains("is not a sakyum project"))

        #expect(try daemon.ctl("create-project", "schoolsite").status == 0)
        let taken = try daemon.ctl("import", Self.fixture.path)
        #expect(taken.status != 0)
        #expect(taken.stderr.contains("already exists") || taken.stderr.contains("is already"), "\(taken.stderr)")
        let conflicting = try daemon.ctl("import", Self.fixture.path, "--name", "school2", "--prefix", "/schoolsite")
        #expect(conflicting.status != 0)
        #expect(conflicting.stderr.contains("/schoolsite"), "\(conflicting.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.projects.path).sorted() == ["schoolsite"])
    }
}
