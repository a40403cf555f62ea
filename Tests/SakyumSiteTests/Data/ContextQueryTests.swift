import Foundation
import SakyumSpec
import SakyumStore
import Testing
@testable import SakyumSite

/// The tutorial's exam app with views that read the database through context queries.
private let examFiles: [String: String] = [
    "project.yaml": "name: demo\nblueprints: [default, errors, auth, base, exam]\n",
    "exam/models.yaml": """
        ExamQuestionModel:
          str: "Q: {{ question_text }}"
          fields:
            id: {type: integer, primary_key: true}
            date_posted: {type: datetime, nullable: false, default: now}
            user_id: {type: integer, foreign_key: user.id}
            question_text: {type: text, nullable: false}
          relationships:
            user: {model: User, backref: exam_questions}
        ExamChoiceModel:
          str: "{{ choice_text }} of {{ selector.question_text }}"
          fields:
            id: {type: integer, primary_key: true}
            question_id: {type: integer, foreign_key: exam_question_model.id, nullable: false}
            choice_text: {type: string, length: 100, nullable: false}
          relationships:
            selector: {model: ExamQuestionModel, backref: choices}

        """,
    "exam/views.yaml": """
        - {path: /exam/, endpoint: index, template: exam/index.html,
           context: {questions: {query: ExamQuestionModel, order_by: -id, paginate: 2}, total: {count: ExamQuestionModel}}}
        - {path: "/exam/<int:id>/", endpoint: detail, template: exam/detail.html,
           context: {question: {get_or_404: ExamQuestionModel, id: id}}}
        - {path: /exam/search/, endpoint: search, template: exam/search.html,
           context: {found: {query: ExamQuestionModel, filter: {question_text__ilike: request.args.q, id__ge: request.args.from}, order_by: id}}}
        - {path: /exam/mine/, endpoint: mine, template: exam/search.html,
           context: {found: {query: ExamQuestionModel, filter: {user_id: current_user.id}}}}
        - {path: /exam/choice/<int:id>/, endpoint: choice, template: exam/choice.html,
           context: {choice: {get: ExamChoiceModel, id: id}}}

        """,
    "templates/exam/index.html": "{{ total }}|{% for q in questions.items %}{{ q }};{% endfor %}|{{ questions.page }}/{{ questions.pages }} {{ questions.has_next }}",
    "templates/exam/detail.html": "{{ question.question_text }} by {{ question.user.username if question.user else 'nobody' }}: {% for c in question.choices %}{{ c.choice_text }},{% endfor %} {{ question.date_posted.year }}",
    "templates/exam/search.html": "{% for q in found %}{{ q.id }} {% endfor %}",
    "templates/exam/choice.html": "{{ choice if choice else 'none' }}",
]

@Suite struct ContextQueryTests {
    /// A Site over a fresh database with two users' questions and three choices.
    static func site(_ files: [String: String] = examFiles) async throws -> (Site, SiteFixture) {
        let fixture = try SiteFixture(files)
        let database = try StoreDatabase(path: fixture.url.appendingPathComponent("default.db").path)
        let site = try SiteBuilder.load(directory: fixture.url, database: database)
        let store = try #require(site.data.store)
        let ada = try await store.insert("User", values: ["username": .string("ada"), "email": .string("ada@example.com"), "password": .string("x")])
        for text in ["What is <b>2+2</b>?", "Capital of France?", "Largest planet?"] {
            try await store.insert("ExamQuestionModel", values: ["question_text": .string(text), "user_id": text.hasPrefix("Capital") ? .null : ada.id])
        }
        for (question, text) in [(1, "four"), (1, "five"), (2, "Paris")] {
            try await store.insert("ExamChoiceModel", values: ["question_id": .integer(question), "choice_text": .string(text)])
        }
        return (site, fixture)
    }

    @Test func aListIsPaginatedAndRowsPrintThroughTheirStr() async throws {
        let (site, _fixture) = try await Self.site()
        _ = _fixture
        let first = try await site.answer("/exam/")
        #expect(first.status == 200)
        #expect(first.body == "3|Q: Largest planet?;Q: Capital of France?;|1/2 True")
        let second = try await site.answer("/exam/?page=2")
        #expect(second.body == "3|Q: What is &lt;b&gt;2+2&lt;/b&gt;?;|2/2 False")
        #expect(try await site.answer("/exam/?page=3").status == 404)
        #expect(try await site.answer("/exam/?page=abc").status == 404)
    }

    @Test func aCachedAnonymousPageIsRenderedAgainAfterAWrite() async throws {
        let (site, _fixture) = try await Self.site()
        _ = _fixture
        let before = try await site.answer("/exam/?page=2")
        #expect(try await site.answer("/exam/?page=2").body == before.body, "served from the page cache")
        try await site.data.store!.update("ExamQuestionModel", id: .integer(1), values: ["question_text": .string("Changed?")])
        #expect(try await site.answer("/exam/?page=2").body.contains("Q: Changed?"), "a write makes cached pages stale")
    }

    @Test func getOr404LoadsRelatedRowsLazily() async throws {
        let (site, _fixture) = try await Self.site()
        _ = _fixture
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(try await site.answer("/exam/1/").body == "What is &lt;b&gt;2+2&lt;/b&gt;? by ada: four,five, \(year)")
        #expect(try await site.answer("/exam/2/").body.hasPrefix("Capital of France? by nobody: Paris,"))
        #expect(try await site.answer("/exam/99/").status == 404)
        #expect(try await site.answer("/exam/choice/3/").body == "Paris of Capital of France?")
        #expect(try await site.answer("/exam/choice/99/").body == "none")
    }

    @Test func urlParametersFeedDeclaredFiltersOnly() async throws {
        let (site, _fixture) = try await Self.site()
        _ = _fixture
        #expect(try await site.answer("/exam/search/").body == "1 2 3 ")
        #expect(try await site.answer("/exam/search/?q=%25planet%25").body == "3 ")
        #expect(try await site.answer("/exam/search/?from=2").body == "2 3 ")
        #expect(try await site.answer("/exam/search/?from=two").status == 400)
        #expect(try await site.answer("/exam/search/?q=x'%20OR%201=1--").body == "")
        // Nobody is logged in: "my" questions are none, not the ones without an owner.
        #expect(try await site.answer("/exam/mine/").body == "")
    }

    @Test func malformedQueriesAreReportedByTheLoader() throws {
        var files = examFiles
        files["exam/views.yaml"] = """
            - {path: /c/, endpoint: c, template: exam/search.html, context: {found: {query: ExamQuestionModel, filter: {id__near: 3}}}}
            - {path: /d/, endpoint: d, template: exam/search.html, context: {found: {get_or_404: ExamQuestionModel}}}
            - {path: /e/, endpoint: e, template: exam/search.html, context: {found: {query: ExamQuestionModel, paginate: 0, limt: 3}}}

            """
        let diagnostics = try SiteFixture(files).diagnostics()
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:1:") && $0.contains("id__near") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:2:") && $0.contains("needs 'id'") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:3:") && $0.contains("'paginate' must be between 1 and 1000") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:3:") && $0.contains("unknown key 'limt' (did you mean 'limit'?)") })
        #expect(diagnostics.count == 4)
    }

    @Test func unknownModelsAndFieldsAreDiagnosticsWithLocations() throws {
        var files = examFiles
        files["exam/views.yaml"] = """
            - {path: /a/, endpoint: a, template: exam/search.html, context: {found: {query: ExamQuestion}}}
            - {path: /b/, endpoint: b, template: exam/search.html,
               context: {found: {query: ExamQuestionModel, filter: {question: x}, order_by: -posted}}}
            - {path: /e/, endpoint: e, template: exam/search.html, context: {found: {query: ExamQuestionModel, filter: {id: abc}}}}
            - {path: /f/, endpoint: f, template: exam/search.html, context: {found: {query: ExamQuestionModel, filter: {user_id: current_user.nme}}}}

            """
        let diagnostics = try SiteFixture(files).diagnostics()
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:1:") && $0.contains("there is no model 'ExamQuestion'") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:3:") && $0.contains("has no field 'question'") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:3:") && $0.contains("order_by: model ExamQuestionModel has no field 'posted'") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:4:") && $0.contains("'abc' is not a whole number") })
        #expect(diagnostics.contains { $0.hasPrefix("exam/views.yaml:5:") && $0.contains("current_user has no field 'nme'") })
        #expect(diagnostics.count == 5)
    }

    @Test func pagesOfModelsWithAPendingMigrationAnswer503() async throws {
        let fixture = try SiteFixture(examFiles)
        let path = fixture.url.appendingPathComponent("default.db").path
        let before = try SiteBuilder.load(directory: fixture.url, database: try StoreDatabase(path: path))
        let store = try #require(before.data.store)
        let question = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Why?")])
        try await store.insert("ExamChoiceModel", values: ["question_id": question.id, "choice_text": .string("Because")])
        // The model gains a NOT NULL column: SQLite cannot add it to existing rows, so it waits for a migration.
        var files = examFiles
        files["exam/models.yaml"] = examFiles["exam/models.yaml"]!.replacingOccurrences(
            of: "    question_text: {type: text, nullable: false}",
            with: "    question_text: {type: text, nullable: false}\n    slug: {type: string, length: 20, nullable: false}")
        try files["exam/models.yaml"]!.write(to: fixture.url.appendingPathComponent("exam/models.yaml"), atomically: true, encoding: .utf8)
        let site = try SiteBuilder.load(directory: fixture.url, database: try StoreDatabase(path: path), applyingAdditive: true)
        #expect(site.schema?.pending.map(\.description) == ["add_column exam_question_model.slug"])
        let blocked = try await site.answer("/exam/")
        #expect(blocked.status == 503)
        #expect(blocked.body.contains("sakyumctl db upgrade demo"))
        // A choice prints through its question: that read is refused too, not an SQL error.
        #expect(try await site.answer("/exam/choice/1/").status == 503)
        #expect(try await site.answer("/exam/choice/99/").body == "none")
    }
}
