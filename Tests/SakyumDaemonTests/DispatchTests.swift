import Foundation
import Testing
@testable import SakyumDaemon
@testable import SakyumSite
import SakyumSpec
import SakyumTestSupport

@Suite struct RequestHostTests {
    @Test(arguments: [
        ("SchoolSite.LocalHost:5000", "schoolsite.localhost"),
        ("example.com", "example.com"),
        ("example.com.", "example.com"),
        ("127.0.0.1:80", "127.0.0.1"),
        ("[::1]:8080", "[::1]"),
        ("[::FFFF:7F00:1]", "[::ffff:7f00:1]"),
        ("Under_Score-1.example:", "under_score-1.example"),
    ])
    func validHostsAreNormalised(raw: String, expected: String) {
        #expect(RequestHost(raw)?.name == expected)
    }

    @Test(arguments: ["", "bad host", "a:b", "exa/mple", "[::1", "[::1]x", "[::1]:8a", "x:80:90", "ex%41mple", ".", "a:٣",
                        "\u{212A}elvin.example", "caf\u{E9}.example", String(repeating: "a", count: 300)])
    func invalidHostsAreRefused(raw: String) {
        #expect(RequestHost(raw) == nil)
    }
}

@Suite struct SiteTableTests {
    static func route(_ name: String, hosts: [String], prefix: String?) -> ProjectRoute {
        ProjectRoute(head: ProjectHead(name: name, hosts: hosts, prefix: prefix), target: .unloaded, activity: ProjectActivity(name: name))
    }

    @Test func hostWinsThenPrefixThenFallback() throws {
        let alpha = Self.route("alpha", hosts: ["alpha.test"], prefix: "/alpha")
        let beta = Self.route("beta", hosts: [], prefix: "/beta")
        var table = SiteTable()
        table.byHost["alpha.test"] = alpha
        table.byPrefix["alpha"] = alpha
        table.byPrefix["beta"] = beta

        let byHost = try #require(table.lookup(host: "alpha.test", path: "/beta/x"))
        #expect(byHost.route.head.name == "alpha")
        #expect(byHost.mount == .root)
        let byPrefix = try #require(table.lookup(host: "other.test", path: "/beta/x"))
        #expect(byPrefix.route.head.name == "beta")
        #expect(byPrefix.mount.scriptRoot == "/beta")
        #expect(table.lookup(host: nil, path: "/gamma/") == nil)
        #expect(table.lookup(host: nil, path: "/betamax/") == nil)
        table.fallback = beta
        #expect(table.lookup(host: nil, path: "/gamma/")?.mount == .root)
        #expect(table.projects.map(\.name).sorted() == ["alpha", "beta"])
    }

    @Test func mountsStripTheirPrefix() {
        let mount = SiteMount(scriptRoot: "/schoolsite")
        #expect(mount.localPath(of: "/schoolsite/exam/") == "/exam/")
        #expect(mount.localPath(of: "/schoolsite") == "/")
        #expect(SiteMount.root.localPath(of: "/x") == "/x")
    }
}
