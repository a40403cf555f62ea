import Foundation
import SakyumTestSupport
import Testing

extension SiteClient {
    func signUp(_ username: String, _ email: String, _ password: String, confirm: String? = nil) async throws -> HTTPReply {
        try await post("/schoolsite/signup/", [("username", username), ("email", email), ("password", password), ("confirm", confirm ?? password)],
                       csrfFrom: "/schoolsite/signup/")
    }

    func logInToSchoolsite(_ username: String, _ password: String) async throws {
        let reply = try await logIn(username, password, prefix: "/schoolsite")
        guard reply.status == 302 else { throw TestFailure("login of \(username) failed: \(reply.status)") }
    }
}

/// The tutorial's pages driven in process (a broken edit and its reload are in EndToEndTests/TutorialTests).
@Suite("The sakyum tutorial, declared in YAML and driven in process")
struct TutorialFlowTests {
    @Test(arguments: TestBackend.allCases) func signUpAskAddChoicesAndOnlyTheOwnerChangesIt(on backend: TestBackend) async throws {
        let school = try TestProject.schoolsite(on: backend)
        let alice = SiteClient(school)
        let signedUp = try await alice.signUp("alice", "alice@example.com", "wonderland1")
        #expect(signedUp.status == 302, "\(signedUp.text.prefix(500))")
        #expect(signedUp.header("Location") == "/schoolsite/admin/login/")
        try await alice.logInToSchoolsite("alice", "wonderland1")
        #expect(try await alice.get("/schoolsite/admin/").status == 403, "a signed-up user is not an admin")

        let asked = try await alice.post("/schoolsite/exam/new/", [("question_text", "Which planet is the largest?")], csrfFrom: "/schoolsite/exam/new/")
        #expect(asked.status == 302)
        #expect(asked.header("Location") == "/schoolsite/exam/1/")
        for choice in ["Mercury", "Venus", "Jupiter", "Mars"] {
            let added = try await alice.post("/schoolsite/exam/1/choices/new/", [("choice_text", choice)], csrfFrom: "/schoolsite/exam/1/choices/new/")
            #expect(added.status == 302)
            #expect(added.header("Location") == "/schoolsite/exam/1/")
        }
        let page = try await alice.get("/schoolsite/exam/1/")
        #expect(page.status == 200)
        #expect(page.text.contains("Which planet is the largest?"))
        #expect(page.text.contains("<li>Mercury</li>") && page.text.contains("<li>Mars</li>"))
        #expect(page.text.contains("asked by alice"))
        #expect(page.text.contains("Choice added"))
        #expect(try await alice.get("/schoolsite/exam/").text.contains("4 choices"))
        #expect(try await alice.get("/schoolsite/exam/mine/").text.contains("Which planet is the largest?"))

        let bob = SiteClient(school)
        #expect(try await bob.signUp("bobby", "bob@example.com", "builder12").status == 302)
        try await bob.logInToSchoolsite("bobby", "builder12")
        #expect(try await bob.get("/schoolsite/exam/1/edit/").status == 403)
        #expect(try await bob.post("/schoolsite/exam/1/edit/", [("question_text", "Hijacked?")], csrfFrom: "/schoolsite/exam/new/").status == 403)
        #expect(try await bob.post("/schoolsite/exam/1/delete/", [], csrfFrom: "/schoolsite/exam/new/").status == 403)
        #expect(!(try await bob.get("/schoolsite/exam/1/").text.contains(">Edit</a>")), "no edit button for others")
        #expect(try await SiteClient(school).get("/schoolsite/exam/new/").status == 302, "asking needs a login")

        let form = try await alice.get("/schoolsite/exam/1/edit/")
        #expect(form.text.contains(">Which planet is the largest?</textarea>"))
        let edited = try await alice.post("/schoolsite/exam/1/edit/", [("question_text", "Which planet is the largest one?")],
                                    csrfFrom: "/schoolsite/exam/1/edit/")
        #expect(edited.status == 302)
        #expect(try await alice.get("/schoolsite/exam/1/").text.contains("Which planet is the largest one?"))

        // The result app: bob answers, and sees his answer.
        let answer = try await bob.post("/schoolsite/result/answer/1/", [("choice_id", "3")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(answer.status == 302)
        let results = try await bob.get("/schoolsite/result/")
        #expect(results.text.contains("Which planet is the largest one?") && results.text.contains("<td>Jupiter</td>"))

        let deleted = try await alice.post("/schoolsite/exam/1/delete/", [], csrfFrom: "/schoolsite/exam/1/")
        #expect(deleted.status == 302)
        #expect(deleted.header("Location") == "/schoolsite/exam/")
        #expect(try await alice.get("/schoolsite/exam/1/").status == 404)
        #expect(try await alice.get("/schoolsite/exam/1/delete/").status == 405, "delete is POST only")
    }

    @Test(arguments: TestBackend.allCases) func everyValidatorSaysWhatIsWrongBesideItsField(on backend: TestBackend) async throws {
        let school = try TestProject.schoolsite(on: backend)
        let browser = SiteClient(school)
        let empty = try await browser.signUp("", "", "", confirm: "")
        #expect(empty.status == 422)
        #expect(empty.text.components(separatedBy: "This field is required.").count - 1 == 4)
        let bad = try await browser.signUp("al", "not-an-email", "12345", confirm: "54321")
        #expect(bad.text.contains("Field must be between 3 and 20 characters long."))
        #expect(bad.text.contains("Invalid email address."))
        #expect(bad.text.contains("Field must be at least 6 characters long."))
        #expect(bad.text.contains("The two passwords differ."), "a custom message")
        #expect(bad.text.contains("value=\"al\"") && bad.text.contains("value=\"not-an-email\""), "typed values come back")
        #expect(!bad.text.contains("value=\"12345\""), "passwords do not")
        #expect(try await browser.signUp("carol", "carol@example.com", "carolpass").status == 302)
        let taken = try await browser.signUp("carol", "carol@example.com", "carolpass")
        #expect(taken.text.components(separatedBy: "Already exists.").count - 1 == 2)

        try await browser.logInToSchoolsite("carol", "carolpass")
        let short = try await browser.post("/schoolsite/exam/new/", [("question_text", "Why")], csrfFrom: "/schoolsite/exam/new/")
        #expect(short.status == 422)
        #expect(short.text.contains("Field must be between 5 and 500 characters long."))
        #expect(short.text.contains(">Why</textarea>"))
        #expect(try await browser.post("/schoolsite/exam/new/", [("question_text", "Why is the sky blue?")], csrfFrom: "/schoolsite/exam/new/").status == 302)
        let noChoice = try await browser.post("/schoolsite/result/answer/1/", [("choice_id", "999")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(noChoice.text.contains("Not a valid choice."))
        #expect(try await browser.post("/schoolsite/exam/new/", [("question_text", "No token")]).status == 400, "CSRF")
    }

    @Test(arguments: TestBackend.allCases) func jsonViewsAnswerTheSameQueries(on backend: TestBackend) async throws {
        let school = try TestProject.schoolsite(on: backend)
        let browser = SiteClient(school)
        #expect(try await browser.signUp("dave", "dave@example.com", "davepass1").status == 302)
        try await browser.logInToSchoolsite("dave", "davepass1")
        for text in ["First question?", "Second question?"] {
            #expect(try await browser.post("/schoolsite/exam/new/", [("question_text", text)], csrfFrom: "/schoolsite/exam/new/").status == 302)
        }
        let list = try await SiteClient(school).get("/schoolsite/exam/api/questions/")
        #expect(list.header("Content-Type") == "application/json")
        let page = try JSONSerialization.jsonObject(with: list.body) as? [String: Any]
        #expect(page?["total"] as? Int == 2)
        let items = page?["items"] as? [[String: Any]]
        #expect(items?.first?["question_text"] as? String == "Second question?", "newest first")
        #expect(items?.first?["user_id"] as? Int == 1)
        let one = try JSONSerialization.jsonObject(with: try await SiteClient(school).get("/schoolsite/exam/api/questions/1/").body) as? [String: Any]
        #expect(one?["question_text"] as? String == "First question?")
        #expect(try await SiteClient(school).get("/schoolsite/exam/api/questions/9/").status == 404)
    }
}
