import Foundation
import Testing
@testable import SakyumSpec

let tutorialModels = """
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
    ExamChoiceModel:
      str: "{{ choice_text }}"
      fields:
        id: {type: integer, primary_key: true}
        date_posted: {type: datetime, nullable: false, default: now}
        question_id: {type: integer, foreign_key: exam_question_model.id, nullable: false}
        choice_text: {type: string, length: 100, nullable: false}
    """

@Suite struct ModelSpecTests {
    func load(_ models: String, more files: [String: String] = [:]) throws -> ProjectSpec {
        try ProjectDirectory(files: ["project.yaml": minimalProject, "exam/models.yaml": models].merging(files) { $1 }).load()
    }

    func diagnostics(_ models: String) throws -> [Diagnostic] {
        try ProjectDirectory(files: ["project.yaml": minimalProject, "exam/models.yaml": models]).diagnostics()
    }

    @Test func readsTheTutorialModels() throws {
        let spec = try load(tutorialModels)
        #expect(spec.models.map(\.name) == ["User", "ExamQuestionModel", "ExamChoiceModel"])
        let question = try #require(spec.model(named: "ExamQuestionModel"))
        #expect(question.app == "exam")
        #expect(question.table == "exam_question_model")
        #expect(question.str == "{{ question_text }}")
        #expect(question.fields.map(\.name) == ["id", "date_posted", "user_id", "question_text"])
        #expect(question.primaryKey.name == "id")
        #expect(question.field("date_posted")?.defaultValue == .now)
        #expect(question.field("date_posted")?.nullable == false)
        #expect(question.field("user_id")?.nullable == true)
        #expect(question.field("user_id")?.foreignKey?.target == "user.id")
        #expect(question.relationship("user")?.kind == .manyToOne)
        #expect(question.relationship("user")?.foreignKey == "user_id")
        #expect(question.relationship("choices")?.kind == .oneToMany)
        #expect(question.relationship("choices")?.foreignKey == "question_id")

        let choice = try #require(spec.model(named: "ExamChoiceModel"))
        #expect(choice.field("choice_text")?.type == .string(length: 100))
        let selector = try #require(choice.relationship("selector"))
        #expect(selector.kind == .manyToOne && selector.model == "ExamQuestionModel" && selector.isBackref)

        let user = try #require(spec.builtinModels.first)
        let backref = try #require(user.relationship("user"))
        #expect(backref.kind == .oneToMany && backref.model == "ExamQuestionModel" && backref.foreignKey == "user_id")
        #expect(spec.apps[0].modelNames == ["ExamQuestionModel", "ExamChoiceModel"])
    }

    @Test func theBuiltInUserIsSakyumsTable() {
        let user = ModelSpec.user
        #expect(user.table == "user")
        #expect(user.fields.map(\.name) == ["id", "date_joined", "username", "user_img", "email", "password", "authenticated", "is_superuser", "is_admin"])
        #expect(user.fields.map(\.type.description) == ["integer", "datetime", "string(20)", "string(255)", "string(120)", "string(255)", "boolean", "boolean", "boolean"])
        #expect(user.fields.filter(\.unique).map(\.name) == ["username", "email"])
        #expect(user.fields.filter { !$0.nullable }.map(\.name) == ["id", "date_joined", "username", "email", "password"])
        #expect(user.field("user_img")?.defaultValue == .value(.string("default_img.png")))
        #expect(user.field("is_admin")?.defaultValue == .value(.bool(false)))
    }

    @Test(arguments: [
        ("ExamQuestionModel", "exam_question_model"), ("User", "user"), ("HTTPServer", "http_server"),
        ("Model2Thing", "model2_thing"), ("ABC", "abc"), ("myModel", "my_model"), ("_Private", "private"),
    ])
    func tableNamesFollowFlaskSQLAlchemy(model: String, table: String) {
        #expect(TableName.forModel(model) == table)
    }

    @Test func everyOptionIsRead() throws {
        let spec = try load("""
            Score:
              table: scores
              fields:
                code: {type: string, primary_key: true}
                question_id: {type: integer, foreign_key: exam_question_model.id, on_delete: cascade, index: true, nullable: false}
                points: {type: float, default: 1}
                taken_on: {type: date, default: 2024-02-29}
                details: {type: json, default: {a: [1, 2]}}
                level: {type: string, length: 8, unique: true, choices: [[easy, Easy], [hard, Hard]], default: easy}
                passed: {type: boolean, default: false}
            """ + "\n" + tutorialModels)
        let score = try #require(spec.model(named: "Score"))
        #expect(score.table == "scores")
        #expect(score.primaryKey.name == "code")
        #expect(score.fields.count == 7)
        #expect(score.field("question_id")?.foreignKey?.onDelete == .cascade)
        #expect(score.field("question_id")?.index == true)
        #expect(score.field("taken_on")?.defaultValue == .value(.string("2024-02-29")))
        #expect(score.field("level")?.choices.map(\.label) == ["Easy", "Hard"])
        #expect(score.field("level")?.unique == true)
        #expect(score.field("details")?.defaultValue == .value(.map([(key: "a", value: .list([.int(1), .int(2)]))])))
    }

    @Test func aModelWithoutPrimaryKeyGetsAnIntegerId() throws {
        let spec = try load("Tag:\n  fields:\n    label: {type: string}\nEmpty: {}\n")
        #expect(spec.model(named: "Tag")?.fields.map(\.name) == ["id", "label"])
        #expect(spec.model(named: "Tag")?.primaryKey.type == .integer)
        #expect(spec.model(named: "Empty")?.fields.map(\.name) == ["id"])
    }

    @Test(arguments: [
        ("Q:\n  fields:\n    id: {type: integr}\n", "exam/models.yaml:3:", "unknown type 'integr'; use one of integer, float, boolean, string, text, date, datetime, json (did you mean 'integer'?)"),
        ("Q:\n  fields:\n    id: {type: integer, primary_kee: true}\n", "exam/models.yaml:3:", "unknown key 'primary_kee' (did you mean 'primary_key'?)"),
        ("Q:\n  feilds: {}\n", "exam/models.yaml:2:", "unknown key 'feilds' (did you mean 'fields'?)"),
        ("Q:\n  fields:\n    2x: {type: integer}\n", "exam/models.yaml:3:", "field '2x' must be letters"),
        ("Q-1: {}\n", "exam/models.yaml:1:", "'Q-1' is not a valid name"),
        ("Q:\n  fields:\n    u: {type: integer, foreign_key: usr.id}\n", "exam/models.yaml:3:", "no model has the table 'usr' (did you mean 'user'?)"),
        ("Q:\n  fields:\n    u: {type: integer, foreign_key: user.idd}\n", "exam/models.yaml:3:", "model User has no field 'idd' (did you mean 'id'?)"),
        ("Q:\n  fields:\n    u: {type: string, foreign_key: user.id}\n", "exam/models.yaml:3:", "the field is string but user.id is integer"),
        ("Q:\n  fields:\n    u: {type: string, foreign_key: user.password}\n", "exam/models.yaml:3:", "neither the primary key nor unique"),
        ("Q:\n  fields:\n    u: {type: integer, foreign_key: user}\n", "exam/models.yaml:3:", "must be TABLE.COLUMN"),
        ("Q:\n  fields:\n    u: {type: integer, on_delete: cascade}\n", "exam/models.yaml:3:", "'on_delete' needs a foreign_key"),
        ("Q:\n  fields:\n    u: {type: integer, foreign_key: user.id, on_delete: explode}\n", "exam/models.yaml:3:", "on_delete 'explode' must be one of cascade, set null"),
        ("Q:\n  fields:\n    u: {type: integer, foreign_key: user.id, nullable: false, on_delete: set null}\n", "exam/models.yaml:3:", "set null needs a nullable field"),
        ("Q:\n  relationships:\n    owner: {model: Usr}\n", "exam/models.yaml:3:", "no model is named 'Usr' (did you mean 'User'?)"),
        ("Q:\n  relationships:\n    owner: {model: User}\n", "exam/models.yaml:3:", "no foreign key links Q and User"),
        ("Q:\n  fields:\n    a: {type: integer, foreign_key: user.id}\n    b: {type: integer, foreign_key: user.id}\n  relationships:\n    owner: {model: User}\n", "exam/models.yaml:6:", "several foreign keys link Q and User"),
        ("Q:\n  fields:\n    a: {type: integer, foreign_key: user.id}\n  relationships:\n    owner: {model: User, backref: email}\n", "exam/models.yaml:5:", "backref 'email' clashes"),
        ("Q:\n  fields:\n    a: {type: integer}\n  relationships:\n    a: {model: User}\n", "exam/models.yaml:5:", "relationship 'a' has the name of a field"),
        ("User: {}\n", "exam/models.yaml:1:", "model 'User' is already declared (built in)"),
        ("ExamQ: {}\nExam_Q: {}\n", "exam/models.yaml:2:", "table 'exam_q' is already the table of model 'ExamQ' at exam/models.yaml:1:1"),
        ("Q:\n  table: user\n", "exam/models.yaml:1:", "table 'user' is already the table of model 'User'"),
        ("Q:\n  table: alembic_version\n", "exam/models.yaml:1:", "reserved for migrations"),
        ("Q:\n  table: 9t\n", "exam/models.yaml:2:", "must be letters, digits"),
        ("Q:\n  fields:\n    a: {type: integer, primary_key: true}\n    b: {type: integer, primary_key: true}\n", "exam/models.yaml:3:", "composite primary keys are not supported"),
        ("Q:\n  fields:\n    a: {type: float, primary_key: true}\n", "exam/models.yaml:3:", "a primary key must be an integer or a string"),
        ("Q:\n  fields:\n    id: {type: string}\n", "exam/models.yaml:3:", "field 'id' must be the primary key"),
        ("Q:\n  fields:\n    a: {type: integer, length: 3}\n", "exam/models.yaml:3:", "'length' applies to string fields only"),
        ("Q:\n  fields:\n    a: {type: string, length: 0}\n", "exam/models.yaml:3:", "'length' must be a positive number"),
        ("Q:\n  fields:\n    a: {type: integer, default: many}\n", "exam/models.yaml:3:", "default 'many' is not a valid whole number"),
        ("Q:\n  fields:\n    a: {type: string, default: now}\n", nil, nil),
        ("Q:\n  fields:\n    a: {type: date, default: 2024-02-30}\n", "exam/models.yaml:3:", "is not a valid date YYYY-MM-DD (or now)"),
        ("Q:\n  fields:\n    a: {type: boolean, default: 1}\n", "exam/models.yaml:3:", "is not a valid true or false"),
        ("Q:\n  fields:\n    a: {type: integer, choices: [1, two]}\n", "exam/models.yaml:3:", "choice 'two' is not a valid whole number"),
        ("Q:\n  fields:\n    a: {type: integer, choices: [1, 1]}\n", "exam/models.yaml:3:", "choice '1' is listed twice"),
        ("Q:\n  fields:\n    a: {type: integer, choices: []}\n", "exam/models.yaml:3:", "'choices' must be a non-empty list"),
        ("Q:\n  fields:\n    a: {type: integer, choices: [1, 2], default: 3}\n", "exam/models.yaml:3:", "the default is not one of the choices"),
        ("Q:\n  fields:\n    a: {type: integer, nullable: perhaps}\n", "exam/models.yaml:3:", "'nullable' must be true or false"),
        ("Q:\n  fields:\n    a: {length: 3}\n", "exam/models.yaml:3:", "'type' is required"),
        ("Q:\n  fields: [a, b]\n", "exam/models.yaml:2:", "'fields' must map field names"),
        ("Q:\n  relationships:\n    r: {model: User, lazy: true}\n", "exam/models.yaml:3:", "unknown key 'lazy'"),
    ] as [(String, String?, String?)])
    func badModelsAreLocatedAndExplained(yaml: String, location: String?, message: String?) throws {
        let found = try diagnostics(yaml)
        guard let location, let message else {
            #expect(found.isEmpty, "\(found)")
            return
        }
        #expect(found.contains { $0.description.hasPrefix(location) && $0.message.contains(message) }, "\(found)")
    }

    @Test func modelsOfOtherAppsAreReferencedAfterAllAreRead() throws {
        let project = """
            name: schoolsite
            blueprints: [default, errors, auth, base, blog, exam]
            """
        let spec = try ProjectDirectory(files: [
            "project.yaml": project,
            "blog/models.yaml": "Post:\n  fields:\n    question_id: {type: integer, foreign_key: exam_question_model.id}\n  relationships:\n    question: {model: ExamQuestionModel, backref: posts}\n",
            "exam/models.yaml": tutorialModels,
        ]).load()
        let question = try #require(spec.model(named: "ExamQuestionModel"))
        #expect(question.relationship("posts")?.kind == .oneToMany)
        #expect(question.relationship("posts")?.model == "Post")
        #expect(spec.apps.first { $0.name == "exam" }?.models.first?.relationship("posts") != nil)
    }
}

@Suite struct DateValueTests {
    @Test func parsesAndFormatsLikeSQLAlchemy() throws {
        let value = try #require(DateTimeValue(parsing: "2023-04-01 12:30:00.000005"))
        #expect(value.microsecond == 5)
        #expect(value.description == "2023-04-01 12:30:00.000005")
        #expect(DateTimeValue(parsing: "2023-04-01T12:30")?.description == "2023-04-01 12:30:00.000000")
        #expect(DateTimeValue(parsing: "2023-04-01 12:30:00.5")?.microsecond == 500_000)
        #expect(DateTimeValue(parsing: "2023-04-01")?.hour == 0)
        #expect(DateTimeValue(parsing: "2023-04-01 25:00") == nil)
        #expect(DateTimeValue(parsing: "2023-04-01 12:30:00.1234567") == nil)
        #expect(DateValue(parsing: "2024-02-29") != nil)
        #expect(DateValue(parsing: "2023-02-29") == nil)
        #expect(DateValue(parsing: "2023-1-01") == nil)
        for malformed in ["2023-04-01 12:30:0", "2023-04-01x12:30", "2023-04-01 12:30:00.", "2023-04-01 12:3a",
                          "2023-04-01 12-30", "２０２３-04-01", "2023-04-01 12:30:00 ", " 2023-04-01", ""] {
            #expect(DateTimeValue(parsing: malformed) == nil, "\(malformed)")
        }
        let moment = try #require(DateTimeValue(parsing: "1999-12-31 23:59:59.999999"))
        #expect(DateTimeValue(moment.moment) == moment)
    }

    @Test func formatsEveryFieldZeroPadded() throws {
        let early = try #require(DateTimeValue(parsing: "0005-01-02 03:04:05.000060"))
        #expect(early.description == "0005-01-02 03:04:05.000060")
        #expect(early.text(withMicroseconds: false) == "0005-01-02 03:04:05")
        #expect(early.date.description == "0005-01-02")
        let late = try #require(DateTimeValue(parsing: "9999-12-31 23:59:59.999999"))
        #expect(late.description == "9999-12-31 23:59:59.999999")
    }
}
