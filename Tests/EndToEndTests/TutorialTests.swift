import Foundation
import Testing

/// The bundled examples/schoolsite (the sakyum tutorial) served by the real daemon.
private func tutorialDaemon() throws -> TestDaemon {
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/schoolsite")
    return try TestDaemon { projects in
        try FileManager.default.copyItem(at: example, to: projects.appendingPathComponent("schoolsite"))
    }
}

extension Browser {
    func signUp(_ username: String, _ email: String, _ password: String, confirm: String? = nil) throws -> HTTPReply {
        try post("/schoolsite/signup/", [("username", username), ("email", email), ("password", password), ("confirm", confirm ?? password)],
                 csrfFrom: "/schoolsite/signup/")
    }

    func logInToSchoolsite(_ username: String, _ password: String) throws {
        let reply = try logIn(username, password, prefix: "/schoolsite")
        guard reply.status == 302 else { throw TestFailure("login of \(username) failed: \(reply.status)") }
    }
}

@Suite("The sakyum tutorial, declared in YAML and driven over HTTP")
struct TutorialTests {
    @Test func signUpAskAddChoicesAndOnlyTheOwnerChangesIt() throws {
        let daemon = try tutorialDaemon()
        let alice = Browser(daemon)
        let signedUp = try alice.signUp("alice", "alice@example.com", "wonderland1")
        #expect(signedUp.status == 302, "\(signedUp.text.prefix(500))")
        #expect(signedUp.header("Location") == "/schoolsite/admin/login/")
        try alice.logInToSchoolsite("alice", "wonderland1")
        #expect(try alice.get("/schoolsite/admin/").status == 403, "a signed-up user is not an admin")

        let asked = try alice.post("/schoolsite/exam/new/", [("question_text", "Which planet is the largest?")], csrfFrom: "/schoolsite/exam/new/")
        #expect(asked.status == 302)
        #expect(asked.header("Location") == "/schoolsite/exam/1/")
        for choice in ["Mercury", "Venus", "Jupiter", "Mars"] {
            let added = try alice.post("/schoolsite/exam/1/choices/new/", [("choice_text", choice)], csrfFrom: "/schoolsite/exam/1/choices/new/")
            #expect(added.status == 302)
            #expect(added.header("Location") == "/schoolsite/exam/1/")
        }
        let page = try alice.get("/schoolsite/exam/1/")
        #expect(page.status == 200)
        #expect(page.text.contains("Which planet is the largest?"))
        #expect(page.text.contains("<li>Mercury</li>") && page.text.contains("<li>Mars</li>"))
        #expect(page.text.contains("asked by alice"))
        #expect(page.text.contains("Choice added"))
        #expect(try alice.get("/schoolsite/exam/").text.contains("4 choices"))
        #expect(try alice.get("/schoolsite/exam/mine/").text.contains("Which planet is the largest?"))

        let bob = Browser(daemon)
        #expect(try bob.signUp("bobby", "bob@example.com", "builder12").status == 302)
        try bob.logInToSchoolsite("bobby", "builder12")
        #expect(try bob.get("/schoolsite/exam/1/edit/").status == 403)
        #expect(try bob.post("/schoolsite/exam/1/edit/", [("question_text", "Hijacked?")], csrfFrom: "/schoolsite/exam/new/").status == 403)
        #expect(try bob.post("/schoolsite/exam/1/delete/", [], csrfFrom: "/schoolsite/exam/new/").status == 403)
        #expect(!(try bob.get("/schoolsite/exam/1/").text.contains(">Edit</a>")), "no edit button for others")
        #expect(try Browser(daemon).get("/schoolsite/exam/new/").status == 302, "asking needs a login")

        let form = try alice.get("/schoolsite/exam/1/edit/")
        #expect(form.text.contains(">Which planet is the largest?</textarea>"))
        let edited = try alice.post("/schoolsite/exam/1/edit/", [("question_text", "Which planet is the largest one?")],
                                    csrfFrom: "/schoolsite/exam/1/edit/")
        #expect(edited.status == 302)
        #expect(try alice.get("/schoolsite/exam/1/").text.contains("Which planet is the largest one?"))

        // The result app: bob answers, and sees his answer.
        let answer = try bob.post("/schoolsite/result/answer/1/", [("choice_id", "3")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(answer.status == 302)
        let results = try bob.get("/schoolsite/result/")
        #expect(results.text.contains("Which planet is the largest one?") && results.text.contains("<td>Jupiter</td>"))

        let deleted = try alice.post("/schoolsite/exam/1/delete/", [], csrfFrom: "/schoolsite/exam/1/")
        #expect(deleted.status == 302)
        #expect(deleted.header("Location") == "/schoolsite/exam/")
        #expect(try alice.get("/schoolsite/exam/1/").status == 404)
        #expect(try alice.get("/schoolsite/exam/1/delete/").status == 405, "delete is POST only")
    }

    @Test func everyValidatorSaysWhatIsWrongBesideItsField() throws {
        let daemon = try tutorialDaemon()
        let browser = Browser(daemon)
        let empty = try browser.signUp("", "", "", confirm: "")
        #expect(empty.status == 422)
        #expect(empty.text.components(separatedBy: "This field is required.").count - 1 == 4)
        let bad = try browser.signUp("al", "not-an-email", "12345", confirm: "54321")
        #expect(bad.text.contains("Field must be between 3 and 20 characters long."))
        #expect(bad.text.contains("Invalid email address."))
        #expect(bad.text.contains("Field must be at least 6 characters long."))
        #expect(bad.text.contains("The two passwords differ."), "a custom message")
        #expect(bad.text.contains("value=\"al\"") && bad.text.contains("value=\"not-an-email\""), "typed values come back")
        #expect(!bad.text.contains("value=\"12345\""), "passwords do not")
        #expect(try browser.signUp("carol", "carol@example.com", "carolpass").status == 302)
        let taken = try browser.signUp("carol", "carol@example.com", "carolpass")
        #expect(taken.text.components(separatedBy: "Already exists.").count - 1 == 2)

        try browser.logInToSchoolsite("carol", "carolpass")
        let short = try browser.post("/schoolsite/exam/new/", [("question_text", "Why")], csrfFrom: "/schoolsite/exam/new/")
        #expect(short.status == 422)
        #expect(short.text.contains("Field must be between 5 and 500 characters long."))
        #expect(short.text.contains(">Why</textarea>"))
        #expect(try browser.post("/schoolsite/exam/new/", [("question_text", "Why is the sky blue?")], csrfFrom: "/schoolsite/exam/new/").status == 302)
        let noChoice = try browser.post("/schoolsite/result/answer/1/", [("choice_id", "999")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(noChoice.text.contains("Not a valid choice."))
        #expect(try browser.post("/schoolsite/exam/new/", [("question_text", "No token")]).status == 400, "CSRF")
    }

    @Test func jsonViewsAnswerTheSameQueries() throws {
        let daemon = try tutorialDaemon()
        let browser = Browser(daemon)
        #expect(try browser.signUp("dave", "dave@example.com", "davepass1").status == 302)
        try browser.logInToSchoolsite("dave", "davepass1")
        for text in ["First question?", "Second question?"] {
            #expect(try browser.post("/schoolsite/exam/new/", [("question_text", text)], csrfFrom: "/schoolsite/exam/new/").status == 302)
        }
        let list = try Browser(daemon).get("/schoolsite/exam/api/questions/")
        #expect(list.header("Content-Type") == "application/json")
        let page = try JSONSerialization.jsonObject(with: list.body) as? [String: Any]
        #expect(page?["total"] as? Int == 2)
        let items = page?["items"] as? [[String: Any]]
        #expect(items?.first?["question_text"] as? String == "Second question?", "newest first")
        #expect(items?.first?["user_id"] as? Int == 1)
        let one = try JSONSerialization.jsonObject(with: try Browser(daemon).get("/schoolsite/exam/api/questions/1/").body) as? [String: Any]
        #expect(one?["question_text"] as? String == "First question?")
        #expect(try Browser(daemon).get("/schoolsite/exam/api/questions/9/").status == 404)
    }

    @Test func aBrokenViewsFileKeepsTheOldSiteAndSaysWhere() throws {
        let daemon = try tutorialDaemon()
        let views = daemon.projects.appendingPathComponent("schoolsite/exam/views.yaml")
        let original = try String(contentsOf: views, encoding: .utf8)
        try (original + "\n- {path: /exam/x/, endpoint: x, template: exam/index.html, create: {model: ExamQuestion, form: QuestionForm}}\n")
            .write(to: views, atomically: true, encoding: .utf8)
        let reload = try daemon.ctl("reload", "--wait", "schoolsite")
        #expect(reload.stdout.contains("schoolsite: stale"))
        #expect(reload.stdout.contains("schoolsite/exam/views.yaml:"), "\(reload.stdout)")
        #expect(reload.stdout.contains("there is no model 'ExamQuestion'"))
        #expect(try daemon.get("/schoolsite/exam/").status == 200, "the previous version keeps serving")

        try (original + "\n- {path: /exam/y/, endpoint: y, template: exam/index.html, create: {model: ExamQuestionModel, form: NoSuchForm}}\n")
            .write(to: views, atomically: true, encoding: .utf8)
        #expect(try daemon.ctl("reload", "--wait", "schoolsite").stdout.contains("there is no form 'NoSuchForm'"))
        let forms = daemon.projects.appendingPathComponent("schoolsite/exam/forms.yaml")
        try original.write(to: views, atomically: true, encoding: .utf8)
        let formsText = try String(contentsOf: forms, encoding: .utf8)
        try formsText.replacingOccurrences(of: "validators: [required, {length: {min: 5, max: 500}}]", with: "validators: [requird]")
            .write(to: forms, atomically: true, encoding: .utf8)
        let bad = try daemon.ctl("reload", "--wait", "schoolsite")
        #expect(bad.stdout.contains("schoolsite/exam/forms.yaml:"))
        #expect(bad.stdout.contains("unknown validator 'requird'"))
        try formsText.write(to: forms, atomically: true, encoding: .utf8)
        #expect(try daemon.ctl("reload", "--wait", "schoolsite").stdout.contains("schoolsite: serving"))
    }
}
