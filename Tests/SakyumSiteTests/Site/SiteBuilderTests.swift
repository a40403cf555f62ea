import Foundation
import SakyumSpec
import SakyumTemplates
import Testing
@testable import SakyumSite
import SakyumTestSupport

/// A throwaway project directory for SiteBuilder tests.
final class SiteFixture {
    private let folder: TemporaryFolder
    let url: URL

    init(_ files: [String: String]) throws {
        folder = TemporaryFolder("site")
        url = folder.url.appendingPathComponent("demo")
        for (path, text) in files {
            try TemporaryFolder.write(text, to: url.appendingPathComponent(path))
        }
    }

    func diagnostics() -> [String] {
        do {
            _ = try SiteBuilder.load(directory: url)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}

let demoYAML = """
    name: demo
    blueprints: [default, errors, auth, base]
    routes:
      - {path: /, endpoint: index, template: demo/index.html}

    """

@Suite struct SiteBuilderTests {
    @Test func theBundledExampleLoadsWithoutDiagnostics() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/schoolsite")
        let site = try SiteBuilder.load(directory: example)
        #expect(site.name == "schoolsite")
        #expect(site.appNames == ["exam", "result"])
    }

    @Test func everyBuiltinTemplateCompilesAndErrorPagesRender() throws {
        let environment = TemplateEnvironment(loader: DictionaryLoader([:]), fallback: BuiltinTemplates.library)
        for name in BuiltinTemplates.library.names {
            _ = try environment.template(named: name)
        }
        for code in ErrorPages.builtinCodes {
            let html = try environment.render("errors/\(code).html", context: [
                "error": .dict([("code", .int(code)), ("name", .string("Reason of \(code)")), ("description", .string("d"))]),
            ])
            #expect(html.contains("\(code)"))
        }
    }

    @Test func aMissingTemplateIsReportedAtTheView() throws {
        let fixture = try SiteFixture(["project.yaml": demoYAML])
        #expect(fixture.diagnostics() == ["project.yaml:4:5: view 'base.index': template 'demo/index.html' not found in templates/"])
    }

    @Test func aTemplateSyntaxErrorIsReportedWithItsLine() throws {
        let fixture = try SiteFixture(["project.yaml": demoYAML, "templates/demo/index.html": "a\nb\n{% for x in %}\n"])
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("templates/demo/index.html:3:") == true, "\(diagnostics)")
    }

    @Test func aBrokenOverrideOfABuiltinTemplateIsReported() throws {
        let fixture = try SiteFixture([
            "project.yaml": demoYAML, "templates/demo/index.html": "ok",
            "templates/errors/404.html": "{% block %}",
        ])
        #expect(fixture.diagnostics().contains { $0.hasPrefix("templates/errors/404.html:1:") })
    }

    @Test func badRulesAndDuplicateRoutesAreReported() throws {
        let fixture = try SiteFixture([
            "project.yaml": demoYAML + """
                  - {path: "/x/<nope:id>/", endpoint: broken, template: demo/index.html}
                  - {path: /, endpoint: again, template: demo/index.html}
                """,
            "templates/demo/index.html": "ok",
        ])
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.contains { $0.hasPrefix("project.yaml:5:") && $0.contains("view 'base.broken'") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.contains("routes:") }, "\(diagnostics)")
    }

    @Test func projectTemplatesAreListedAndNothingOutsideTheFolder() throws {
        let fixture = try SiteFixture(["templates/a.html": "", "templates/sub/b.txt": "", "templates/.hidden.html": "", "templates/c.png": ""])
        #expect(TemplateFiles.names(in: fixture.url.appendingPathComponent("templates")) == ["a.html", "sub/b.txt"])
    }
}
