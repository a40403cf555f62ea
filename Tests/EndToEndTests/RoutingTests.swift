import Foundation
import Testing
import SakyumTestSupport

@Suite("Routing by Host and prefix, Werkzeug rules, url_for under both mounts")
struct RoutingTests {
    @Test func conflictingHostIsRefusedForTheSecondProjectAndTheFirstKeepsServing() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "first", in: projects, hosts: ["shared.test"])
        }
        try ProjectFixture.write(name: "second", in: daemon.projects, hosts: ["shared.test"])
        try daemon.eventually("second project noticed") { try daemon.ctl("status", "second").status == 0 }
        #expect(try daemon.get("/", host: "shared.test").text.contains("first home"))
        let status = try daemon.ctl("status", "second")
        #expect(status.stdout.contains("failed"))
        #expect(status.stdout.contains("host 'shared.test' is already served by project 'first'"))
        #expect(try daemon.get("/second/").status == 404)
    }

    @Test func conflictingPrefixIsRefusedForTheSecondProject() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "aaa", in: projects, prefix: "/site")
        }
        try ProjectFixture.write(name: "bbb", in: daemon.projects, prefix: "/site")
        try daemon.eventually("bbb refused") { try daemon.ctl("status", "bbb").stdout.contains("prefix '/site' is already used by project 'aaa'") }
        #expect(try daemon.get("/site/").text.contains("aaa home"))
    }

    @Test func rulesConvertersStrictSlashesMethodsAndURLFor() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "shop", in: projects, extraYAML: """
                  - {path: "/item/<int:id>/", endpoint: item, template: shop/item.html}
                  - {path: "/files/<path:name>", endpoint: file, template: shop/item.html}
                  - {path: /about, endpoint: about, template: shop/item.html, methods: [GET, POST]}
                """)
            try ProjectFixture.file("shop/templates/shop/item.html", in: projects, """
                id={{ id }} name={{ name }} self={{ url_for('base.item', id=7, q='a b') }} file={{ url_for('.file', name='a/b.txt') }} static={{ url_for('static', filename='shop/style.css') }}
                """)
        }
        let item = try daemon.get("/shop/item/42/")
        #expect(item.status == 200)
        #expect(item.text.contains("id=42"))
        #expect(item.text.contains("self=/shop/item/7/?q=a+b") || item.text.contains("self=/shop/item/7/?q=a%20b"))
        #expect(item.text.contains("file=/shop/files/a/b.txt"))
        #expect(item.text.contains("static=/shop/static/shop/style.css"))
        let byHost = try daemon.get("/item/42/", host: "shop.localhost")
        #expect(byHost.text.contains("self=/item/7/"))
        #expect(byHost.text.contains("static=/static/shop/style.css"))

        #expect(try daemon.get("/shop/item/abc/").status == 404)
        let slash = try daemon.get("/shop/item/42?x=1")
        #expect(slash.status == 308)
        #expect(slash.header("Location") == "/shop/item/42/?x=1")
        #expect(try daemon.get("/shop/files/deep/down/x.txt").text.contains("name=deep/down/x.txt"))
        #expect(try daemon.get("/shop/about/").status == 404)
        // The rule takes POST; without a CSRF token it is refused before the view runs.
        let post = try daemon.request("POST", "/shop/about")
        #expect(post.status == 400)
        #expect(post.text.contains("The CSRF token is missing."))
        let notAllowed = try daemon.request("DELETE", "/shop/about")
        #expect(notAllowed.status == 405)
        let allow = notAllowed.header("Allow") ?? ""
        #expect(allow.contains("GET") && allow.contains("POST") && allow.contains("HEAD"))
        let head = try daemon.request("HEAD", "/shop/item/1/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test func defaultProjectAnswersUnclaimedRequests() throws {
        let daemon = try TestDaemon(extraArguments: ["--default-project", "main"]) { projects in
            try ProjectFixture.write(name: "main", in: projects)
        }
        #expect(try daemon.get("/", host: "anything.example").text.contains("main home"))
    }
}
