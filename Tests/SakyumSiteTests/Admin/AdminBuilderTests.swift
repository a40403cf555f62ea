import Foundation
import Testing
@testable import SakyumSite

private let models = """
    ExamQuestionModel:
      fields:
        id: {type: integer, primary_key: true}
        user_id: {type: integer, foreign_key: user.id}
        question_text: {type: text, nullable: false}
        score: {type: integer}
      relationships:
        user: {model: User, backref: exam_questions}

    """

private func diagnostics(views: String, admin: String = "{}\n") throws -> [String] {
    try SiteFixture([
        "project.yaml": "name: demo\nblueprints: [default, errors, auth, base, exam]\nadmin:\n  views:\n\(views)",
        "exam/models.yaml": models,
        "exam/admin.yaml": admin,
    ]).diagnostics()
}

@Suite struct AdminBuilderTests {
    @Test func registeringAModelTwiceUnderOneEndpointIsADiagnostic() throws {
        let found = try diagnostics(views: "    - ExamQuestionModel\n    - {model: ExamQuestionModel, name: Again}\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("project.yaml:6:") == true)
        #expect(found.first?.contains("model ExamQuestionModel is registered twice under the endpoint 'examquestionmodel' (first at line 5)") == true)
        #expect(try diagnostics(views: "    - ExamQuestionModel\n    - {model: ExamQuestionModel, endpoint: questions2}\n").isEmpty)
    }

    @Test func inlineModelsMustPointAtTheViewsModel() throws {
        let found = try diagnostics(views: "    - {model: ExamQuestionModel, view: exam.Bad}\n", admin: "Bad:\n  inline_models: [Nope, User]\n")
        #expect(found.contains { $0.hasPrefix("exam/admin.yaml:2:") && $0.contains("inline_models: there is no model 'Nope'") }, "\(found)")
        #expect(found.contains { $0.contains("inline_models: User has no foreign key to exam_question_model") }, "\(found)")
    }

    @Test func unknownModelsViewsAndFieldsAreReportedWhereWritten() throws {
        let found = try diagnostics(
            views: "    - ExamQuestion\n    - {model: ExamQuestionModel, view: exam.Missing}\n    - {model: ExamQuestionModel, view: UserAdmin, endpoint: q2}\n"
                + "    - {model: ExamQuestionModel, view: exam.Bad, endpoint: q3}\n",
            admin: "Bad: {}\n")
        #expect(found.contains { $0.hasPrefix("project.yaml:5:") && $0.contains("there is no model 'ExamQuestion'") })
        #expect(found.contains { $0.hasPrefix("project.yaml:6:") && $0.contains("there is no admin view 'exam.Missing'") })
        #expect(found.contains { $0.hasPrefix("project.yaml:7:") && $0.contains("UserAdmin is for the User model") })
        #expect(found.count == 3)
        let typo = try diagnostics(views: "    - {model: ExamQuestionModel, view: exam.Bad}\n", admin: "Bad:\n  colum_labels: {}\n")
        #expect(typo == ["exam/admin.yaml:2:3: admin view Bad: unknown key 'colum_labels' (did you mean 'column_labels'?)"])
        let options = try diagnostics(views: "    - {model: ExamQuestionModel, view: exam.Bad}\n", admin: """
            Bad:
              column_list: [question_text, nope]
              column_searchable_list: [score]
              column_filters: [missing]
              column_default_sort: [gone, desc]
              column_formatters: {question_text: "{{ value"}

            """)
        #expect(options.contains { $0.hasPrefix("exam/admin.yaml:2:") && $0.contains("column_list: there is no field 'nope'") })
        #expect(options.contains { $0.hasPrefix("exam/admin.yaml:3:") && $0.contains("'score' is not a string or text field") })
        #expect(options.contains { $0.hasPrefix("exam/admin.yaml:4:") && $0.contains("column_filters: there is no field 'missing'") })
        #expect(options.contains { $0.hasPrefix("exam/admin.yaml:5:") && $0.contains("column_default_sort: there is no field 'gone'") })
        #expect(options.contains { $0.hasPrefix("exam/admin.yaml:6:") && $0.contains("the formatter of question_text is not a valid template") })
        #expect(options.count == 5)
    }

    @Test func defaultsFollowFlaskAdmin() throws {
        let fixture = try SiteFixture([
            "project.yaml": "name: demo\nblueprints: [default, errors, auth, base, exam]\nadmin:\n  views: [ExamQuestionModel, {model: User, view: UserAdmin}]\n",
            "exam/models.yaml": models,
        ])
        let site = try SiteBuilder.load(directory: fixture.url)
        let questions = try #require(site.modelAdmin("examquestionmodel"))
        #expect(questions.listColumns.map(\.field.name) == ["user_id", "question_text", "score"], "every field but the primary key")
        #expect(questions.listColumns.first?.relationship?.name == "user", "a foreign key shows through its relationship")
        #expect(questions.formFields.map(\.name) == ["user_id", "question_text", "score"])
        #expect(questions.label("question_text") == "Question text")
        let users = try #require(site.modelAdmin("user"))
        #expect(!users.listColumns.contains { $0.field.name == "password" })
        #expect(users.isUserAdmin)
    }
}

extension Site {
    /// The model view registered under `endpoint`, as the Site's rules carry it.
    func modelAdmin(_ endpoint: String) -> ModelAdmin? {
        for route in handlers {
            if case .admin(let admin, .list) = route.handler, admin.endpoint == endpoint { return admin }
        }
        return nil
    }
}
