import Foundation
import Glibc
import Synchronization
import SakyumTestSupport
import Testing

@Suite("kill -9 while writing: every acknowledged write is there after a restart")
struct KillDuringWritesTests {
    /// Project `notes`: anyone may add a note (POST /notes/notes/new/); /notes/notes/all/ lists them as JSON.
    static func writeProject(in projects: URL, on backend: TestBackend) throws {
        try ProjectFixture.write(name: "notes", in: projects)
        let project = projects.appendingPathComponent("notes")
        if backend == .postgres { try TestProject.setDatabase(try PostgresServer.shared().makeDatabase().url, in: project) }
        try ProjectFixture.file("project.yaml", in: project, try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "blueprints: [default, errors, auth, base]", with: "blueprints: [default, errors, auth, base, board]"))
        try ProjectFixture.file("board/models.yaml", in: project, "Note:\n  fields:\n    id: {type: integer, primary_key: true}\n    text: {type: string, length: 40, nullable: false}\n")
        try ProjectFixture.file("board/forms.yaml", in: project, "NoteForm:\n  text: {type: string, validators: [required]}\n")
        try ProjectFixture.file("board/views.yaml", in: project, """
            - {path: /notes/new/, endpoint: new_note, template: board/new.html, create: {model: Note, form: NoteForm}, success: {redirect: {url: /}}}
            - {path: /notes/all/, endpoint: all, json: {query: Note, order_by: id}}

            """)
        try ProjectFixture.file("templates/board/new.html", in: project, "<form method=\"post\">{{ form.hidden_tag() }}{{ form.text }}</form>\n")
    }

    /// On SQLite a new daemon opens the files the killed one left; on PostgreSQL a second daemon serves the same
    /// database all along, as a second machine would, and keeps serving when the first is killed.
    @Test(arguments: TestBackend.allCases) func acknowledgedWritesSurviveAKill(on backend: TestBackend) throws {
        let first = try TestDaemon { try Self.writeProject(in: $0, on: backend) }
        let standby = backend == .postgres ? try Self.daemon(copying: first) : nil
        let page = try first.get("/notes/notes/new/")
        let cookie = try #require(page.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let token = try #require(page.text.firstMatch(of: /name="csrf_token" type="hidden" value="([^"]+)"/)?.1)
        let field = "csrf_token=" + String(token).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        // Two writers post notes as fast as they can; the daemon is killed while they do.
        let acknowledged = Mutex<[String]>([])
        let writers = (0..<2).map { writer in
            Thread {
                for number in 0..<100_000 {
                    let text = "note-\(writer)-\(number)"
                    guard let reply = try? first.request("POST", "/notes/notes/new/", headers: [
                        ("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded"),
                    ], body: "\(field)&text=\(text)"), reply.status == 302 else { return }
                    acknowledged.withLock { $0.append(text) }
                }
            }
        }
        writers.forEach { $0.start() }
        try waitUntil("some writes acknowledged") { acknowledged.withLock { $0.count } >= 20 }
        kill(first.processIdentifier, SIGKILL)
        try waitUntil("the writers stopped") { writers.allSatisfy(\.isFinished) }
        #expect(first.waitForExit() != 0)
        let written = acknowledged.withLock { $0 }

        // SQLite: the same files (database and its write-ahead log as the killed process left them) under a new daemon.
        let second = try standby ?? Self.daemon(copying: first)
        let list = try second.get("/notes/notes/all/")
        #expect(list.status == 200)
        let rows = try #require(try JSONSerialization.jsonObject(with: list.body) as? [[String: Any]])
        let stored = Set(rows.compactMap { $0["text"] as? String })
        let lost = written.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost)")
        #expect(written.count >= 20, "\(written.count) writes acknowledged before the kill, \(stored.count) stored")
    }

    /// A daemon serving a copy of `first`'s project folder.
    static func daemon(copying first: TestDaemon) throws -> TestDaemon {
        try TestDaemon { projects in
            try FileManager.default.copyItem(at: first.projects.appendingPathComponent("notes"), to: projects.appendingPathComponent("notes"))
        }
    }
}
