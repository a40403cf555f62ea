import Foundation
import Testing
import SakyumTestSupport

@Suite("create-project and create-app through the control socket, served at once")
struct ProjectLifecycleTests {
    @Test func emptyProjectsDirectoryStartsAndAnswersWithTheDaemons404() throws {
        let daemon = try TestDaemon()
        let list = try daemon.ctl("list")
        #expect(list.status == 0)
        #expect(list.stdout.contains("no projects"))
        let reply = try daemon.get("/")
        #expect(reply.status == 404)
        #expect(reply.text.contains("No project is served"))
    }

    @Test func createProjectWritesTheTreeAndServesItByPrefixAndHost() throws {
        let daemon = try TestDaemon()
        let created = try daemon.ctl("create-project", "schoolsite")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created project schoolsite"))

        let project = daemon.projects.appendingPathComponent("schoolsite")
        for file in ["project.yaml", "secret.key", "templates/admin/index.html", "templates/schoolsite/index.html",
                     "static/schoolsite/index.js", "static/schoolsite/style.css", "static/schoolsite/media", "media/default_img.png"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(file).path), "missing \(file)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: project.appendingPathComponent("secret.key").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let png = try Data(contentsOf: project.appendingPathComponent("media/default_img.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

        let byPrefix = try daemon.get("/schoolsite/")
        #expect(byPrefix.status == 200)
        #expect(byPrefix.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(byPrefix.text.contains("schoolsite"))
        let byHost = try daemon.get("/", host: "SchoolSite.localhost:5000")
        #expect(byHost.status == 200)
        #expect(byHost.text.contains("schoolsite"))

        let bare = try daemon.get("/schoolsite?x=1")
        #expect(bare.status == 308)
        #expect(bare.header("Location") == "/schoolsite/?x=1")
    }

    @Test func createProjectHonoursHostsAndPrefix() throws {
        let daemon = try TestDaemon()
        let created = try daemon.ctl("create-project", "blog", "--host", "blog.example.com", "--host", "www.blog.example.com", "--prefix", "/news")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try daemon.get("/news/").status == 200)
        #expect(try daemon.get("/", host: "www.blog.example.com").status == 200)
        #expect(try daemon.get("/blog/").status == 404)
        let status = try daemon.ctl("status", "blog")
        #expect(status.stdout.contains("blog.example.com"))
        #expect(status.stdout.contains("/news"))
        #expect(status.stdout.contains("serving"))
    }

    @Test func createAppWritesItsFilesRegistersItAndServesIt() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.ctl("create-project", "schoolsite").status == 0)
        let project = daemon.projects.appendingPathComponent("schoolsite")
        let yamlBefore = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)

        let created = try daemon.ctl("create-app", "schoolsite", "exam")
        #expect(created.status == 0, "\(created.stderr)")
        for file in ["exam/models.yaml", "exam/forms.yaml", "exam/admin.yaml", "exam/views.yaml",
                     "templates/exam/index.html", "static/exam/index.js", "static/exam/style.css", "static/exam/media"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(file).path), "missing \(file)")
        }
        let yamlAfter = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
        // Every line that was there is still there, in order (comments included); exam was added.
        let before = yamlBefore.split(separator: "\n", omittingEmptySubsequences: false)
        var remaining = yamlAfter.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in before {
            guard let index = remaining.firstIndex(of: line) else {
                Issue.record("line lost from project.yaml: \(line)")
                break
            }
            remaining = remaining[(index + 1)...]
        }
        #expect(yamlAfter.contains("exam"))

        let app = try daemon.get("/schoolsite/exam/")
        #expect(app.status == 200)
        let landing = try daemon.get("/schoolsite/")
        #expect(landing.text.contains("href=\"/schoolsite/exam/\""))
        let landingByHost = try daemon.get("/", host: "schoolsite.localhost")
        #expect(landingByHost.text.contains("href=\"/exam/\""))
        let redirect = try daemon.get("/schoolsite/exam")
        #expect(redirect.status == 308)
        #expect(redirect.header("Location") == "/schoolsite/exam/")
    }

    @Test(arguments: [
        (["create-project", "1school"], "1school"),
        (["create-project", "school-site"], "school-site"),
        (["create-project", "sakyum"], "sakyum"),
        (["create-project", "../escape"], "escape"),
    ])
    func badProjectNamesAreRefusedAndWriteNothing(arguments: [String], name: String) throws {
        let daemon = try TestDaemon()
        let result = try daemon.ctl(arguments[0], arguments[1])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "one line: \(result.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: daemon.projects.path).filter { !$0.hasPrefix(".sakyum") }
        #expect(entries.isEmpty, "written: \(entries)")
    }

    @Test func existingNamesAreRefusedAndNothingChanges() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.ctl("create-project", "schoolsite").status == 0)
        #expect(try daemon.ctl("create-app", "schoolsite", "exam").status == 0)
        let project = daemon.projects.appendingPathComponent("schoolsite")
        let yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)

        let again = try daemon.ctl("create-project", "schoolsite")
        #expect(again.status != 0)
        #expect(again.stderr.contains("already"))
        let sameApp = try daemon.ctl("create-app", "schoolsite", "exam")
        #expect(sameApp.status != 0)
        let projectNamedApp = try daemon.ctl("create-app", "schoolsite", "schoolsite")
        #expect(projectNamedApp.status != 0)
        let badApp = try daemon.ctl("create-app", "schoolsite", "9lives")
        #expect(badApp.status != 0)
        let noProject = try daemon.ctl("create-app", "nosuch", "exam")
        #expect(noProject.status != 0)
        #expect(noProject.stderr.contains("nosuch"))
        #expect(try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8) == yaml)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("9lives").path))
    }

    @Test func aHostOrPrefixAlreadyServedIsRefusedBeforeAnythingIsWritten() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.ctl("create-project", "first").status == 0)
        let sameHost = try daemon.ctl("create-project", "second", "--host", "First.localhost")
        #expect(sameHost.status != 0)
        #expect(sameHost.stderr.contains("host 'First.localhost' is already served by project 'first'"), "\(sameHost.stderr)")
        let samePrefix = try daemon.ctl("create-project", "third", "--prefix", "/first")
        #expect(samePrefix.status != 0)
        #expect(samePrefix.stderr.contains("prefix '/first' is already used by project 'first'"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: daemon.projects.path).filter { !$0.hasPrefix(".") }
        #expect(entries == ["first"])
    }

    @Test func sakyumctlSaysWhenTheDaemonIsNotRunning() throws {
        let result = try Sakyumctl.run(["list"], socket: "/tmp/sakyum-nothing-here-\(UUID().uuidString.prefix(6)).sock")
        #expect(result.status != 0)
        #expect(result.stderr.contains("daemon not running at /tmp/sakyum-nothing-here"))
    }

    @Test func projectsPresentAtStartAreLoadedAndLogged() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "alpha", in: projects)
            try ProjectFixture.write(name: "beta", in: projects, hosts: ["beta.test"])
        }
        #expect(daemon.log.contains("project alpha: hosts alpha.localhost, prefix /alpha, blueprints default,errors,auth,base"))
        #expect(daemon.log.contains("project beta: hosts beta.test"))
        #expect(try daemon.get("/alpha/").text.contains("alpha home"))
        #expect(try daemon.get("/", host: "beta.test").text.contains("beta home"))
    }
}
