import Foundation
import GRDB
import SakyumSpec
import SakyumTestSupport
import Testing
@testable import SakyumStore

@Suite final class StoreSchemaTests {
    let folder = TemporaryFolder()

    @Test func createsTheTablesSQLAlchemyCreates() async throws {
        let created = try await TestDatabase.schema(of: folder.database().store)
        let sakyum = try await TestDatabase.schema(of: folder.database(copyingFixture: true).store)
        #expect(created.keys.sorted() == ["exam_choice_model", "exam_question_model", "exam_score_model",
                                          "ix_exam_score_model_code", "ix_exam_score_model_question_id",
                                          "ix_sakyum_login_failure_key", "sakyum_login_failure", "user"],
                "the models' tables as SQLAlchemy makes them, and the login throttle's own")
        #expect(created == sakyum)
    }

    @Test func leavesExistingTablesAndAddsMissingOnes() async throws {
        let database = try folder.database()
        try await database.store.insert("ExamQuestionModel", values: ["question_text": .string("kept?")])
        let more = TestDatabase.models + "\nExamTagModel:\n  fields:\n    label: {type: string, length: 30}\n"
        let reopened = try Store(path: database.store.path, models: try folder.database(models: more).store.models)
        #expect(try await reopened.tableNames().contains("exam_tag_model"))
        #expect(try await reopened.count(Query(model: "ExamQuestionModel")) == 1)
    }
}

@Suite final class SakyumDatabaseTests {
    let folder = TemporaryFolder()

    @Test func readsWhatSQLAlchemyWroteExactly() async throws {
        let store = try folder.database(copyingFixture: true).store
        let users = try await store.all(Query(model: "User", order: [Query.Order("id")]))
        #expect(users.count == 2)
        let backend = users[0]
        #expect(backend.id == .integer(1))
        #expect(backend["date_joined"] == .datetime(DateTimeValue(parsing: "2023-03-14 09:26:53.589793")!))
        #expect(backend["username"] == .string("backend-developer"))
        #expect(backend["user_img"] == .string("default_img.png"))
        #expect(backend["authenticated"] == .boolean(true))
        #expect(backend["is_superuser"] == .boolean(false))
        #expect(backend["is_admin"] == .boolean(true))
        let front = users[1]
        #expect(front["username"] == .string("frönt-développeur"))
        #expect(front["date_joined"]?.displayText == "2023-03-15 00:00:00")
        #expect(front["user_img"] == .null)
        #expect(front["is_superuser"] == .null)

        let questions = try await store.all(Query(model: "ExamQuestionModel", order: [Query.Order("id")]))
        #expect(questions.map { $0["question_text"] } == [.string("At which year Neil Armstrong landed in the moon?"), .string("Qu'est-ce qui est étrange ? 月 🌕")])
        #expect(questions[0]["date_posted"]?.displayText == "2023-04-01 12:30:00.000005")
        #expect(questions[1]["date_posted"] == .datetime(DateTimeValue(parsing: "1999-12-31 23:59:59.999999")!))
        #expect(questions[1]["user_id"] == .null)

        let score = try #require(try await store.get("ExamScoreModel", id: .integer(1)))
        #expect(score["points"] == .float(7.25))
        #expect(score["taken_on"] == .date(DateValue(year: 2024, month: 2, day: 29)!))
        #expect(score["details"] == .json(#"{"tries": 2, "note": "ok \u2713"}"#))
        #expect(score["passed"] == .boolean(true))
        let empty = try #require(try await store.get("ExamScoreModel", id: .integer(2)))
        #expect(empty["points"] == .null && empty["taken_on"] == .null && empty["code"] == .null)
        #expect(empty["details"] == .json("null"))
    }

    @Test func followsSakyumsRelationshipsAndBackrefs() async throws {
        let store = try folder.database(copyingFixture: true).store
        let question = try #require(try await store.get("ExamQuestionModel", id: .integer(1)))
        #expect(try await store.related(question, "user")?["username"] == .string("backend-developer"))
        let choices = try await store.relatedList(question, "choices")
        #expect(choices.map { $0["choice_text"] } == [.string("1969"), .string("1970")])
        #expect(try await store.related(choices[0], "selector")?.id == .integer(1))
        let backend = try #require(try await store.get("User", id: .integer(1)))
        #expect(try await store.relatedList(backend, "user").map(\.id) == [.integer(1)])
        let orphan = try #require(try await store.get("ExamQuestionModel", id: .integer(2)))
        #expect(try await store.related(orphan, "user") == nil)
        await #expect(throws: StoreError.unknownRelationship(model: "ExamQuestionModel", name: "author")) {
            try await store.related(question, "author")
        }
    }

    @Test func writesWhatSQLAlchemyWould() async throws {
        let database = try folder.database(copyingFixture: true)
        let user = try await database.store.insert("User", values: [
            "username": .string("quantum-developer"), "email": .string("developer@quantum.com"), "password": .string("x"),
        ])
        #expect(user["user_img"] == .string("default_img.png"))
        #expect(user["is_admin"] == .boolean(false))
        guard case .datetime(let joined) = user["date_joined"] else {
            Issue.record("date_joined has no default")
            return
        }
        let raw = try await database.stored("SELECT date_joined || '|' || typeof(is_admin) || ':' || is_admin FROM user WHERE id = 3")
        #expect(raw == ["\(joined.description)|integer:0"])
        #expect(joined.description.count == "2023-03-14 09:26:53.589793".count)
    }
}

@Suite final class StoreValueTests {
    let folder = TemporaryFolder()

    @Test(arguments: TestBackend.allCases) func everyTypeRoundTrips(on backend: TestBackend) async throws {
        let database = try await folder.database(on: backend)
        let store = database.store
        let question = try await store.insert("ExamQuestionModel", values: [
            "question_text": .string("Ünïcødé ✓ \"quotes\" 'single' \n newline"),
            "date_posted": .string("2023-04-01 12:30:00.000005"),
        ])
        #expect(question.id == .integer(1))
        #expect(question["question_text"] == .string("Ünïcødé ✓ \"quotes\" 'single' \n newline"))
        #expect(question["date_posted"]?.displayText == "2023-04-01 12:30:00.000005")
        let values: [String: FieldValue] = [
            "question_id": .integer(1), "points": .float(-0.1), "taken_on": .date(DateValue(year: 2000, month: 1, day: 1)!),
            "details": .json(#"{"a": [1, 2.5, null]}"#), "code": .string("Ω"), "passed": .boolean(true),
        ]
        let score = try await store.insert("ExamScoreModel", values: values)
        for (name, value) in values {
            #expect(score[name] == value, "\(name)")
        }
        let blank = try await store.insert("ExamScoreModel", values: ["question_id": .string("1"), "passed": .string("y")])
        #expect(blank["points"] == .null && blank["taken_on"] == .null && blank["details"] == .null && blank["code"] == .null)
        #expect(blank["passed"] == .boolean(true))
        if let (server, name) = database.postgres {
            let raw = try server.psql("SELECT pg_typeof(passed) || ':' || passed || '|' || taken_on || '|' || details FROM exam_score_model WHERE id = 1", database: name)
            #expect(raw == #"boolean:true|2000-01-01|{"a": [1, 2.5, null]}"# + "\n")
        } else {
            let raw = try await database.stored("SELECT typeof(passed) || ':' || passed || '|' || taken_on || '|' || details FROM exam_score_model WHERE id = 1")
            #expect(raw == [#"integer:1|2000-01-01|{"a": [1, 2.5, null]}"#])
        }
    }

    @Test(arguments: TestBackend.allCases, [
        ("question_id", FieldValue.string("one"), "'one' is not a whole number"),
        ("points", .string("lots"), "'lots' is not a number"),
        ("taken_on", .string("2024-13-01"), "is not a date"),
        ("passed", .string("maybe"), "is not true or false"),
        ("details", .string("{oops"), "is not JSON"),
        ("passed", .null, "a value is required"),
    ])
    func badValuesAreRefusedWithReasons(on backend: TestBackend, bad: (field: String, value: FieldValue, reason: String)) async throws {
        let (field, value, reason) = bad
        let store = try await folder.database(on: backend).store
        try await store.insert("ExamQuestionModel", values: ["question_text": .string("q")])
        var values: [String: FieldValue] = ["question_id": .integer(1)]
        values[field] = value
        do {
            try await store.insert("ExamScoreModel", values: values)
            Issue.record("accepted \(field) = \(value)")
        } catch {
            guard case .invalidValue(_, let name, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == field)
            #expect(message.contains(reason), "\(message)")
            #expect(error.isBadInput)
        }
        #expect(try await store.count(Query(model: "ExamScoreModel")) == 0)
    }

    @Test(arguments: TestBackend.allCases) func choicesAreEnforced(on backend: TestBackend) async throws {
        let models = "Ticket:\n  fields:\n    level: {type: string, choices: [[low, Low], [high, High]], default: low}\n"
        let store = try await folder.database(on: backend, models: models).store
        #expect(try await store.insert("Ticket", values: [:])["level"] == .string("low"))
        await #expect(throws: StoreError.invalidValue(model: "Ticket", field: "level", reason: "'urgent' is not one of the choices")) {
            try await store.insert("Ticket", values: ["level": .string("urgent")])
        }
    }
}

@Suite final class StoreQueryTests {
    let folder = TemporaryFolder()

    /// 30 questions: text "question N" (N = 1…30), alternate users, one day apart.
    func populated(on backend: TestBackend) async throws -> TestDatabase {
        let database = try await folder.database(on: backend)
        try await database.store.write { transaction in
            for name in ["ada", "bob"] {
                try transaction.insert("User", values: ["username": .string(name), "email": .string("\(name)@example.com"), "password": .string("p")])
            }
            for number in 1...30 {
                try transaction.insert("ExamQuestionModel", values: [
                    "question_text": .string(number == 7 ? "Why is the Moon bright?" : "question \(number)"),
                    "user_id": number % 3 == 0 ? .null : .integer(number % 2 + 1),
                    "date_posted": .datetime(DateTimeValue(date: DateValue(year: 2024, month: 1, day: number)!, hour: 8)!),
                ])
            }
        }
        return database
    }

    func ids(_ store: Store, _ query: Query) async throws -> [Int] {
        try await store.all(query).map { record in
            guard case .integer(let id) = record.id else { return -1 }
            return id
        }
    }

    @Test(arguments: TestBackend.allCases) func filtersCompareAndMatch(on backend: TestBackend) async throws {
        let database = try await populated(on: backend)
        let store = database.store
        func count(_ filters: Filter...) async throws -> Int {
            try await store.count(Query(model: "ExamQuestionModel", filters: filters))
        }
        #expect(try await count(.eq("id", .integer(4))) == 1)
        #expect(try await count(.ne("id", .integer(4))) == 29)
        #expect(try await count(.lt("id", .integer(4))) == 3)
        #expect(try await count(.le("id", .string("4"))) == 4)
        #expect(try await count(.gt("date_posted", .string("2024-01-28 00:00:00"))) == 3)
        #expect(try await count(.ge("date_posted", .date(DateValue(year: 2024, month: 1, day: 28)!))) == 3)
        #expect(try await count(.like("question_text", "question 1%")) == 11)
        #expect(try await count(.ilike("question_text", "%MOON%")) == 1)
        #expect(try await count(.in("id", [.integer(1), .integer(2), .integer(99)])) == 2)
        #expect(try await count(.in("id", [])) == 0)
        #expect(try await count(.isNull("user_id")) == 10)
        #expect(try await count(.isNotNull("user_id")) == 20)
        #expect(try await count(.eq("user_id", .null)) == 10)
        #expect(try await count(.eq("user_id", .integer(1)), .lt("id", .integer(10))) == 3)
    }

    @Test(arguments: TestBackend.allCases) func searchFollowsFlaskAdmin(on backend: TestBackend) async throws {
        let store = try await populated(on: backend).store
        func found(_ text: String, in columns: [String] = ["question_text"]) async throws -> Int {
            try await store.count(Query(model: "ExamQuestionModel", search: text, searchColumns: columns))
        }
        #expect(try await found("moon") == 1)
        #expect(try await found("QUESTION 2") == 12, "words are ANDed, each anywhere: 2, 12, 20…29")
        #expect(try await found("^why") == 1)
        #expect(try await found("^moon") == 0)
        #expect(try await found("=question") == 0, "= matches the whole value")
        let users = Query(model: "User", search: "=ada", searchColumns: ["username", "email"])
        #expect(try await store.count(users) == 1)
        #expect(try await store.count(Query(model: "User", search: "=ad", searchColumns: ["username", "email"])) == 0)
        #expect(try await found("2024-01-0", in: ["question_text", "date_posted"]) == 9)
        #expect(try await found("   ") == 30)
    }

    @Test(arguments: TestBackend.allCases) func sortsAndPages(on backend: TestBackend) async throws {
        let store = try await populated(on: backend).store
        let newest = Query(model: "ExamQuestionModel", order: [Query.Order(parsing: "-date_posted")], limit: 5)
        #expect(try await ids(store, newest) == [30, 29, 28, 27, 26])
        var second = newest
        second.offset = 5
        #expect(try await ids(store, second) == [25, 24, 23, 22, 21])
        let byUser = Query(model: "ExamQuestionModel", order: [Query.Order("user_id", descending: true)], limit: 3)
        let byUserIDs = try await ids(store, byUser)
        #expect(byUserIDs == [29, 25, 23], "ties are broken by the primary key, in the direction of the last key")
        let page = try await store.page(Query(model: "ExamQuestionModel", filters: [.isNull("user_id")], order: [Query.Order("id")], limit: 4, offset: 8))
        #expect(page.total == 10)
        #expect(page.records.map(\.id) == [.integer(27), .integer(30)])
        #expect(try await ids(store, Query(model: "ExamQuestionModel", offset: 28)) == [29, 30])
    }

    @Test(arguments: TestBackend.allCases) func unknownColumnsFromURLsAreBadInputNotSQL(on backend: TestBackend) async throws {
        let store = try await populated(on: backend).store
        let attempts = [
            Query(model: "ExamQuestionModel", order: [Query.Order("id; DROP TABLE user")]),
            Query(model: "ExamQuestionModel", filters: [.eq("nope", .integer(1))]),
            Query(model: "ExamQuestionModel", search: "x", searchColumns: ["\"question_text\""]),
        ]
        for query in attempts {
            do {
                _ = try await store.all(query)
                Issue.record("accepted \(query)")
            } catch {
                guard case .unknownColumn = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(error.isBadInput)
            }
        }
        await #expect(throws: StoreError.unknownModel("Nope")) { try await store.count(Query(model: "Nope")) }
        #expect(try await store.count(Query(model: "User")) == 2)
    }
}

@Suite final class StoreWriteTests {
    let folder = TemporaryFolder()

    @Test(arguments: TestBackend.allCases) func updatesAndDeletes(on backend: TestBackend) async throws {
        let store = try await folder.database(on: backend, copyingFixture: true).store
        let updated = try await store.update("ExamChoiceModel", id: .integer(2), values: ["choice_text": .string("1971")])
        #expect(updated["choice_text"] == .string("1971"))
        #expect(updated["question_id"] == .integer(1))
        await #expect(throws: StoreError.notFound(model: "ExamChoiceModel", id: "9")) {
            try await store.update("ExamChoiceModel", id: .integer(9), values: ["choice_text": .string("x")])
        }
        try await store.delete("ExamChoiceModel", id: .integer(2))
        #expect(try await store.get("ExamChoiceModel", id: .integer(2)) == nil)
        await #expect(throws: StoreError.notFound(model: "ExamChoiceModel", id: "2")) {
            try await store.delete("ExamChoiceModel", id: .integer(2))
        }
    }

    @Test(arguments: TestBackend.allCases) func deletingFollowsSQLAlchemysCascadeRules(on backend: TestBackend) async throws {
        let store = try await folder.database(on: backend, copyingFixture: true).store
        // The question still has a choice whose question_id cannot be NULL: refused, nothing changed.
        do {
            try await store.delete("ExamQuestionModel", id: .integer(1))
            Issue.record("deleted a question that choices still need")
        } catch {
            guard case .constraintViolation(let message) = error else { throw error }
            #expect(message.contains("2 ExamChoiceModel row(s)"))
        }
        #expect(try await store.count(Query(model: "ExamScoreModel")) == 2)
        // A user's questions get NULL in user_id, as SQLAlchemy's default relationship cascade does.
        try await store.delete("User", id: .integer(1))
        #expect(try await store.get("ExamQuestionModel", id: .integer(1))?["user_id"] == .null)
        // on_delete: cascade is the database's: the question's scores go with it.
        try await store.delete("ExamQuestionModel", id: .integer(2))
        #expect(try await store.count(Query(model: "ExamScoreModel")) == 1)
    }

    @Test(arguments: TestBackend.allCases) func constraintsAndFailedTransactionsLeaveNothingBehind(on backend: TestBackend) async throws {
        let store = try await folder.database(on: backend, copyingFixture: true).store
        await #expect(throws: StoreError.self) {
            try await store.insert("User", values: ["username": .string("backend-developer"), "email": .string("x@y.z"), "password": .string("p")])
        }
        await #expect(throws: StoreError.self) {
            try await store.insert("ExamChoiceModel", values: ["question_id": .integer(42), "choice_text": .string("dangling")])
        }
        struct Abandoned: Error {}
        await #expect(throws: StoreError.self) {
            try await store.write { transaction in
                try transaction.insert("ExamChoiceModel", values: ["question_id": .integer(1), "choice_text": .string("first")])
                throw Abandoned()
            }
        }
        #expect(try await store.count(Query(model: "User")) == 2)
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 2)
    }

    @Test(arguments: TestBackend.allCases) func readersWorkWhileAWriteIsInProgress(on backend: TestBackend) async throws {
        let store = try await folder.database(on: backend, copyingFixture: true).store
        let (inside, insideContinuation) = AsyncStream.makeStream(of: Void.self)
        let release = DispatchSemaphore(value: 0)
        let writing = Task {
            try await store.write { transaction in
                try transaction.insert("ExamChoiceModel", values: ["question_id": .integer(1), "choice_text": .string("1968")])
                insideContinuation.yield()
                release.wait()
            }
        }
        for await _ in inside { break }
        // The write holds the writer; readers still answer, from the last committed state.
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 2)
        #expect(try await store.get("User", id: .integer(1)) != nil)
        release.signal()
        try await writing.value
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 3)
    }
}

/// A database that SQLAlchemy (sakyum's 1.4.45, psycopg2) made on PostgreSQL: Fixtures/sakyum-postgres.sql,
/// from make_sakyum_pg.
@Suite struct SakyumPostgresDatabaseTests {
    static let dump = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sakyum-postgres.sql")
    let folder = TemporaryFolder()

    @Test func opensAsItIsAndReadsBackExactly() async throws {
        let server = try PostgresServer.shared()
        let (name, url) = try server.makeDatabase()
        try server.load(Self.dump.path, into: name)
        let database = try StoreDatabase(postgres: try PostgresLocation(url: url), password: nil)
        let models = try folder.database().store.models
        let status = try database.synchronize(models: models, applyingAdditive: false)
        #expect(status.createdTables.isEmpty && status.pending.isEmpty, "\(status)")
        let store = Store(database: database, models: models)
        let users = try await store.all(Query(model: "User", order: [Query.Order("id")]))
        #expect(users.count == 2)
        #expect(users[0]["date_joined"] == .datetime(DateTimeValue(parsing: "2023-03-14 09:26:53.589793")!))
        #expect(users[0]["is_admin"] == .boolean(true) && users[0]["authenticated"] == .boolean(true))
        #expect(users[1]["username"] == .string("frönt-développeur"))
        #expect(users[1]["user_img"] == .null && users[1]["is_superuser"] == .null)
        let questions = try await store.all(Query(model: "ExamQuestionModel", order: [Query.Order("id")]))
        #expect(questions.map { $0["date_posted"]?.displayText } == ["2023-04-01 12:30:00.000005", "1999-12-31 23:59:59.999999"])
        #expect(questions[1]["question_text"] == .string("Qu'est-ce qui est étrange ? 月 🌕"))
        let scores = try await store.all(Query(model: "ExamScoreModel", order: [Query.Order("id")]))
        #expect(scores[0]["points"] == .float(7.25) && scores[0]["taken_on"] == .date(DateValue(year: 2024, month: 2, day: 29)!))
        #expect(scores[0]["details"] == .json(#"{"tries": 2, "note": "ok \u2713"}"#) && scores[0]["passed"] == .boolean(true))
        // New rows continue SQLAlchemy's sequences.
        #expect(try await store.insert("ExamChoiceModel", values: ["question_id": .integer(1), "choice_text": .string("1971")]).id == .integer(3))
    }

    @Test func makesTheTablesSQLAlchemyMakes() async throws {
        let server = try PostgresServer.shared()
        let (sakyum, _) = try server.makeDatabase()
        try server.load(Self.dump.path, into: sakyum)
        let (ours, url) = try server.makeDatabase()
        let database = try StoreDatabase(postgres: try PostgresLocation(url: url), password: nil)
        _ = try database.synchronize(models: try folder.database().store.models, applyingAdditive: false)
        let made = try Self.withoutBookkeeping(server.schemaDump(of: ours))
        #expect(made == (try Self.withoutBookkeeping(server.schemaDump(of: sakyum))))
        #expect(made.contains("CREATE TABLE public.\"user\" (\n    id integer NOT NULL,"), "\(made)")
        #expect(made.contains("date_joined timestamp without time zone NOT NULL"))
        #expect(made.contains("CREATE UNIQUE INDEX ix_exam_score_model_code ON public.exam_score_model USING btree (code);"))
    }

    /// pg_dump's blocks without the login throttle's table.
    static func withoutBookkeeping(_ dump: String) -> String {
        dump.components(separatedBy: "\n--\n-- Name: ")
            .filter { !$0.contains("sakyum_login_failure") }
            .joined(separator: "\n--\n-- Name: ")
    }
}
