import Foundation
import GRDB
import SakyumImport
import SakyumScaffold
import SakyumSite
import SakyumTestSupport
import Testing

/// Imports of the sakyum 0.0.12 project in Tests/Fixtures/sakyum-import (made by sakyum itself), served in process.
@Suite struct ProjectImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sakyum-import/schoolsite")

    /// A copy of the fixture that a test may change.
    static func copyOfFixture(in folder: TemporaryFolder) throws -> URL {
        let copy = folder.url.appendingPathComponent("sakyum-source/schoolsite")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy
    }

    /// Every file under `root` with its bytes and modification time: what "never written" means.
    static func snapshot(_ root: URL) throws -> [String: (Data, Date)] {
        var files: [String: (Data, Date)] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let values = try url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            files[url.path.replacingOccurrences(of: root.path, with: "")] = (try Data(contentsOf: url), values.contentModificationDate ?? .distantPast)
        }
        return files
    }

    static func same(_ a: [String: (Data, Date)], _ b: [String: (Data, Date)]) -> Bool {
        a.count == b.count && a.allSatisfy { path, value in b[path].map { $0.0 == value.0 && $0.1 == value.1 } ?? false }
    }

    @Test func importsTheTutorialProjectAndServesItsUsersQuestionsAndPages() async throws {
        let before = try Self.snapshot(Self.fixture)
        var outcome: ProjectImport.Outcome?
        let project = try TestProject(name: "schoolsite") { projects in
            outcome = try ProjectImport(source: Self.fixture).run(into: projects)
        }
        defer { project.folder.remove() }
        #expect(Self.same(before, try Self.snapshot(Self.fixture)), "the sakyum folder was written")
        let report = try #require(outcome).report
        #expect(report.findings.map(\.location) == [
            "exam/admin.py:15", "exam/views.py:45", "templates/exam/question.html:5", "schoolsite/secret.py",
        ])
        #expect(project.site.schema?.pending.isEmpty == true, "\(project.site.schema?.pending ?? [])")

        let models = try String(contentsOf: project.directory.appendingPathComponent("exam/models.yaml"), encoding: .utf8)
        #expect(models.contains("""
        ExamQuestionModel:
          str: "{{ question_text }}"
          fields:
            id: {type: integer, primary_key: true}
            date_posted: {type: datetime, nullable: false, default: now}
            user_id: {type: integer, foreign_key: user.id}
            question_text: {type: text, nullable: false}
          relationships:
            user: {model: User, backref: user}
            choices: {model: ExamChoiceModel, backref: selector}
        """), "\(models)")
        let secret = try String(contentsOf: project.directory.appendingPathComponent("secret.key"), encoding: .utf8)
        #expect(secret == "sakyumImportFixtureSecretKey0012NotSecret\n")

        let visitor = SiteClient(project)
        #expect(try await visitor.get("/schoolsite/").status == 200)
        #expect(try await visitor.get("/schoolsite/static/exam/style.css").status == 200)
        let questions = try await visitor.get("/schoolsite/exam/questions/")
        #expect(questions.status == 200)
        #expect(questions.text.contains("Exam questions (3)"))
        #expect(questions.text.contains("At which year Neil Armstrong landed in the moon?"))
        #expect(questions.text.contains("href=\"/schoolsite/static/exam/style.css\""))
        let question = try await visitor.get("/schoolsite/exam/question/1/")
        #expect(question.status == 200)
        for choice in ["In 1969", "In 1996", "In 2023", "In 2007"] { #expect(question.text.contains(choice)) }
        #expect(question.text.contains("asked by backend-developer"))
        #expect(try await visitor.get("/schoolsite/exam/question/9/").status == 404)

        // A user sakyum made logs in with the password sakyum hashed; the view sakyum ran as Python says it is not ported.
        let user = SiteClient(project)
        let login = try await user.logIn("backend-developer", "123456", prefix: "/schoolsite")
        #expect(login.status == 302, "\(login.text)")
        let ask = try await user.get("/schoolsite/exam/ask/")
        #expect(ask.status == 200)
        #expect(ask.text.contains("Not ported yet"))
        #expect(ask.text.contains("exam/views.py:42"))
        #expect(try await user.get("/schoolsite/admin/").status == 403)

        // The user sakyum's create_user made is an admin there and here, and sees the questions in the admin.
        let admin = SiteClient(project)
        #expect(try await admin.logIn("network-engineer", "my-secret-pass", prefix: "/schoolsite").status == 302)
        let home = try await admin.get("/schoolsite/admin/")
        #expect(home.status == 200)
        #expect(home.text.contains("Question-Choice"))
        // sakyum's own endpoint name for the profile image page, in sakyum's admin/index.html, builds as is.
        #expect(home.text.contains("href=\"/schoolsite/admin/change_profile_image/\""))
        let adminIndex = try String(contentsOf: project.directory.appendingPathComponent("templates/admin/index.html"), encoding: .utf8)
        #expect(adminIndex.contains("url_for('auth.changeProfileImage')"))
        let list = try await admin.get("/schoolsite/admin/examquestionmodel/")
        #expect(list.status == 200, "\(list.text.prefix(500))")
        #expect(list.text.contains("What is odd in the choice?"))

        let markdown = try String(contentsOf: project.directory.appendingPathComponent("IMPORT.md"), encoding: .utf8)
        #expect(markdown.contains("exam/views.py:45"))
        #expect(markdown.contains("create: {model: ExamQuestionModel, form: QuestionForm, set: {user_id: current_user.id}}"))
        #expect(markdown.contains("sakyumctl set-admin"))
        #expect(markdown.contains("user 4 rows"))
    }

    /// The view IMPORT.md suggests for sakyum's Python `ask` view works with sakyum's own ask.html
    /// (`form.hidden_tag()`, `form.question_text(rows=4, cols=60)`, `form.question_text.errors`).
    @Test func theSuggestedViewReplacesThePlaceholderAndWorksWithSakyumsTemplate() async throws {
        let project = try TestProject(name: "schoolsite") { projects in _ = try ProjectImport(source: Self.fixture).run(into: projects) }
        defer { project.folder.remove() }
        let views = project.directory.appendingPathComponent("exam/views.yaml")
        let lines = try String(contentsOf: views, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let suggestion = try #require(lines.first { $0.hasPrefix("# - {path: /exam/ask/") }).dropFirst(2)
        try (lines.filter { !$0.contains("sakyum_import/not_ported.html") }.joined(separator: "\n") + "\n" + suggestion + "\n")
            .write(to: views, atomically: true, encoding: .utf8)
        let user = SiteClient(try project.compiled())
        #expect(try await user.logIn("quantum-developer", "123456", prefix: "/schoolsite").status == 302)
        let form = try await user.get("/schoolsite/exam/ask/")
        #expect(form.status == 200)
        #expect(form.text.contains("<textarea"), "\(form.text)")
        #expect(form.text.contains("rows=\"4\""))
        let empty = try await user.post("/schoolsite/exam/ask/", [("question_text", "")], csrfFrom: "/schoolsite/exam/ask/")
        #expect(empty.status == 422)
        let asked = try await user.post("/schoolsite/exam/ask/", [("question_text", "Is a qubit a bit?")], csrfFrom: "/schoolsite/exam/ask/")
        #expect(asked.status == 302)
        #expect(asked.header("Location") == "/schoolsite/exam/questions/")
        let questions = try await user.get("/schoolsite/exam/questions/")
        #expect(questions.text.contains("Exam questions (4)"))
        #expect(questions.text.contains("Is a qubit a bit?"))
        #expect(questions.text.contains("Your question has been created!"))
    }

    @Test func refusesAFolderThatIsNotASakyumProject() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer { folder.remove() }
        _ = try folder.write("notes/readme.txt", "just notes")
        let projects = folder.url.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        #expect {
            try ProjectImport(source: folder.url.appendingPathComponent("notes")).run(into: projects)
        } throws: { error in
            (error as? ScaffoldError)?.code == .invalidProject && "\(error)".contains("is not a sakyum project")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: projects.path).isEmpty)
    }

    @Test func refusesAModelsFilePythonWouldRefuseAndLeavesNothing() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer { folder.remove() }
        let source = try Self.copyOfFixture(in: folder)
        let models = source.appendingPathComponent("exam/models.py")
        let text = try String(contentsOf: models, encoding: .utf8)
        try text.replacingOccurrences(of: "db.Column(db.Text, nullable=False)", with: "db.Column(db.Text, nullable=False")
            .write(to: models, atomically: true, encoding: .utf8)
        let projects = folder.url.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        #expect {
            try ProjectImport(source: source).run(into: projects)
        } throws: { error in
            "\(error)".contains("exam/models.py:20:28: '(' was never closed") && "\(error)".contains("Python would refuse")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: projects.path).isEmpty)
    }

    @Test func importsATableNoModelsFileDeclaresAsAReportedGuess() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer { folder.remove() }
        let source = try Self.copyOfFixture(in: folder)
        let database = try DatabaseQueue(path: source.appendingPathComponent("default.db").path)
        try database.write { db in
            try db.execute(sql: "CREATE TABLE exam_note (id INTEGER NOT NULL, body VARCHAR(200), pinned BOOLEAN, PRIMARY KEY (id))")
            try db.execute(sql: "INSERT INTO exam_note (body, pinned) VALUES ('remember the moon', 1)")
        }
        try database.close()
        var outcome: ProjectImport.Outcome?
        let project = try TestProject(name: "schoolsite") { projects in
            outcome = try ProjectImport(source: source).run(into: projects)
        }
        defer { project.folder.remove() }
        let finding = try #require(outcome?.report.findings.first { $0.message.contains("exam_note") })
        #expect(finding.location == "default.db")
        #expect(finding.message.contains("model ExamNote in app exam"))
        let models = try String(contentsOf: project.directory.appendingPathComponent("exam/models.yaml"), encoding: .utf8)
        #expect(models.contains("ExamNote:\n  fields:\n    id: {type: integer, primary_key: true}\n    body: {type: string, length: 200}\n    pinned: {type: boolean}"))
        #expect(project.site.schema?.pending.isEmpty == true, "\(project.site.schema?.pending ?? [])")
    }

    @Test func reportsWhereModelsFileAndDatabaseDisagreeAndFollowsTheDatabase() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer { folder.remove() }
        let source = try Self.copyOfFixture(in: folder)
        let models = source.appendingPathComponent("exam/models.py")
        let text = try String(contentsOf: models, encoding: .utf8)
        try text.replacingOccurrences(of: "choice_text = db.Column(db.String(100), nullable=False)", with: """
            choice_text = db.Column(db.String(50), nullable=False)
              votes = db.Column(db.Integer, default=0)

              def is_popular(self):
                return self.votes > 10
            """).write(to: models, atomically: true, encoding: .utf8)
        var outcome: ProjectImport.Outcome?
        let project = try TestProject(name: "schoolsite") { projects in
            outcome = try ProjectImport(source: source).run(into: projects)
        }
        defer { project.folder.remove() }
        let messages = try #require(outcome).report.findings.map(\.description)
        #expect(messages.contains("exam/models.py:44: method ExamChoiceModel.is_popular is Python logic; not imported (a template filter or a view can often do what it did)"), "\(messages)")
        #expect(messages.contains("exam/models.py:41: ExamChoiceModel.choice_text: models.py says db.String(50) but the database has VARCHAR(100); imported as the database has it"))
        #expect(messages.contains { $0.hasPrefix("exam/models.py:42: ExamChoiceModel.votes is in models.py but not in the database's table exam_choice_model")
            && $0.hasSuffix("`sakyumctl db revision schoolsite --autogenerate -m \"add votes\"`, then `sakyumctl db upgrade schoolsite`") }, "\(messages)")
        let yaml = try String(contentsOf: project.directory.appendingPathComponent("exam/models.yaml"), encoding: .utf8)
        #expect(yaml.contains("choice_text: {type: string, length: 100, nullable: false}"))
        #expect(!yaml.contains("votes"))
        #expect(project.site.schema?.pending.isEmpty == true)
    }

    @Test func readsAReadOnlySourceWithoutWritingIt() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer {
            _ = try? Self.setWritable(folder.url.appendingPathComponent("sakyum-source"), true)
            folder.remove()
        }
        let source = try Self.copyOfFixture(in: folder)
        try Self.setWritable(source, false)
        let before = try Self.snapshot(source)
        let projects = folder.url.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        let outcome = try ProjectImport(source: source, name: "school2", hosts: ["school2.example"], prefix: "/school2").run(into: projects)
        #expect(outcome.directory.lastPathComponent == "school2")
        #expect(Self.same(before, try Self.snapshot(source)))
        #expect(!FileManager.default.fileExists(atPath: source.appendingPathComponent("default.db-journal").path))
        let project = try String(contentsOf: outcome.directory.appendingPathComponent("project.yaml"), encoding: .utf8)
        #expect(project.contains("name: school2\nhosts:\n  - school2.example\nprefix: /school2\n"))
    }

    @Test func refusesAnExistingProjectAndKeepsIt() throws {
        let folder = TemporaryFolder("sakyum-import")
        defer { folder.remove() }
        let projects = folder.url.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        let first = try ProjectImport(source: Self.fixture).run(into: projects)
        let before = try Self.snapshot(first.directory)
        #expect {
            try ProjectImport(source: Self.fixture).run(into: projects)
        } throws: { error in
            (error as? ScaffoldError)?.code == .alreadyExists
        }
        #expect(Self.same(before, try Self.snapshot(first.directory)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: projects.path) == ["schoolsite"])
    }

    /// Folders 0755/0555 and files 0644/0444, recursively.
    static func setWritable(_ root: URL, _ writable: Bool) throws {
        var paths = [root.path]
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            while let relative = enumerator.nextObject() as? String { paths.append(root.path + "/" + relative) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let mode = isDirectory.boolValue ? (writable ? 0o755 : 0o555) : (writable ? 0o644 : 0o444)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
    }
}
