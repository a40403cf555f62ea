import Foundation
import Testing
import SakyumTestSupport

@Suite("Static files and error pages")
struct StaticAndErrorTests {
    static func daemonWithShop(debug: Bool = false, extraYAML: String = "") throws -> TestDaemon {
        try TestDaemon { projects in
            try ProjectFixture.write(name: "shop", in: projects, extraYAML: extraYAML + (debug ? "debug: true\n" : ""))
            let project = projects.appendingPathComponent("shop")
            try ProjectFixture.file("static/shop/style.css", in: project, "body { color: #123456; }\n")
            try "secret: do not serve\n".write(to: project.appendingPathComponent("static/secret.txt"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("static/shop/escape.yaml").path,
                                                       withDestinationPath: project.appendingPathComponent("project.yaml").path)
        }
    }

    @Test func staticFilesHaveTypeETagAndRevalidate() throws {
        let daemon = try Self.daemonWithShop()
        let css = try daemon.get("/shop/static/shop/style.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type")?.hasPrefix("text/css") == true)
        #expect(css.text == "body { color: #123456; }\n")
        let etag = try #require(css.header("ETag"))
        let modified = try #require(css.header("Last-Modified"))
        #expect(try daemon.get("/shop/static/shop/style.css", headers: [("If-None-Match", etag)]).status == 304)
        #expect(try daemon.get("/shop/static/shop/style.css", headers: [("If-Modified-Since", modified)]).status == 304)
        let range = try daemon.get("/shop/static/shop/style.css", headers: [("Range", "bytes=0-3")])
        #expect(range.status == 206)
        #expect(range.text == "body")
        #expect(range.header("Content-Range") == "bytes 0-3/25")
        #expect(try daemon.get("/shop/static/shop/style.css", headers: [("Range", "bytes=100-200")]).status == 416)
        let head = try daemon.request("HEAD", "/shop/static/shop/style.css")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "25")
        let builtin = try daemon.get("/shop/static/default/style.css")
        #expect(builtin.status == 200)
        #expect(builtin.header("Content-Type")?.hasPrefix("text/css") == true)
    }

    /// Under the path prefix and under the Host: each mount asks the Site's static cache with its own local path.
    @Test func aFileAddedToTheProjectReplacesTheBuiltInAsset() throws {
        let daemon = try Self.daemonWithShop()
        func byPrefix() throws -> HTTPReply { try daemon.get("/shop/static/default/style.css") }
        func byHost() throws -> HTTPReply { try daemon.get("/static/default/style.css", host: "shop.localhost") }
        for get in [byPrefix, byHost] {
            let builtin = try get()
            #expect(builtin.status == 200)
            #expect(try get().text == builtin.text)  // the project's miss remembered
        }
        try ProjectFixture.file("static/default/style.css", in: daemon.projects.appendingPathComponent("shop"), "body { color: #abcdef; }\n")
        for get in [byPrefix, byHost] {
            try daemon.eventually("the project's own style.css served") { try get().text == "body { color: #abcdef; }\n" }
        }
    }

    @Test(arguments: [
        "/shop/static/../project.yaml",
        "/shop/static/%2e%2e/project.yaml",
        "/shop/static/shop/%2e%2e/%2e%2e/project.yaml",
        "/shop/static/shop%2f..%2f..%2fproject.yaml",
        "/shop/static/shop/..%5c..%5cproject.yaml",
        "/shop/static/shop/escape.yaml",
        "/shop/static/shop/",
        "/shop/static/%00",
    ])
    func nothingOutsideTheStaticFolderIsServed(path: String) throws {
        let daemon = try Self.daemonWithShop()
        let reply = try daemon.get(path)
        #expect(reply.status == 404 || reply.status == 400, "\(path) → \(reply.status)")
        #expect(!reply.text.contains("name: shop"))
    }

    @Test func builtInErrorPagesAndOverrides() throws {
        let daemon = try Self.daemonWithShop(extraYAML: "errors: {404: shop/missing.html}\n")
        let status = try daemon.ctl("status", "shop").stdout
        #expect(status.contains("errors: template 'shop/missing.html' for 404 not found"), "\(status)")
        let project = daemon.projects.appendingPathComponent("shop")
        var yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "errors: {404: shop/missing.html}\n", with: "")
        try yaml.write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try daemon.eventually("project loads") { try daemon.ctl("status", "shop").stdout.contains("shop: serving") }

        let missing = try daemon.get("/shop/nope")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(missing.text.contains("404"))

        #expect(missing.text.contains("Not Found"))
        try ProjectFixture.file("templates/errors/404.html", in: project, "custom missing page {{ error.code }}")
        try daemon.eventually("404 override served") { try daemon.get("/shop/nope").text.contains("custom missing page 404") }

        try ProjectFixture.file("templates/shop/gone.html", in: project, "configured page {{ error.name }}")
        yaml += "errors: {404: shop/gone.html}\n"
        try yaml.write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try daemon.eventually("errors: mapping served") { try daemon.get("/shop/nope").text.contains("configured page Not Found") }
    }

    @Test func aFailingTemplateGivesThe500PageAndALogLine() throws {
        // Not --dev: that shows the cause on the page, as debug: true does.
        let daemon = try TestDaemon(dev: false) { projects in
            try ProjectFixture.write(name: "shop", in: projects, index: "{{ nothing.attribute }}")
        }
        let reply = try daemon.get("/shop/")
        #expect(reply.status == 500)
        #expect(reply.text.contains("500"))
        #expect(!reply.text.contains("nothing"), "no details outside debug mode")
        try daemon.eventually("500 logged") { daemon.log.contains("failed") && daemon.log.contains("shop/index.html") }
    }

    @Test func debugModeShowsTheErrorAndItsLocation() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "shop", in: projects, extraYAML: "debug: true\n", index: "line one\n{{ nothing.attribute }}")
        }
        let reply = try daemon.get("/shop/")
        #expect(reply.status == 500)
        #expect(reply.text.contains("shop/index.html:2"))
    }

    @Test func inDevModeATemplateErrorShowsItsLinesAndStatusKeepsIt() throws {
        let daemon = try TestDaemon(dev: true) { projects in
            try ProjectFixture.write(name: "shop", in: projects, index: "line one\n{{ nothing.attribute }}\nline three")
        }
        #expect(try daemon.ctl("status", "shop").stdout.contains("runtime errors") == false)
        let reply = try daemon.get("/shop/?q=1")
        #expect(reply.status == 500)
        #expect(reply.text.contains("shop/index.html:2"), "the template and line")
        #expect(reply.text.contains("<span class=\"error-line\">   2  {{ nothing.attribute }}</span>"), "its source, the line marked")
        #expect(reply.text.contains("   1  line one") && reply.text.contains("   3  line three"), "the lines around it")
        #expect(reply.text.contains("Request: <code>GET /shop/?q=1</code>"))
        try daemon.eventually("the error logged") { daemon.log.contains("GET /shop/ failed") }
        #expect(daemon.log.components(separatedBy: "GET /shop/ failed").count == 2 && !daemon.log.contains("→ 500"), "logged once:\n\(daemon.log)")
        _ = try daemon.get("/shop/")
        let status = try daemon.ctl("status", "shop").stdout
        #expect(status.contains("shop: serving"))
        #expect(status.contains("runtime errors: 2 since the daemon started:"), "\(status)")
        #expect(status.contains("GET /shop/: shop/index.html:2:"), "\(status)")
        #expect(try daemon.ctl("list").stdout.contains("serving (2 runtime errors)"))
    }
}
