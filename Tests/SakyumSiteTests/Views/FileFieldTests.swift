import Foundation
import SakyumStore
import SakyumTestSupport
import Testing

/// `file` fields of forms.yaml stored by create and update views, as profile images are.
@Suite("File fields: stored under the uploads folder with a random name, checked, replaced, served at /media/")
struct FileFieldTests {
    static func project() async throws -> TestProject {
        let school = try TestProject(extraYAML: "", files: [
            "project.yaml": """
                name: school
                prefix: /school
                blueprints: [default, errors, auth, base, docs]

                """,
            "docs/models.yaml": """
                Handout:
                  fields:
                    id: {type: integer, primary_key: true}
                    title: {type: string, length: 80, nullable: false}
                    attachment: {type: string, length: 255}

                """,
            "docs/forms.yaml": """
                HandoutForm:
                  title: {type: string, validators: [required]}
                  attachment: {type: file, validators: [{file_allowed: {extensions: [pdf, png]}}]}

                """,
            "docs/views.yaml": """
                - {path: /docs/, endpoint: index, template: docs/list.html, context: {handouts: {query: Handout}}}
                - {path: /docs/new/, endpoint: new, template: docs/form.html, login_required: true,
                   create: {model: Handout, form: HandoutForm}, success: {redirect: docs.index}}
                - {path: "/docs/<int:id>/edit/", endpoint: edit, template: docs/form.html, login_required: true,
                   update: {model: Handout, form: HandoutForm}, success: {redirect: docs.index}}

                """,
            "templates/docs/list.html": "{% for h in handouts %}{{ h.title }}={{ h.attachment }};{% endfor %}",
            "templates/docs/form.html": """
                <form method="post" enctype="multipart/form-data">{{ form.hidden_tag() }}{{ form.title }}{{ form.attachment }}</form>
                {% for name, messages in form.errors.items() %}{% for m in messages %}<p class="error">{{ name }}: {{ m }}</p>{% endfor %}{% endfor %}

                """,
        ])
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        return school
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 32)

    /// POSTs the form at `path` as multipart with `title` and, when given, a file.
    static func submit(_ client: SiteClient, _ path: String, title: String, file: (name: String, bytes: Data)?) async throws -> HTTPReply {
        let token = try await client.csrfToken(on: path)
        let boundary = "----sakyumfiles"
        var body = Data()
        for (name, value) in [("csrf_token", token), ("title", title)] {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return try await client.send("POST", path, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
    }

    static func uploads(_ school: TestProject) -> [String] {
        let media = school.directory.appendingPathComponent("media")
        return ((try? FileManager.default.contentsOfDirectory(atPath: media.path)) ?? []).filter { $0 != "default_img.png" }.sorted()
    }

    @Test func aFileIsStoredReplacedKeptAndServed() async throws {
        let school = try await Self.project()
        let ada = SiteClient(school)
        try await ada.logIn("ada", "lovelace1")
        let created = try await Self.submit(ada, "/school/docs/new/", title: "Map", file: ("map.png", Self.png))
        #expect(created.status == 302, "\(created.text.prefix(500))")
        let first = try #require(Self.uploads(school).first)
        #expect(first.hasSuffix(".png") && first.count == 20, "a random name: \(first)")
        let store = school.site.accounts!.store
        #expect(try await store.get("Handout", id: .integer(1))?["attachment"] == .string(first))
        let served = try await ada.get("/school/media/\(first)")
        #expect(served.status == 200 && served.body == Self.png)
        #expect(try await SiteClient(school).get("/school/media/\(first)").status == 302, "uploads are for logged-in users")

        let kept = try await Self.submit(ada, "/school/docs/1/edit/", title: "Map, new title", file: nil)
        #expect(kept.status == 302)
        #expect(try await store.get("Handout", id: .integer(1))?["attachment"] == .string(first), "no new file keeps the old one")

        let replaced = try await Self.submit(ada, "/school/docs/1/edit/", title: "Map", file: ("map2.png", Self.png))
        #expect(replaced.status == 302)
        let files = Self.uploads(school)
        #expect(files.count == 1 && files[0] != first, "the replaced file is removed: \(files)")
        #expect(try await store.get("Handout", id: .integer(1))?["attachment"] == .string(files[0]))
    }

    @Test func aRefusedFileOrAnInvalidFormLeavesNothingBehind() async throws {
        let school = try await Self.project()
        let ada = SiteClient(school)
        try await ada.logIn("ada", "lovelace1")
        let fake = try await Self.submit(ada, "/school/docs/new/", title: "Map", file: ("map.png", Data("<?php echo 1; ?>".utf8)))
        #expect(fake.status == 422)
        #expect(fake.text.contains("attachment: The file&#39;s content is not what its .png extension says"), "\(fake.text)")
        let exe = try await Self.submit(ada, "/school/docs/new/", title: "Map", file: ("tool.exe", Self.png))
        #expect(exe.status == 422)
        #expect(exe.text.contains("attachment: Only pdf, png files are allowed"))
        let untitled = try await Self.submit(ada, "/school/docs/new/", title: "", file: ("map.png", Self.png))
        #expect(untitled.status == 422)
        #expect(Self.uploads(school).isEmpty, "the file of a row that was not saved is removed")
        #expect(try await school.site.accounts!.store.count(Query(model: "Handout")) == 0)
    }
}
