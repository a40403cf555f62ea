import Testing
@testable import SakyumTemplates

@Suite struct TemplateLibraryTests {
    static let library = TemplateLibrary([
        "layout.html": "<main>{% block body %}default{% endblock %}</main>",
        "page.html": "{% extends 'layout.html' %}{% block body %}{{ x }}{% endblock %}",
    ])

    @Test func theLoaderWinsAndTheLibraryFillsIn() throws {
        let environment = TemplateEnvironment(
            loader: DictionaryLoader(["layout.html": "<div>{% block body %}{% endblock %}</div>"]), fallback: Self.library)
        #expect(try environment.render("page.html", context: ["x": "<b>"]) == "<div>&lt;b&gt;</div>")
        let plain = TemplateEnvironment(loader: DictionaryLoader([:]), fallback: Self.library)
        #expect(try plain.render("page.html", context: ["x": "y"]) == "<main>y</main>")
        #expect(throws: TemplateError.self) { try plain.render("missing.html", context: [:]) }
    }

    @Test func environmentsShareOneCompilation() throws {
        let first = try Self.library.compiledTemplate(named: "page.html")
        let second = try TemplateEnvironment(loader: DictionaryLoader([:]), fallback: Self.library).compiledTemplate(named: "page.html")
        #expect(first === second)
        #expect(Self.library.names == ["layout.html", "page.html"])
        #expect(Self.library.contains("layout.html"))
        #expect(!Self.library.contains("nope.html"))
    }

    @Test func aSyntaxErrorInTheLibraryIsReportedWithItsName() {
        let broken = TemplateLibrary(["bad.html": "{% if %}"])
        let environment = TemplateEnvironment(loader: DictionaryLoader([:]), fallback: broken)
        #expect(throws: TemplateError.self) { try environment.template(named: "bad.html") }
    }
}
