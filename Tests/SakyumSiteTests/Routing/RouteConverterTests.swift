import Foundation
import SakyumSite
import Testing

/// Each converter through the public API: what a one-rule table matches, and what it builds.
@Suite("Converters")
struct RouteConverterTests {
    private func table(_ pattern: String) throws -> RouteTable {
        try RouteTable(rules: [RoutingRule(pattern, endpoint: "e")])
    }

    private func argument(_ pattern: String, _ path: String) throws -> RouteArgument? {
        guard case .matched(_, let arguments) = try table(pattern).match(path: path, method: "GET") else { return nil }
        return arguments["v"]
    }

    private func built(_ pattern: String, _ value: String) throws -> String? {
        try? table(pattern).build(endpoint: "e", values: [("v", value)])
    }

    @Test func stringIsOneNonEmptySegment() throws {
        #expect(try argument("/x/<v>", "/x/hello") == .string("hello"))
        #expect(try argument("/x/<string:v>", "/x/hello") == .string("hello"))
        #expect(try argument("/x/<v>", "/x/") == nil)
        #expect(try argument("/x/<v>", "/x/a/b") == nil)
        #expect(try built("/x/<v>", "a b/c?") == "/x/a%20b%2Fc%3F")
        #expect(try built("/x/<v>", "") == nil)
    }

    @Test func stringLengths() throws {
        #expect(try argument("/<string(length=2):v>", "/en") == .string("en"))
        #expect(try argument("/<string(length=2):v>", "/eng") == nil)
        #expect(try argument("/<string(2):v>", "/e") == nil)
        #expect(try argument("/<string(minlength=2, maxlength=3):v>", "/abc") == .string("abc"))
        #expect(try argument("/<string(minlength=2, maxlength=3):v>", "/abcd") == nil)
        #expect(try argument("/<string(minlength=2, maxlength=3):v>", "/a") == nil)
        #expect(try argument("/<string(length=2):v>", "/%C3%A9t") == .string("ét"))
        #expect(try built("/<string(length=2):v>", "fr") == "/fr")
        #expect(try built("/<string(length=2):v>", "fra") == nil)
    }

    @Test func intIsUnsignedByDefault() throws {
        #expect(try argument("/<int:v>", "/42") == .int(42))
        #expect(try argument("/<int:v>", "/-42") == nil)
        #expect(try argument("/<int:v>", "/4.2") == nil)
        #expect(try argument("/<int:v>", "/٤٢") == nil)
        #expect(try argument("/<int:v>", "/99999999999999999999999") == nil)
        #expect(try built("/<int:v>", "42") == "/42")
        #expect(try built("/<int:v>", "007") == "/7")
        #expect(try built("/<int:v>", "abc") == nil)
        #expect(try built("/<int:v>", "-1") == nil)
    }

    @Test func intOptions() throws {
        #expect(try argument("/<int(signed=True):v>", "/-42") == .int(-42))
        #expect(try built("/<int(signed=True):v>", "-42") == "/-42")
        #expect(try argument("/<int(min=1, max=10):v>", "/10") == .int(10))
        #expect(try argument("/<int(min=1, max=10):v>", "/0") == nil)
        #expect(try argument("/<int(min=1, max=10):v>", "/11") == nil)
        #expect(try built("/<int(min=1):v>", "0") == nil)
        #expect(try argument("/<int(fixed_digits=4):v>", "/0042") == .int(42))
        #expect(try argument("/<int(fixed_digits=4):v>", "/42") == nil)
        #expect(try argument("/<int(4):v>", "/12345") == nil)
        #expect(try built("/<int(fixed_digits=4):v>", "42") == "/0042")
        #expect(try built("/<int(fixed_digits=2):v>", "123") == nil)
    }

    @Test func floatNeedsDigitsOnBothSidesOfThePoint() throws {
        #expect(try argument("/<float:v>", "/1.5") == .double(1.5))
        #expect(try argument("/<float:v>", "/1") == nil)
        #expect(try argument("/<float:v>", "/.5") == nil)
        #expect(try argument("/<float:v>", "/1e5") == nil)
        #expect(try argument("/<float:v>", "/-1.5") == nil)
        #expect(try argument("/<float(signed=True):v>", "/-1.5") == .double(-1.5))
        #expect(try argument("/<float(min=0.5, max=2):v>", "/2.5") == nil)
        #expect(try argument("/<float(min=0.5, max=2):v>", "/0.5") == .double(0.5))
        #expect(try built("/<float:v>", "3") == "/3.0")
        #expect(try built("/<float:v>", "1.50") == "/1.5")
        #expect(try built("/<float:v>", "1e20") == "/100000000000000000000.0")
        #expect(try built("/<float:v>", "1.5e-7") == "/0.00000015")
        #expect(try built("/<float:v>", "nan") == nil)
        #expect(try built("/<float:v>", "-2.5") == nil)
        #expect(try built("/<float(signed=True):v>", "-2.5") == "/-2.5")
    }

    @Test func pathSpansSegments() throws {
        #expect(try argument("/s/<path:v>", "/s/css/site.css") == .string("css/site.css"))
        #expect(try argument("/s/<path:v>", "/s/a%20b/c") == .string("a b/c"))
        #expect(try argument("/s/<path:v>", "/s/") == nil)
        #expect(try built("/s/<path:v>", "css/a b.css") == "/s/css/a%20b.css")
        #expect(try built("/s/<path:v>", "/etc/passwd") == nil)
    }

    @Test func uuid() throws {
        let text = "6F9619FF-8B86-D011-B42D-00CF4FC964FF"
        #expect(try argument("/<uuid:v>", "/\(text)") == .uuid(UUID(uuidString: text)!))
        #expect(try argument("/<uuid:v>", "/\(text.lowercased())") == .uuid(UUID(uuidString: text)!))
        #expect(try argument("/<uuid:v>", "/6F9619FF8B86D011B42D00CF4FC964FF") == nil)
        #expect(try argument("/<uuid:v>", "/6F9619FF-8B86-D011-B42D-00CF4FC964FG") == nil)
        #expect(try built("/<uuid:v>", text) == "/6f9619ff-8b86-d011-b42d-00cf4fc964ff")
        #expect(try built("/<uuid:v>", "nope") == nil)
    }

    @Test func anyAcceptsOnlyItsWords() throws {
        #expect(try argument("/<any(about, help, 'x y'):v>", "/help") == .string("help"))
        #expect(try argument("/<any(about, help, 'x y'):v>", "/x%20y") == .string("x y"))
        #expect(try argument("/<any(about, help):v>", "/other") == nil)
        #expect(try built("/<any(about, help):v>", "about") == "/about")
        #expect(try built("/<any(about, help):v>", "other") == nil)
    }

    @Test func argumentsDescribeThemselvesForBuilding() throws {
        let table = try RouteTable(rules: [RoutingRule("/<uuid:a>/<float:b>/<int:c>/<d>", endpoint: "e")])
        let path = "/6f9619ff-8b86-d011-b42d-00cf4fc964ff/2.5/7/x%20y"
        guard case .matched(_, let arguments) = table.match(path: path, method: "GET") else {
            Issue.record("no match")
            return
        }
        let values = arguments.map { ($0.key, $0.value.description) }
        #expect(try table.build(endpoint: "e", values: values) == path)
    }
}
