import Foundation
import GRDB
import SakyumSpec
@testable import SakyumStore
import SakyumTestSupport

/// A suite holds a temporary folder for the databases of its tests.
extension TemporaryFolder {
    /// A Store on a new, empty database; or on a copy of the SQLAlchemy-made fixture.
    func database(copyingFixture: Bool = false, models: String = TestDatabase.models) throws -> TestDatabase {
        try TestDatabase(in: url.appendingPathComponent(UUID().uuidString.prefix(8).description), copyingFixture: copyingFixture, models: models)
    }
}

/// The tutorial's models (and one with every other type, as the fixture has it), loaded through the real
/// ProjectLoader, and a Store on a database file in the project's folder.
struct TestDatabase {
    static let models = """
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
            scores: {model: ExamScoreModel, backref: question}
        ExamChoiceModel:
          str: "{{ choice_text }}"
          fields:
            id: {type: integer, primary_key: true}
            date_posted: {type: datetime, nullable: false, default: now}
            question_id: {type: integer, foreign_key: exam_question_model.id, nullable: false}
            choice_text: {type: string, length: 100, nullable: false}
        ExamScoreModel:
          fields:
            id: {type: integer, primary_key: true}
            question_id: {type: integer, foreign_key: exam_question_model.id, on_delete: cascade, nullable: false, index: true}
            points: {type: float}
            taken_on: {type: date}
            details: {type: json}
            code: {type: string, length: 8, unique: true, index: true}
            passed: {type: boolean, nullable: false, default: false}
        """

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sakyum.db")

    let store: Store

    init(in folder: URL, copyingFixture: Bool, models: String) throws {
        let project = folder.appendingPathComponent("schoolsite")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("exam"), withIntermediateDirectories: true)
        try "name: schoolsite\nblueprints: [default, errors, auth, base, exam]\n"
            .write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try models.write(to: project.appendingPathComponent("exam/models.yaml"), atomically: true, encoding: .utf8)
        let spec = try ProjectLoader(directory: project).load()
        let path = project.appendingPathComponent("default.db").path
        if copyingFixture { try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path) }
        store = try Store(path: path, models: spec.models)
    }

    /// `SELECT sql FROM sqlite_master` of a database file, by name, for comparing schemas.
    static func schema(of store: Store) async throws -> [String: String] {
        try await store.read { transaction in
            let rows = try Row.fetchAll(transaction.db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    /// What SQLite holds, read with raw SQL (`SELECT typeof(x) || ':' || x …`), to check the storage format itself.
    func stored(_ sql: String) async throws -> [String?] {
        try await store.read { transaction in try String?.fetchAll(transaction.db, sql: sql) }
    }
}
