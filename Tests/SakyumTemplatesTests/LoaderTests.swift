import Foundation
import SakyumTemplates
import SakyumTestSupport
import Testing

/// Loaders: directory roots are never left, choices go in order.
@Suite struct LoaderTests {
    private func makeRoot() throws -> TemporaryFolder {
        let root = TemporaryFolder("templates")
        try root.write("admin/master.html", "master {{ x }}")
        return root
    }

    @Test func directoryLoaderFindsNestedNames() throws {
        let folder = try makeRoot()
        defer { folder.remove() }
        let root = folder.url
        let source = try #require(try DirectoryLoader(root: root).load("admin/master.html"))
        #expect(source.text == "master {{ x }}")
        #expect(source.origin.hasSuffix("admin/master.html"))
        #expect(try DirectoryLoader(root: root).load("admin/missing.html") == nil)
        #expect(try DirectoryLoader(root: root).load("admin") == nil)
    }

    @Test func directoryLoaderNeverLeavesItsRoot() throws {
        let folder = try makeRoot()
        let root = folder.url
        let outside = root.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).html")
        try "secret".write(to: outside, atomically: true, encoding: .utf8)
        defer {
            folder.remove()
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("escape.html"), withDestinationURL: outside)
        let loader = DirectoryLoader(root: root.appendingPathComponent("admin"))
        #expect(try loader.load("../admin/master.html") == nil)
        #expect(try loader.load("/etc/passwd") == nil)
        #expect(try loader.load("./master.html") == nil)
        #expect(try DirectoryLoader(root: root).load("escape.html") == nil)
        #expect(try DirectoryLoader(root: root).load("admin/../\(outside.lastPathComponent)") == nil)
        #expect(try loader.load("master.html")?.text == "master {{ x }}")
    }

    @Test func choiceLoaderPrefersTheFirstThatHasTheTemplate() throws {
        let project = DictionaryLoader(["admin/master.html": "project"])
        let builtin = DictionaryLoader(["admin/master.html": "builtin", "admin/index.html": "index"])
        let loader = ChoiceLoader([project, builtin])
        #expect(try loader.load("admin/master.html")?.text == "project")
        #expect(try loader.load("admin/index.html")?.text == "index")
        #expect(try loader.load("nope.html") == nil)
    }

    @Test func projectTemplatesCanExtendBuiltinOnes() throws {
        let environment = TemplateEnvironment(
            loader: ChoiceLoader([
                DictionaryLoader(["index.html": "{% extends 'admin/master.html' %}{% block body %}mine{% endblock %}"]),
                DictionaryLoader(["admin/master.html": "<main>{% block body %}{% endblock %}</main>"]),
            ]))
        #expect(try environment.render("index.html", context: [:]) == "<main>mine</main>")
    }
}
