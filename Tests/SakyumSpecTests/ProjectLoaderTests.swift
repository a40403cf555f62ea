import Foundation
import Testing
@testable import SakyumSpec
import SakyumTestSupport

/// A temporary project directory, removed when the value goes away.
final class ProjectDirectory {
    private let folder: TemporaryFolder
    let url: URL

    init(name: String = "schoolsite", files: [String: String]) throws {
        folder = TemporaryFolder("spec")
        url = folder.url.appendingPathComponent(name)
        for (path, text) in files {
            try TemporaryFolder.write(text, to: url.appendingPathComponent(path))
        }
    }

    func load() throws(ProjectLoadError) -> ProjectSpec { try ProjectLoader(directory: url).load() }

    func diagnostics() -> [Diagnostic] {
        do {
            _ = try load()
            return []
        } catch {
            return error.diagnostics
        }
    }
}

let minimalProject = """
    name: schoolsite
    hosts: [SchoolSite.localhost]
    prefix: /schoolsite
    blueprints: [default, errors, auth, base, exam]
    routes:
      - {path: /, endpoint: index, template: schoolsite/index.html}
    """

@Suite struct ProjectLoaderTests {
    @Test func loadsAProjectWithAnApp() throws {
        let project = try ProjectDirectory(files: [
            "project.yaml": minimalProject + "\nuploads: {max_content_length: 2MiB, allowed_extensions: [PNG, .gif]}\nerrors: {404: schoolsite/404.html}\n",
            "exam/views.yaml": """
                - {path: /exam/, endpoint: index, template: exam/index.html, context: {title: Exam, size: 3, tags: [a, b]}}
                - path: "/exam/<int:id>/"
                  endpoint: detail
                  template: exam/detail.html
                  methods: [get, post]
                """,
            "exam/models.yaml": "ExamQuestionModel:\n  fields: {}\nExamChoiceModel: {}\n",
            "exam/forms.yaml": "{}\n",
        ])
        let spec = try project.load()
        #expect(spec.name == "schoolsite")
        #expect(spec.hosts == ["schoolsite.localhost"])
        #expect(spec.prefix == "/schoolsite")
        #expect(spec.blueprints == ["default", "errors", "auth", "base", "exam"])
        #expect(spec.appNames == ["exam"])
        #expect(spec.uploads.maxContentLength == 2 * 1024 * 1024)
        #expect(spec.uploads.allowedExtensions == ["png", "gif"])
        #expect(spec.errorTemplates == [404: "schoolsite/404.html"])
        let exam = try #require(spec.apps.first)
        #expect(exam.modelNames == ["ExamQuestionModel", "ExamChoiceModel"])
        #expect(exam.views.map(\.endpoint) == ["index", "detail"])
        #expect(exam.views[1].methods == ["GET", "POST"])
        #expect(exam.views[1].location.line == 2)
        let context = exam.views[0].context
        #expect(context.map(\.key) == ["title", "size", "tags"])
        #expect(context[1].value.literal == .int(3))
        #expect(context[2].value.literal == .list([.string("a"), .string("b")]))
    }

    /// Found by scripts/fuzz (project): Foundation leaked the read buffer of every empty file.
    @Test func emptyAppFilesLoadAsEmpty() throws {
        let project = try ProjectDirectory(files: [
            "project.yaml": minimalProject, "exam/models.yaml": "", "exam/forms.yaml": "", "exam/admin.yaml": "", "exam/views.yaml": "",
        ])
        let spec = try project.load()
        #expect(spec.apps.first { $0.name == "exam" }?.models.isEmpty == true)
        #expect(try TextFile.read(project.url.appendingPathComponent("exam/forms.yaml")) == "")
    }

    @Test func unknownKeysAreReportedWithLocationAndSuggestion() throws {
        let project = try ProjectDirectory(files: ["project.yaml": "name: schoolsite\nblueprints: [default]\nhots: [a.test]\n"])
        let diagnostics = project.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description == "project.yaml:3:1: project.yaml: unknown key 'hots' (did you mean 'hosts'?)")
    }

    @Test func malformedYAMLIsLocated() throws {
        let project = try ProjectDirectory(files: ["project.yaml": "name: schoolsite\nblueprints: [default, errors\n"])
        let diagnostic = try #require(project.diagnostics().first)
        #expect(diagnostic.file == "project.yaml")
        #expect(diagnostic.line >= 2)
        #expect(diagnostic.message.hasPrefix("invalid YAML"))
    }

    @Test(arguments: [
        ("name: other\nblueprints: [default]\n", "must match the project's directory name"),
        ("blueprints: [default]\n", "'name' is required"),
        ("name: schoolsite\n", "'blueprints' is required"),
        ("name: schoolsite\nblueprints: [default, default]\n", "registered twice"),
        ("name: schoolsite\nblueprints: [default, exam]\n", "has no app folder exam/"),
        ("name: schoolsite\nblueprints: [default, 9x]\n", "blueprint names are letters"),
        ("name: schoolsite\nblueprints: [default]\nhosts: [bad_host!]\n", "not a valid host name"),
        ("name: schoolsite\nblueprints: [default]\nprefix: no-slash\n", "must be one path segment"),
        ("name: schoolsite\nblueprints: [default]\nprefix: /static\n", "must be one path segment"),
        ("name: schoolsite\nblueprints: [default]\ndebug: maybe\n", "must be true or false"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: mysql://x\n", "is not supported"),
        ("name: schoolsite\nblueprints: [default]\nerrors: {418: x.html}\n", "not one of the error pages"),
        ("name: schoolsite\nblueprints: [default]\nuploads: {max_content_length: lots}\n", "must be a size"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school:hunter2@db/school\n", "the password must not be in project.yaml"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school@db/school?password=x\n", "the password must not be in project.yaml"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school@db/school?sslmode=allow\n", "sslmode must be one of disable, require, verify-full"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school@db/school?timeout=3\n", "unknown parameter 'timeout'"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school@db:99999/school\n", "the port must be a number from 1 to 65535"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://db/school\n", "must name the user"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: postgresql://school@db\n", "must end in /DATABASE"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: {url: postgresql://school@db/school, pool_size: 0}\n", "'pool_size' must be from 1 to 200"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: {url: postgresql://school@db/school, password_file: ../pw}\n", "'password_file' must be a file inside"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: {url: sqlite:default.db, pool_size: 3}\n", "apply to PostgreSQL only"),
        ("name: schoolsite\nblueprints: [default]\ndatabase: {url: postgresql://school@db/school, pool: 3}\n", "unknown key 'pool'"),
        ("name: schoolsite\nblueprints: [default]\nuploads: {folder: /srv/../etc}\n", "absolute path without '..'"),
        ("name: schoolsite\nblueprints: [default]\nuploads: {folder: ../out}\n", "folder inside the project"),
        ("name: schoolsite\nblueprints: [default]\nroutes: [{path: nope, endpoint: index, template: a.html}]\n", "must start with '/'"),
        ("name: schoolsite\nblueprints: [default]\nroutes: [{path: /, template: a.html}]\n", "'endpoint' is required"),
        ("name: schoolsite\nblueprints: [default]\nroutes: [{path: /, endpoint: a-b, template: a.html}]\n", "must be letters"),
        ("name: schoolsite\nblueprints: [default]\nroutes: [{path: /, endpoint: a, template: a.html, methods: [FETCH]}]\n", "not an HTTP method"),
        ("name: schoolsite\nblueprints: [default]\nroutes: [{path: /, endpoint: a, template: a.html}, {path: /b, endpoint: a, template: a.html}]\n", "declared twice"),
        ("name: schoolsite\nblueprints: [default]\nroutes: {path: /}\n", "must be a list of views"),
        ("name: schoolsite\nname: again\nblueprints: [default]\n", "duplicated keys"),
        ("- just\n- a list\n", "must be a mapping"),
    ])
    func badProjectFilesGiveClearDiagnostics(yaml: String, expected: String) throws {
        let project = try ProjectDirectory(files: ["project.yaml": yaml])
        let diagnostics = project.diagnostics()
        #expect(diagnostics.contains { $0.message.contains(expected) }, "\(diagnostics)")
    }

    @Test func missingProjectFileIsADiagnostic() throws {
        let project = try ProjectDirectory(files: ["readme.txt": "x"])
        #expect(project.diagnostics().map(\.description) == ["project.yaml: file is missing"])
    }

    @Test func badAppFilesAreLocatedInTheirFile() throws {
        let project = try ProjectDirectory(files: [
            "project.yaml": minimalProject,
            "exam/views.yaml": "- {path: /exam/, endpoint: index, template: exam/index.html, login_requird: true}\n",
            "exam/models.yaml": "[1, 2]\n",
        ])
        let messages = project.diagnostics().map(\.description)
        #expect(messages.contains { $0.hasPrefix("exam/views.yaml:1:") && $0.contains("unknown key 'login_requird'") })
        #expect(messages.contains { $0.hasPrefix("exam/models.yaml:1:1") && $0.contains("must be a mapping") })
    }
}

@Suite struct NameSyntaxTests {
    @Test func identifiers() {
        #expect(Identifier.isValid("exam"))
        #expect(Identifier.isValid("_private2"))
        #expect(!Identifier.isValid("2exam"))
        #expect(!Identifier.isValid("ex-am"))
        #expect(!Identifier.isValid(""))
        #expect(!Identifier.isValid("é"))
    }

    @Test func hostsAndPrefixes() {
        #expect(HostName.isValid("schoolsite.localhost"))
        #expect(!HostName.isValid("-bad.test"))
        #expect(!HostName.isValid("a..b"))
        #expect(PathPrefix.isValid("/school-site_2"))
        #expect(!PathPrefix.isValid("/a/b"))
        #expect(!PathPrefix.isValid("/admin"))
        #expect(!PathPrefix.isValid("/"))
    }

    @Test func byteSizes() {
        #expect(ByteSize.parse("16MiB") == 16 * 1024 * 1024)
        #expect(ByteSize.parse("500 KB") == 500_000)
        #expect(ByteSize.parse("1024") == 1024)
        #expect(ByteSize.parse("12 parsecs") == nil)
        #expect(ByteSize.parse("99999999999999999GiB") == nil)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "hots", among: ["hosts", "prefix"]) == "hosts")
        #expect(Suggestion.closest(to: "zzzzzz", among: ["hosts", "prefix"]) == nil)
    }
}

@Suite struct DaemonSettingsTests {
    @Test func readsAndValidatesTheConfigurationFile() throws {
        let directory = try ProjectDirectory(name: "etc", files: [
            "good.yaml": "listen: [127.0.0.1:8080, '[::1]:8081']\nprojects_dir: /srv/p\nlog_level: info\n",
            "bad.yaml": "listen: [nowhere]\nlog_levle: info\n",
        ])
        let settings = try DaemonSettings.load(path: directory.url.appendingPathComponent("good.yaml").path)
        #expect(settings.listen == ["127.0.0.1:8080", "[::1]:8081"])
        #expect(ListenAddress("[::1]:8081")?.host == "::1")
        #expect(settings.projectsDir == "/srv/p")
        do {
            _ = try DaemonSettings.load(path: directory.url.appendingPathComponent("bad.yaml").path)
            Issue.record("a bad configuration loaded")
        } catch {
            let text = error.description
            #expect(text.contains("bad.yaml:1:"))
            #expect(text.contains("not HOST:PORT"))
            #expect(text.contains("unknown key 'log_levle' (did you mean 'log_level'?)"))
        }
    }
}
