import Foundation
import SakyumTestSupport
import Testing
@testable import SakyumScaffold

struct ProjectScaffoldTests {
    @Test func createsTheProjectTree() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        let folder = try ProjectScaffold(name: "schoolsite").create(in: projects.url)
        #expect(folder.lastPathComponent == "schoolsite")
        #expect(try projects.entries() == ["schoolsite"])
        #expect(try projects.files(below: "schoolsite") == [
            "media/", "media/default_img.png", "project.yaml", "secret.key",
            "static/", "static/schoolsite/", "static/schoolsite/index.js", "static/schoolsite/media/",
            "static/schoolsite/style.css", "templates/", "templates/admin/", "templates/admin/index.html",
            "templates/schoolsite/", "templates/schoolsite/index.html",
        ])

        let yaml = try projects.text("schoolsite/project.yaml")
        #expect(yaml.contains("\nname: schoolsite "))
        #expect(yaml.contains("hosts:\n  - schoolsite.localhost\nprefix: /schoolsite\n"))
        #expect(yaml.contains("blueprints:\n  - default\n  - errors\n  - auth\n  - base\n"))
        #expect(yaml.contains("  - {path: /, endpoint: index, template: schoolsite/index.html}"))
        #expect(try BlueprintList(projectYAML: yaml).names == ["default", "errors", "auth", "base"])

        let landing = try projects.text("schoolsite/templates/schoolsite/index.html")
        #expect(landing.hasPrefix("{% extends \"sakyum/layout.html\" %}"))
        #expect(landing.contains("{% for app in project.apps %}"))
        #expect(landing.contains("app.index_url"))
        #expect(try projects.text("schoolsite/templates/admin/index.html").hasPrefix("{% extends \"admin/master.html\" %}"))

        let image = try Data(contentsOf: folder.appendingPathComponent("media/default_img.png"))
        #expect(Array(image) == DefaultProfileImage.png())
    }

    @Test func writesAPrivateRandomSecretKey() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        try ProjectScaffold(name: "one").create(in: projects.url)
        try ProjectScaffold(name: "two").create(in: projects.url)
        let key = try projects.text("one/secret.key")
        #expect(key.count == 65 && key.hasSuffix("\n"))
        #expect(key.dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(key != (try projects.text("two/secret.key")))
        let permissions = try FileManager.default.attributesOfItem(atPath: projects.url.appendingPathComponent("one/secret.key").path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func usesGivenHostsAndPrefix() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        try ProjectScaffold(name: "shop", hosts: ["Shop.Example.COM", "shop.example.com", "127.0.0.1"], prefix: "/store/").create(in: projects.url)
        let yaml = try projects.text("shop/project.yaml")
        #expect(yaml.contains("hosts:\n  - shop.example.com\n  - \"127.0.0.1\"\nprefix: /store\n"))
    }

    @Test func refusesAnExistingProjectAndTouchesNothing() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        try FileManager.default.createDirectory(at: projects.url.appendingPathComponent("schoolsite"), withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: projects.url.appendingPathComponent("schoolsite/notes.txt"))
        let error = #expect(throws: ScaffoldError.self) { try ProjectScaffold(name: "schoolsite").create(in: projects.url) }
        #expect(error?.code == .alreadyExists)
        #expect(try projects.entries() == ["schoolsite"])
        #expect(try projects.files(below: "schoolsite") == ["notes.txt"])
    }

    @Test(arguments: [
        ProjectScaffold(name: "9lives"),
        ProjectScaffold(name: "admin"),
        ProjectScaffold(name: "media"),
        ProjectScaffold(name: "ok", hosts: ["bad host"]),
        ProjectScaffold(name: "ok", prefix: "/static"),
        ProjectScaffold(name: "ok", prefix: "/a/b"),
    ])
    func refusesInvalidInputAndWritesNothing(_ scaffold: ProjectScaffold) throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        let error = #expect(throws: ScaffoldError.self) { try scaffold.create(in: projects.url) }
        #expect(error?.code == .invalidName)
        #expect(try projects.entries().isEmpty)
    }

    @Test func refusesAMissingProjectsDirectory() throws {
        let projects = TemporaryFolder("sakyum-scaffold")
        defer { projects.remove() }
        let error = #expect(throws: ScaffoldError.self) {
            try ProjectScaffold(name: "x").create(in: projects.url.appendingPathComponent("missing"))
        }
        #expect(error?.code == .notFound)
    }

    @Test func aFailureHalfwayRemovesEverythingCreated() throws {
        let root = TemporaryFolder("sakyum-scaffold")
        defer { root.remove() }
        var tree = FileTree()
        tree.addFile("a/b/one.txt", text: "1")
        tree.addDirectory("a/c")
        tree.addFile("a/b/one.txt", text: "again")
        var creator = FileCreator()
        let error = #expect(throws: ScaffoldError.self) { try creator.create(tree, in: root.url.path) }
        #expect(error?.code == .alreadyExists)
        #expect(try root.entries() == ["a"])
        creator.removeCreated()
        #expect(try root.entries().isEmpty)
    }
}

/// The scaffold tests read what was made through these.
extension TemporaryFolder {
    /// Names directly inside, hidden ones included, sorted.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Every path below `folder`, relative to it, folders ending in `/`, sorted.
    func files(below folder: String) throws -> [String] {
        let base = url.appendingPathComponent(folder).path
        let paths = try FileManager.default.subpathsOfDirectory(atPath: base)
        return paths.map { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? path + "/" : path
        }.sorted()
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }
}
