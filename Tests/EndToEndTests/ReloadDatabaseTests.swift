import Foundation
import Testing
import SakyumTestSupport

@Suite("A reload that changes `database:` keeps the old database for requests in flight")
struct ReloadDatabaseTests {
    /// Project `notes`: anyone may add a note through /notes/notes/new/.
    static func daemonWithNotes() throws -> TestDaemon {
        try TestDaemon { projects in
            try ProjectFixture.write(name: "notes", in: projects, extraYAML: """
                database: sqlite:first.db
                """)
            let project = projects.appendingPathComponent("notes")
            try ProjectFixture.file("project.yaml", in: project, try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "blueprints: [default, errors, auth, base]", with: "blueprints: [default, errors, auth, base, board]"))
            try ProjectFixture.file("board/models.yaml", in: project, """
                Note:
                  fields:
                    id: {type: integer, primary_key: true}
                    text: {type: string, length: 100, nullable: false}

                """)
            try ProjectFixture.file("board/forms.yaml", in: project, """
                NoteForm:
                  text: {type: string, validators: [required]}

                """)
            try ProjectFixture.file("board/views.yaml", in: project, """
                - {path: /notes/new/, endpoint: new_note, template: board/new.html,
                   create: {model: Note, form: NoteForm}, success: {redirect: {url: /}}}

                """)
            try ProjectFixture.file("templates/board/new.html", in: project, """
                <form method="post">{{ form.hidden_tag() }}{{ form.text }}</form>

                """)
        }
    }

    @Test func aWriteInFlightDuringTheReloadCompletesOnTheOldDatabase() throws {
        let daemon = try Self.daemonWithNotes()
        let page = try daemon.get("/notes/notes/new/")
        #expect(page.status == 200, "\(page.text)")
        let cookie = try #require(page.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let token = try #require(page.text.firstMatch(of: /name="csrf_token" type="hidden" value="([^"]+)"/)?.1, "\(page.text)")
        let body = "csrf_token=\(String(token).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&text=written+across+a+reload"

        // The request is read up to its last byte, then project.yaml names another database.
        let connection = try TCPConnection(port: daemon.port)
        try connection.send("POST /notes/notes/new/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                            + body.dropLast())
        let project = daemon.projects.appendingPathComponent("notes")
        let yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
        try yaml.replacingOccurrences(of: "sqlite:first.db", with: "sqlite:second.db")
            .write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        let reload = try daemon.ctl("reload", "notes", "--wait")
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("second.db").path))

        try connection.send(String(body.last!))
        let head = try connection.receiveResponseHead()
        #expect(head.hasPrefix("HTTP/1.1 302"), "\(head)\n\(daemon.log)")
        #expect(!daemon.log.contains("failed"), "\(daemon.log)")
    }
}
