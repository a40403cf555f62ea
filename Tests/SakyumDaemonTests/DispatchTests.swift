import Foundation
import Testing
@testable import SakyumDaemon
@testable import SakyumSite
import SakyumTestSupport

@Suite struct RequestHostTests {
    @Test(arguments: [
        ("SchoolSite.LocalHost:5000", "schoolsite.localhost"),
        ("example.com", "example.com"),
        ("example.com.", "example.com"),
        ("127.0.0.1:80", "127.0.0.1"),
        ("[::1]:8080", "[::1]"),
    ])
    func validHostsAreNormalised(raw: String, expected: String) {
        #expect(RequestHost(raw)?.name == expected)
    }

    @Test(arguments: ["", "bad host", "a:b", "exa/mple", "[::1", "x:80:90", "ex%41mple", String(repeating: "a", count: 300)])
    func invalidHostsAreRefused(raw: String) {
        #expect(RequestHost(raw) == nil)
    }
}

@Suite struct SiteTableTests {
    static func site(_ name: String, hosts: [String], prefix: String?) throws -> Site {
        let folder = TemporaryFolder("table")
        defer { folder.remove() }
        let yaml = "name: \(name)\nhosts: [\(hosts.joined(separator: ", "))]\n" + (prefix.map { "prefix: \($0)\n" } ?? "") + "blueprints: [default, errors, auth, base]\n"
        try folder.write("\(name)/project.yaml", yaml)
        return try SiteBuilder.load(directory: folder.url.appendingPathComponent(name))
    }

    @Test func hostWinsThenPrefixThenFallback() throws {
        let alpha = try Self.site("alpha", hosts: ["alpha.test"], prefix: "/alpha")
        let beta = try Self.site("beta", hosts: [], prefix: "/beta")
        var table = SiteTable()
        table.byHost["alpha.test"] = alpha
        table.byPrefix["alpha"] = alpha
        table.byPrefix["beta"] = beta

        let byHost = try #require(table.lookup(host: "alpha.test", path: "/beta/x"))
        #expect(byHost.site === alpha)
        #expect(byHost.mount == .root)
        let byPrefix = try #require(table.lookup(host: "other.test", path: "/beta/x"))
        #expect(byPrefix.site === beta)
        #expect(byPrefix.mount.scriptRoot == "/beta")
        #expect(table.lookup(host: nil, path: "/gamma/") == nil)
        #expect(table.lookup(host: nil, path: "/betamax/") == nil)
        table.fallback = beta
        #expect(table.lookup(host: nil, path: "/gamma/")?.mount == .root)
    }

    @Test func mountsStripTheirPrefix() {
        let mount = SiteMount(scriptRoot: "/schoolsite")
        #expect(mount.localPath(of: "/schoolsite/exam/") == "/exam/")
        #expect(mount.localPath(of: "/schoolsite") == "/")
        #expect(SiteMount.root.localPath(of: "/x") == "/x")
    }
}
