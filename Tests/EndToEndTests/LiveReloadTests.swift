import Foundation
import Testing
import SakyumTestSupport

@Suite("Live reload: edits are noticed, broken edits keep the last good site")
struct LiveReloadTests {
    @Test func templateEditIsServedWithoutRestart() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "blog", in: projects) }
        #expect(try daemon.get("/blog/").text.contains("blog home"))
        let project = daemon.projects.appendingPathComponent("blog")
        try ProjectFixture.file("templates/blog/index.html", in: project, "<p>edited page</p>")
        try daemon.eventually("edited template served") { try daemon.get("/blog/").text.contains("edited page") }
    }

    @Test func brokenYAMLKeepsThePreviousSiteAndStatusShowsWhere() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "blog", in: projects) }
        let project = daemon.projects.appendingPathComponent("blog")
        try "name: blog\nblueprints: [default, errors\nroutes: {\n".write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try daemon.eventually("stale status") { try daemon.ctl("status", "blog").stdout.contains("stale") }
        let status = try daemon.ctl("status", "blog")
        #expect(status.stdout.range(of: #"blog/project\.yaml:\d+:\d+: invalid YAML"#, options: .regularExpression) != nil, "\(status.stdout)")
        #expect(try daemon.get("/blog/").text.contains("blog home"))
    }

    @Test func unknownKeysAreDiagnosticsWithSuggestions() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "blog", in: projects) }
        let project = daemon.projects.appendingPathComponent("blog")
        var yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
        yaml += "hots: [x.test]\n"
        try yaml.write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try daemon.eventually("diagnostic") { try daemon.ctl("status", "blog").stdout.contains("unknown key 'hots'") }
        let status = try daemon.ctl("status", "blog").stdout
        #expect(status.contains("did you mean 'hosts'?"))
        #expect(status.range(of: #"blog/project\.yaml:\d+:1: "#, options: .regularExpression) != nil, "\(status)")
    }

    @Test func templateSyntaxErrorIsADiagnosticWithItsLine() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "blog", in: projects) }
        let project = daemon.projects.appendingPathComponent("blog")
        try ProjectFixture.file("templates/blog/index.html", in: project, "ok\n{% if %}\n")
        try daemon.eventually("template diagnostic") { try daemon.ctl("status", "blog").stdout.contains("blog/templates/blog/index.html:2") }
        #expect(try daemon.get("/blog/").text.contains("blog home"))
        try ProjectFixture.file("templates/blog/index.html", in: project, "fixed\n")
        try daemon.eventually("fixed served") { try daemon.get("/blog/").text.contains("fixed") }
        #expect(try daemon.ctl("status", "blog").stdout.contains("blog: serving"))
    }

    @Test func aNewProjectDirectoryIsPickedUpAndARemovedOneDisappears() throws {
        let daemon = try TestDaemon()
        try ProjectFixture.write(name: "later", in: daemon.projects)
        try daemon.eventually("new project served") { try daemon.get("/later/").status == 200 }
        try FileManager.default.removeItem(at: daemon.projects.appendingPathComponent("later"))
        try daemon.eventually("removed project gone") { try daemon.get("/later/").status == 404 }
    }
}
