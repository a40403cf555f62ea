import Foundation
import Testing
import SakyumTestSupport

/// A project whose exam app lists questions from the database.
private func writeExamProject(in projects: URL) throws {
    try ProjectFixture.write(name: "school", in: projects, extraYAML: "")
    let project = projects.appendingPathComponent("school")
    let yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
    try yaml.replacingOccurrences(of: "blueprints: [default, errors, auth, base]", with: "blueprints: [default, errors, auth, base, exam]")
        .write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
    try ProjectFixture.file("exam/models.yaml", in: project, examModels(extraField: ""))
    try ProjectFixture.file("exam/views.yaml", in: project, """
        - {path: /exam/, endpoint: index, template: exam/index.html,
           context: {questions: {query: ExamQuestionModel, order_by: -id}}}

        """)
    try ProjectFixture.file("templates/exam/index.html", in: project, "questions: {{ questions|length }}")
}

private func examModels(extraField: String) -> String {
    """
    ExamQuestionModel:
      str: "{{ question_text }}"
      fields:
        id: {type: integer, primary_key: true}
        question_text: {type: text, nullable: false}
    \(extraField)
    """
}

@Suite("sakyumctl db: pending migrations block only their pages until db upgrade")
struct MigrationCommandTests {
    @Test func aChangedModelWaitsForRevisionAndUpgrade() throws {
        let daemon = try TestDaemon(dev: false) { try writeExamProject(in: $0) }
        let project = daemon.projects.appendingPathComponent("school")
        #expect(try daemon.get("/school/exam/").text == "questions: 0")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("default.db").path))

        try ProjectFixture.file("exam/models.yaml", in: project, examModels(extraField: "    level: {type: integer}"))
        #expect(try daemon.ctl("reload", "--wait", "school").status == 0)
        let status = try daemon.ctl("status", "school")
        #expect(status.stdout.contains("pending migration"), "\(status.stdout)")
        #expect(status.stdout.contains("add_column exam_question_model.level"))
        #expect(try daemon.ctl("list").stdout.contains("serving (pending migration)"))
        let blocked = try daemon.get("/school/exam/")
        #expect(blocked.status == 503)
        #expect(blocked.text.contains("sakyumctl db upgrade school"))
        #expect(try daemon.get("/school/").status == 200, "pages that read no changed model keep working")

        let revision = try daemon.ctl("db", "revision", "school", "--autogenerate", "-m", "add level")
        #expect(revision.status == 0, "\(revision.stderr)")
        #expect(revision.stdout.contains("add_column exam_question_model.level"))
        let files = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("migrations").path)
        #expect(files.count == 1 && files[0].hasSuffix("_add_level.yaml"), "\(files)")
        let id = String(files[0].prefix(12))
        #expect(try daemon.ctl("db", "current", "school").stdout.contains("base (head is \(id))"))

        let upgrade = try daemon.ctl("db", "upgrade", "school")
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.stdout.contains("upgraded to \(id)"))
        #expect(try daemon.get("/school/exam/").status == 200)
        #expect(!(try daemon.ctl("status", "school").stdout.contains("pending migration")))
        #expect(try daemon.ctl("db", "current", "school").stdout == "\(id) (head)\n")
        let history = try daemon.ctl("db", "history", "school", "--verbose")
        #expect(history.stdout.contains("<base> -> \(id) (current), add level"))
        #expect(history.stdout.contains("upgrade: add_column exam_question_model.level"))

        // Undoing it brings the pending state back: the models still want the column.
        let downgrade = try daemon.ctl("db", "downgrade", "school", "-1")
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        #expect(downgrade.stdout.contains("downgraded to base"))
        #expect(try daemon.get("/school/exam/").status == 503)
    }

    @Test func badMigrationCommandsFailWithAReason() throws {
        let daemon = try TestDaemon(dev: false) { try writeExamProject(in: $0) }
        let unknown = try daemon.ctl("db", "upgrade", "nope")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("there is no project 'nope'"))
        let nothing = try daemon.ctl("db", "revision", "school", "--autogenerate", "-m", "nothing")
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("already matches the models"))
        let badTarget = try daemon.ctl("db", "downgrade", "school", "abc123")
        #expect(badTarget.status != 0)
        #expect(badTarget.stderr.contains("there is no revision 'abc123'"))
        let noMessage = try daemon.ctl("db", "revision", "school")
        #expect(noMessage.status != 0)
    }

    @Test func devModeAddsNullableColumnsOnReload() throws {
        let daemon = try TestDaemon { try writeExamProject(in: $0) }
        let project = daemon.projects.appendingPathComponent("school")
        #expect(try daemon.get("/school/exam/").status == 200)
        try ProjectFixture.file("exam/models.yaml", in: project, examModels(extraField: "    level: {type: integer}"))
        #expect(try daemon.ctl("reload", "--wait", "school").status == 0)
        #expect(!(try daemon.ctl("status", "school").stdout.contains("pending migration")))
        #expect(try daemon.get("/school/exam/").status == 200)
        #expect(daemon.log.contains("applied add_column exam_question_model.level"))
    }
}
