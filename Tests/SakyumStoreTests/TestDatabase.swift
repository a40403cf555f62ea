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

    /// The same on either backend. On PostgreSQL the fixture's rows are copied into a new database of the
    /// private test cluster through the Store, ids kept, and each table's sequence moved past them.
    func database(on backend: TestBackend, copyingFixture: Bool = false, models: String = TestDatabase.models) async throws -> TestDatabase {
        let sqlite = try database(copyingFixture: copyingFixture, models: models)
        guard backend == .postgres else { return sqlite }
        let server = try PostgresServer.shared()
        let (name, url) = try server.makeDatabase()
        let database = try StoreDatabase(postgres: try PostgresLocation(url: url), password: nil)
        let models = sqlite.store.models
        _ = try database.synchronize(models: models, applyingAdditive: false)
        let store = Store(database: database, models: models)
        if copyingFixture {
            for model in models {
                let rows = try await sqlite.store.all(Query(model: model.name, order: [Query.Order(model.primaryKey.name)]))
                guard !rows.isEmpty else { continue }
                try await store.write { transaction in
                    for row in rows {
                        try transaction.insert(model.name, values: Dictionary(uniqueKeysWithValues: row.fields.map { ($0.name, $0.value) }))
                    }
                }
                try server.psql("SELECT setval(pg_get_serial_sequence('\(model.table.quotedIdentifier)', 'id'), (SELECT max(id) FROM \(model.table.quotedIdentifier)))", database: name)
            }
        }
        return TestDatabase(store: store, postgres: (server, name))
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
    /// The cluster and database name of a PostgreSQL Store.
    var postgres: (server: PostgresServer, name: String)? = nil

    init(store: Store, postgres: (server: PostgresServer, name: String)?) {
        self.store = store
        self.postgres = postgres
    }

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
            let rows = try Row.fetchAll(transaction.sqlite, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    /// What SQLite holds, read with raw SQL (`SELECT typeof(x) || ':' || x …`), to check the storage format itself.
    func stored(_ sql: String) async throws -> [String?] {
        try await store.read { transaction in try String?.fetchAll(transaction.sqlite, sql: sql) }
    }
}

extension StoreTransaction {
    /// The GRDB connection under a transaction of a SQLite Store, for raw SQL in tests.
    var sqlite: Database { (connection as! SQLiteSession).db }
}
