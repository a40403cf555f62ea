import Foundation
import SakyumTestSupport
import Testing
@testable import SakyumScaffold

struct AppScaffoldTests {
    private func makeProject() throws -> (TemporaryFolder, URL) {
        let projects = TemporaryFolder("sakyum-scaffold")
        do {
            return (projects, try ProjectScaffold(name: "schoolsite").create(in: projects.url))
        } catch {
            projects.remove()
            throw error
        }
    }

    @Test func createsTheAppAndRegistersIt() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        let before = try projects.text("schoolsite/project.yaml")
        let created = try AppScaffold(app: "exam").create(inProject: folder)
        #expect(created == [
            "exam/models.yaml", "exam/forms.yaml", "exam/admin.yaml", "exam/views.yaml",
            "templates/exam/index.html", "static/exam/index.js", "static/exam/style.css", "static/exam/media/",
            "project.yaml",
        ])
        for path in created {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path))
        }

        let after = try projects.text("schoolsite/project.yaml")
        #expect(after == before.replacingOccurrences(of: "  - base\n", with: "  - base\n  - exam\n"))

        let views = try projects.text("schoolsite/exam/views.yaml")
        #expect(views.contains("\n- {path: /exam/, endpoint: index, template: exam/index.html}\n"))
        for file in ["models", "forms", "admin"] {
            let yaml = try projects.text("schoolsite/exam/\(file).yaml")
            let data = yaml.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            #expect(data == ["{}"], "\(file).yaml holds only comments and an empty mapping")
        }
        #expect(try projects.text("schoolsite/templates/exam/index.html").hasPrefix("{% extends \"sakyum/layout.html\" %}"))
        #expect(try projects.entries() == ["schoolsite"])
        #expect(try projects.files(below: "schoolsite").filter { $0.contains(".project.yaml") }.isEmpty)
    }

    @Test func secondAppIsAppendedAfterTheFirst() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        try AppScaffold(app: "exam").create(inProject: folder)
        try AppScaffold(app: "blog").create(inProject: folder)
        let names = try BlueprintList(projectYAML: projects.text("schoolsite/project.yaml")).names
        #expect(names == ["default", "errors", "auth", "base", "exam", "blog"])
    }

    @Test func appendsToAFlowStyleList() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        let projectFile = folder.appendingPathComponent("project.yaml")
        try Data("name: schoolsite\nblueprints: [default, errors, auth, base]  # keep\n".utf8).write(to: projectFile)
        try AppScaffold(app: "exam").create(inProject: folder)
        #expect(try projects.text("schoolsite/project.yaml") == "name: schoolsite\nblueprints: [default, errors, auth, base, exam]  # keep\n")
    }

    @Test func keepsProjectFilePermissions() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        let path = folder.appendingPathComponent("project.yaml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AppScaffold(app: "exam").create(inProject: folder)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
    }

    @Test func refusesAnExistingApp() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        try AppScaffold(app: "exam").create(inProject: folder)
        let before = try projects.files(below: "schoolsite")
        let yaml = try projects.text("schoolsite/project.yaml")
        let error = #expect(throws: ScaffoldError.self) { try AppScaffold(app: "exam").create(inProject: folder) }
        #expect(error?.code == .alreadyExists)
        #expect(error?.detail == "app name 'exam' is already used in project 'schoolsite'")
        #expect(try projects.files(below: "schoolsite") == before)
        #expect(try projects.text("schoolsite/project.yaml") == yaml)
    }

    @Test func refusesAnAppWhoseFolderExists() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("static/exam"), withIntermediateDirectories: false)
        let before = try projects.files(below: "schoolsite")
        let error = #expect(throws: ScaffoldError.self) { try AppScaffold(app: "exam").create(inProject: folder) }
        #expect(error?.code == .alreadyExists)
        #expect(try projects.files(below: "schoolsite") == before)
    }

    @Test(arguments: ["schoolsite", "admin", "2nd", "login"])
    func refusesInvalidNames(_ app: String) throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        let before = try projects.files(below: "schoolsite")
        let error = #expect(throws: ScaffoldError.self) { try AppScaffold(app: app).create(inProject: folder) }
        #expect(error?.code == .invalidName)
        #expect(try projects.files(below: "schoolsite") == before)
    }

    @Test func refusesAProjectFileWithoutBlueprints() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        try Data("name: schoolsite\n".utf8).write(to: folder.appendingPathComponent("project.yaml"))
        let before = try projects.files(below: "schoolsite")
        let error = #expect(throws: ScaffoldError.self) { try AppScaffold(app: "exam").create(inProject: folder) }
        #expect(error?.code == .invalidProject)
        #expect(try projects.files(below: "schoolsite") == before)
    }

    @Test func refusesAMissingProject() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        let missing = #expect(throws: ScaffoldError.self) {
            try AppScaffold(app: "exam").create(inProject: projects.url.appendingPathComponent("nope"))
        }
        #expect(missing?.code == .notFound)
        let withoutFile = #expect(throws: ScaffoldError.self) { try AppScaffold(app: "exam").create(inProject: projects.url) }
        #expect(withoutFile?.code == .invalidProject)
    }

    @Test func aFailureHalfwayLeavesTheProjectAsItWas() throws {
        let (projects, folder) = try makeProject()
        defer { projects.remove() }
        // A file where the templates folder should be makes writing templates/exam/ fail
        // after exam/*.yaml have been written.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("templates"))
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("templates"))
        let before = try projects.files(below: "schoolsite")
        let yaml = try projects.text("schoolsite/project.yaml")
        #expect(throws: ScaffoldError.self) { try AppScaffold(app: "exam").create(inProject: folder) }
        #expect(try projects.files(below: "schoolsite") == before)
        #expect(try projects.text("schoolsite/project.yaml") == yaml)
    }
}
