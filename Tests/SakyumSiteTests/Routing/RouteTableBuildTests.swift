import SakyumSite
import Testing

@Suite("RouteTable.build")
struct RouteTableBuildTests {
    let table: RouteTable

    init() throws {
        table = try RouteTable(rules: [
            RoutingRule("/", endpoint: "index"),
            RoutingRule("/exam/", endpoint: "exam.index"),
            RoutingRule("/exam/<int:id>", endpoint: "exam.show"),
            RoutingRule("/exam/<int:id>/edit", endpoint: "exam.edit", methods: ["GET", "POST"]),
            RoutingRule("/exam/<int:id>", endpoint: "exam.update", methods: ["PUT"]),
            RoutingRule("/all/", endpoint: "entries"),
            RoutingRule("/all/page/<int:page>", endpoint: "entries"),
            RoutingRule("/by/<name>", endpoint: "lookup"),
            RoutingRule("/by/<int:id>", endpoint: "lookup"),
            RoutingRule("/static/<path:filename>", endpoint: "static"),
            RoutingRule("/form", endpoint: "form.show"),
            RoutingRule("/form", endpoint: "form.send", methods: ["POST"]),
            RoutingRule("/send", endpoint: "send", methods: ["POST"]),
            RoutingRule("/caf\u{E9} & co/<name>", endpoint: "literal"),
        ])
    }

    @Test func buildsPaths() throws {
        #expect(try table.build(endpoint: "index", values: []) == "/")
        #expect(try table.build(endpoint: "exam.index", values: []) == "/exam/")
        #expect(try table.build(endpoint: "exam.show", values: [("id", "42")]) == "/exam/42")
        #expect(try table.build(endpoint: "static", values: [("filename", "css/site.css")]) == "/static/css/site.css")
        #expect(try table.build(endpoint: "literal", values: [("name", "x")]) == "/caf%C3%A9%20&%20co/x")
    }

    @Test func extraValuesBecomeAQueryStringInOrder() throws {
        let url = try table.build(endpoint: "exam.show", values: [("z", "1"), ("id", "7"), ("q", "x y&z=é"), ("z", "2")])
        #expect(url == "/exam/7?z=1&q=x+y%26z%3D%C3%A9&z=2")
        #expect(try table.build(endpoint: "index", values: [("next", "/a?b=c"), ("e", "")]) == "/?next=/a?b%3Dc&e=")
    }

    @Test func quotesValuesLikeWerkzeug() throws {
        #expect(try table.build(endpoint: "lookup", values: [("name", "a b/c")]) == "/by/a%20b%2Fc")
        #expect(try table.build(endpoint: "lookup", values: [("name", "!$&'()*+,:;=@~-._")]) == "/by/!$&'()*+,:;=@~-._")
        #expect(try table.build(endpoint: "static", values: [("filename", "a b/c#d?.css")]) == "/static/a%20b/c%23d%3F.css")
    }

    @Test func firstBuildableRuleWins() throws {
        #expect(try table.build(endpoint: "entries", values: []) == "/all/")
        #expect(try table.build(endpoint: "entries", values: [("page", "2")]) == "/all/page/2")
        #expect(try table.build(endpoint: "entries", values: [("page", "x")]) == "/all/?page=x")
        #expect(try table.build(endpoint: "lookup", values: [("id", "5")]) == "/by/5")
        #expect(try table.build(endpoint: "lookup", values: [("name", "5")]) == "/by/5")
    }

    @Test func methodPicksTheRule() throws {
        #expect(try table.build(endpoint: "exam.update", values: [("id", "1")]) == "/exam/1")
        #expect(try table.build(endpoint: "exam.update", values: [("id", "1")], method: "put") == "/exam/1")
        #expect(try table.build(endpoint: "exam.edit", values: [("id", "1")], method: "POST") == "/exam/1/edit")
        #expect(try table.build(endpoint: "exam.show", values: [("id", "1")], method: "HEAD") == "/exam/1")
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'exam.show' ('POST') with values ['id']. Did you mean to use methods ['GET', 'HEAD']?")) {
            try table.build(endpoint: "exam.show", values: [("id", "1")], method: "POST")
        }
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: RoutingError(.unknownEndpoint, "Could not build url for endpoint 'exam.shwo': no rule has this endpoint.")) {
            try table.build(endpoint: "exam.shwo", values: [])
        }
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'exam.show'. Did you forget to specify values ['id']?")) {
            try table.build(endpoint: "exam.show", values: [])
        }
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'exam.show' with values ['x']. Did you forget to specify values ['id']?")) {
            try table.build(endpoint: "exam.show", values: [("x", "1")])
        }
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'exam.show' with values ['id']: 'abc' is not a valid value for <int:id> in rule '/exam/<int:id>'.")) {
            try table.build(endpoint: "exam.show", values: [("id", "abc")])
        }
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'exam.show' with values ['id']: value 'id' is given more than once.")) {
            try table.build(endpoint: "exam.show", values: [("id", "1"), ("id", "2")])
        }
    }

    @Test func refusesValuesThatWouldMatchDifferently() throws {
        let table = try RouteTable(rules: [RoutingRule("/<a>-<b>", endpoint: "pair")])
        #expect(try table.build(endpoint: "pair", values: [("a", "x"), ("b", "y")]) == "/x-y")
        #expect(throws: RoutingError(.buildFailed, "Could not build url for endpoint 'pair' with values ['a', 'b']: the values would not match rule '/<a>-<b>' back unchanged.")) {
            try table.build(endpoint: "pair", values: [("a", "x"), ("b", "y-z")])
        }
    }

    @Test func knowsItsEndpoints() {
        #expect(table.hasEndpoint("exam.show"))
        #expect(!table.hasEndpoint("exam"))
    }

    @Test(
        "built URLs match back to the same endpoint and arguments",
        arguments: [
            ("exam.show", [("id", "42")]),
            ("exam.edit", [("id", "0")]),
            ("lookup", [("name", "a/b c%d?#")]),
            ("static", [("filename", "dir/sub dir/f%20ile.txt")]),
            ("literal", [("name", "ü")]),
            ("entries", [("page", "3")]),
        ] as [(String, [(String, String)])]
    )
    func roundTrip(endpoint: String, values: [(String, String)]) throws {
        let url = try table.build(endpoint: endpoint, values: values)
        guard case .matched(let matched, let arguments) = table.match(path: url, method: "GET") else {
            Issue.record("\(url) did not match")
            return
        }
        #expect(matched == endpoint)
        #expect(arguments.mapValues(\.description) == Dictionary(uniqueKeysWithValues: values))
    }

    @Test(arguments: ["%", "%25", "a%2Fb", "?x=1#f", "é", "😀", " + ", "&=;", "a/b", "\\", "~'!*()"])
    func awkwardTextRoundTrips(text: String) throws {
        for (endpoint, name) in [("lookup", "name"), ("static", "filename")] {
            let url = try table.build(endpoint: endpoint, values: [(name, text), ("q", text)])
            let path = String(url.prefix { $0 != "?" })
            #expect(table.match(path: path, method: "GET") == .matched(endpoint: endpoint, arguments: [name: .string(text)]))
        }
    }

    @Test func duplicateRulesAreRefused() throws {
        #expect(throws: RoutingError(.duplicateRule, "Rule '/exam/<int:x>' for endpoint 'b' duplicates rule '/exam/<int:id>' for endpoint 'a' (both answer GET, HEAD).")) {
            try RouteTable(rules: [RoutingRule("/exam/<int:id>", endpoint: "a"), RoutingRule("/exam/<int:x>", endpoint: "b")])
        }
        #expect(throws: RoutingError(.duplicateRule, "Rule '/a' for endpoint 'b' duplicates rule '/a' for endpoint 'a' (both answer HEAD).")) {
            try RouteTable(rules: [RoutingRule("/a", endpoint: "a"), RoutingRule("/a", endpoint: "b", methods: ["HEAD", "POST"])])
        }
        _ = try RouteTable(rules: [RoutingRule("/exam/<int:id>", endpoint: "a"), RoutingRule("/exam/<id>", endpoint: "b")])
        _ = try RouteTable(rules: [RoutingRule("/exam/", endpoint: "a"), RoutingRule("/exam", endpoint: "b")])
    }
}

@Suite("RouteTable aliases")
struct RouteTableAliasTests {
    @Test func anAliasBuildsTheEndpointsURLsButMatchingGivesTheEndpoint() throws {
        let table = try RouteTable(rules: [RoutingRule("/admin/change_profile_image/", endpoint: "auth.change_profile_image")],
                                   aliases: ["auth.changeProfileImage": "auth.change_profile_image", "auth.nothing": "auth.missing"])
        #expect(try table.build(endpoint: "auth.changeProfileImage", values: [("next", "/x")]) == "/admin/change_profile_image/?next=/x")
        #expect(table.hasEndpoint("auth.changeProfileImage"))
        #expect(!table.hasEndpoint("auth.nothing"))
        #expect(table.match(path: "/admin/change_profile_image/", method: "GET")
                == .matched(endpoint: "auth.change_profile_image", arguments: [:]))
    }
}
