import Foundation
import SakyumSpec
import SakyumStore
import SakyumTestSupport
import Testing

/// The tutorial with an admin ada, and a client logged in as her under the prefix.
func schoolsiteAdmin() async throws -> (TestProject, SiteClient) {
    let school = try TestProject.schoolsite()
    try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
    let ada = SiteClient(school)
    try await ada.logIn("ada", "lovelace1", prefix: "/schoolsite")
    return (school, ada)
}

/// A newcomer's first hour on the tutorial (examples/schoolsite), under the path prefix and by Host:
/// each test here failed before its fix (issue "a new user's first hour").
@Suite("A new user's first hour on the tutorial, under the prefix and by Host")
struct FirstHourTests {
    /// The two ways a request reaches the project: its script root and the client that sends it there.
    static let mounts: [(root: String, host: String)] = [("/schoolsite", "127.0.0.1"), ("", "schoolsite.localhost")]

    /// The `href` of the link whose text is `text`.
    static func link(_ text: String, in page: String) throws -> String {
        let links = page.matches(of: /<a[^>]*href="([^"]*)"[^>]*>([^<]*)</).filter { $0.2.trimmingCharacters(in: .whitespacesAndNewlines) == text }
        guard let href = links.first?.1 else { throw TestFailure("no link '\(text)' in:\n\(page.prefix(2000))") }
        return String(href).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The value of the hidden `next` field of the login form.
    static func nextField(in page: String) -> String? {
        page.firstMatch(of: /name="next" value="([^"]*)"/).map { String($0.1).replacingOccurrences(of: "&#x2F;", with: "/") }
    }

    @Test(arguments: mounts)
    func theNavLoginComesBackToThePageItWasClickedOn(root: String, host: String) async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let client = SiteClient(school, host: host)
        let exam = try await client.get("\(root)/exam/")
        #expect(exam.status == 200)
        let login = try Self.link("Log in", in: exam.text)
        #expect(login.hasPrefix("\(root)/admin/login/?next="), "\(login)")
        #expect(!login.contains("schoolsite/schoolsite") && !login.contains("schoolsite%2Fschoolsite"), "\(login)")
        let form = try await client.get(login)
        #expect(form.status == 200)
        let next = try #require(Self.nextField(in: form.text))
        #expect(next == "\(root)/exam/")
        let done = try await client.post("\(root)/admin/login/", [("username", "ada"), ("password", "lovelace1"), ("next", next)],
                                         csrfFrom: "\(root)/admin/login/")
        #expect(done.status == 302)
        let landed = try await client.get(try #require(done.header("Location")))
        #expect(landed.status == 200)
        #expect(landed.text.contains("You are now logged in!"))
    }

    @Test(arguments: mounts)
    func theTooManyLoginsPageTriesTheSameAddressAgain(root: String, host: String) async throws {
        let school = try TestProject.schoolsite()
        let client = SiteClient(school, host: host)
        var reply = try await client.logIn("nobody", "guess", prefix: root)
        for _ in 0..<5 { reply = try await client.logIn("nobody", "guess", prefix: root) }
        #expect(reply.status == 429)
        let retry = try Self.link("Try again", in: reply.text)
        #expect(retry.hasPrefix("\(root)/admin/login/"), "\(retry)")
    }

    @Test(arguments: mounts)
    func aUserWhoIsNotAnAdminLandsOnTheHomePage(root: String, host: String) async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let bob = SiteClient(school, host: host)
        let login = try await bob.logIn("bob", "builder1", prefix: root)
        #expect(login.header("Location") == "\(root)/")
        #expect(try await bob.get("\(root)/").status == 200)
        let changed = try await bob.post("\(root)/admin/change/password/",
                                         [("old_password", "builder1"), ("password1", "builder2"), ("password2", "builder2")],
                                         csrfFrom: "\(root)/admin/change/password/")
        #expect(changed.header("Location") == "\(root)/", "after changing the password too")
        let ada = SiteClient(school, host: host)
        #expect(try await ada.logIn("ada", "lovelace1", prefix: root).header("Location") == "\(root)/admin/")
    }

    @Test func authHomeChoosesWhereUsersLandAndIsChecked() async throws {
        let school = try TestProject.schoolsite()
        let yaml = school.directory.appendingPathComponent("project.yaml")
        let original = try String(contentsOf: yaml, encoding: .utf8)
        try (original + "\nauth: {home: exam.index}\n").write(to: yaml, atomically: true, encoding: .utf8)
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        let bob = SiteClient(try school.compiled())
        #expect(try await bob.logIn("bob", "builder1", prefix: "/schoolsite").header("Location") == "/schoolsite/exam/")

        try (original + "\nauth: {home: exam.nowhere}\n").write(to: yaml, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try school.compiled() }
    }

    @Test(arguments: mounts)
    func errorPagesSayWhatHappenedForEveryMethodAndPlace(root: String, host: String) async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let client = SiteClient(school, host: host)
        let post = try await client.send("POST", "\(root)/exam/")
        #expect(post.status == 405)
        #expect(post.text.contains("405") && post.text.contains("Method Not Allowed"), "\(post.text.prefix(600))")
        #expect(post.text.contains("<title>405 Method Not Allowed · schoolsite</title>"))
        let json = try await client.get("\(root)/exam/api/questions/99/")
        #expect(json.status == 404)
        #expect(json.header("Content-Type") == "application/json")
        let error = try #require(try JSONSerialization.jsonObject(with: json.body) as? [String: Any])
        #expect(error["code"] as? Int == 404)
        #expect(error["name"] as? String == "Not Found")
        try await client.logIn("ada", "lovelace1", prefix: root)
        let adminPost = try await client.send("POST", "\(root)/admin/examquestionmodel/details/?id=1")
        #expect(adminPost.status == 405)
        #expect(adminPost.text.contains("<title>405 Method Not Allowed · schoolsite</title>"))
        let big = try await client.send("POST", "\(root)/admin/change_profile_image/",
                                        headers: [("Content-Type", "multipart/form-data; boundary=x"), ("Content-Length", String(17 << 20))])
        #expect(big.status == 413)
        #expect(big.text.contains("<title>413 Content Too Large · schoolsite</title>"), "\(big.text.prefix(400))")
    }

    @Test(arguments: mounts)
    func signedInUsersFindTheirAccountPages(root: String, host: String) async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let anonymous = SiteClient(school, host: host)
        let login = try await anonymous.get("\(root)/admin/login/")
        #expect(try Self.link("Sign up", in: login.text) == "\(root)/signup/")
        #expect(!login.text.contains("nav-badge"), "site users see no ADMIN badge")

        let bob = SiteClient(school, host: host)
        try await bob.logIn("bob", "builder1", prefix: root)
        let home = try await bob.get("\(root)/exam/").text
        #expect(try Self.link("Profile image", in: home) == "\(root)/admin/change_profile_image/")
        #expect(try Self.link("Change password", in: home) == "\(root)/admin/change/password/")
        #expect(home.contains("Log out"))
        #expect(!home.contains("Register a user") && !home.contains(">Admin<"), "bob is not an admin")
        #expect(try await bob.get("\(root)/admin/").status == 403)

        let ada = SiteClient(school, host: host)
        try await ada.logIn("ada", "lovelace1", prefix: root)
        let adminHome = try await ada.get("\(root)/exam/").text
        #expect(try Self.link("Register a user", in: adminHome) == "\(root)/admin/register/")
        #expect(try Self.link("Admin", in: adminHome) == "\(root)/admin/")
        let dashboard = try await ada.get("\(root)/admin/").text
        #expect(dashboard.contains("<td><a href=\"\(root)/admin/examquestionmodel/\">Questions</a></td>"), "the dashboard links under this mount")
        #expect(try Self.link("Change password", in: dashboard) == "\(root)/admin/change/password/")
    }

    @Test func theUserFormRefusesAnInvalidEmail() async throws {
        let (school, ada) = try await schoolsiteAdmin()
        let saved = try await ada.post("/schoolsite/admin/user/edit/?id=1",
                                       [("username", "ada"), ("email", "not-an-email"), ("user_img", "default_img.png")],
                                       csrfFrom: "/schoolsite/admin/user/edit/?id=1")
        #expect(saved.status == 422)
        #expect(saved.text.contains("<p class=\"field-message\" id=\"email-error\">Invalid email address.</p>"))
        #expect(saved.text.contains("aria-invalid=\"true\" aria-describedby=\"email-error\" autofocus"), "the input points at its message")
        let row = try await school.site.accounts!.store.get("User", id: .integer(1))
        #expect(row?["email"] == .string("ada@example.com"))
    }

    @Test func savingAnUnchangedRecordChangesNothing() async throws {
        let (school, ada) = try await schoolsiteAdmin()
        let store = school.site.accounts!.store
        let question = try await store.insert("ExamQuestionModel", values: [
            "question_text": .string("What is 2+2?"), "user_id": .integer(1),
            "date_posted": .datetime(DateTimeValue(parsing: "2024-05-06 11:28:54.902241")!),
        ])
        let edit = try await ada.get("/schoolsite/admin/examquestionmodel/edit/?id=1").text
        let shown = try #require(edit.firstMatch(of: /name="date_posted"[^>]*value="([^"]*)"/)?.1)
        let saved = try await ada.post("/schoolsite/admin/examquestionmodel/edit/?id=1",
                                       [("question_text", "What is 2+2?"), ("user_id", "1"), ("date_posted", String(shown))],
                                       csrfFrom: "/schoolsite/admin/examquestionmodel/edit/?id=1")
        #expect(saved.status == 302)
        let after = try await store.get("ExamQuestionModel", id: question.id)
        #expect(after?["date_posted"] == question["date_posted"], "\(String(describing: after?["date_posted"]))")
    }

    @Test func columnLabelsNameListHeadersAndFilters() async throws {
        let (_, ada) = try await schoolsiteAdmin()
        let list = try await ada.get("/schoolsite/admin/examchoicemodel/").text
        #expect(list.contains("<legend>Question</legend>"), "the filter")
        #expect(!list.contains("Selector"))
        let questions = try await ada.get("/schoolsite/admin/examquestionmodel/").text
        #expect(questions.contains("<legend>User</legend>"), "a foreign key is named without its _id")
    }

    @Test func aBadFilterValueIsShownBesideTheFilterInTheList() async throws {
        let (_, ada) = try await schoolsiteAdmin()
        let list = try await ada.get("/schoolsite/admin/examquestionmodel/?flt_date_posted_eq=yesterday")
        #expect(list.status == 400, "the request was wrong, but it gets the list page")
        #expect(list.text.contains("aria-invalid=\"true\""))
        #expect(list.text.contains("This filter is not applied."))
        #expect(list.text.contains("<span class=\"count\">0</span>"), "the list is still there")
        #expect(list.text.contains("<title>"), "inside the admin, not the site's 400 page")
        #expect(!list.text.contains("The request could not be understood"))
    }
}

@Suite("choices_from with a filter: a select offers, and accepts, only the rows it is given")
struct FilteredChoicesTests {
    @Test func theAnswerFormOffersAndAcceptsOnlyThisQuestionsChoices() async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        let store = school.site.accounts!.store
        for (question, choice) in [("Two plus two?", "Four"), ("Capital of France?", "Paris")] {
            let row = try await store.insert("ExamQuestionModel", values: ["question_text": .string(question), "user_id": .integer(1)])
            _ = try await store.insert("ExamChoiceModel", values: ["question_id": row.id, "choice_text": .string(choice)])
        }
        let bob = SiteClient(school)
        try await bob.logIn("bob", "builder1", prefix: "/schoolsite")
        let form = try await bob.get("/schoolsite/result/answer/1/")
        #expect(form.text.contains(">Four</option>"))
        #expect(!form.text.contains(">Paris</option>"), "question 2's choice is not offered")
        let foreign = try await bob.post("/schoolsite/result/answer/1/", [("choice_id", "2")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(foreign.status == 422)
        #expect(foreign.text.contains("Not a valid choice."))
        #expect(try await store.count(Query(model: "ExamResultModel")) == 0, "nothing recorded")
        let answer = try await bob.post("/schoolsite/result/answer/1/", [("choice_id", "1")], csrfFrom: "/schoolsite/result/answer/1/")
        #expect(answer.status == 302)
        #expect(try await store.count(Query(model: "ExamResultModel")) == 1)
    }

    @Test func aFilterOnAVariableTheViewDoesNotHaveIsADiagnostic() throws {
        let school = try TestProject.schoolsite()
        try school.edit("result/forms.yaml", replacing: "filter: {question_id: id}", with: "filter: {question_id: qid}")
        let diagnostics = try school.loadDiagnostics()
        #expect(diagnostics.contains { $0.description.contains("qid") }, "\(diagnostics)")
    }
}

@Suite("owner on a parent row: only the question's owner adds its choices")
struct ParentOwnerTests {
    @Test func onlyTheQuestionsOwnerAddsChoices() async throws {
        let school = try TestProject.schoolsite()
        try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
        try await school.addUser("cyd", email: "cyd@example.com", password: "cypress1", admin: false)
        let store = school.site.accounts!.store
        _ = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Two plus two?"), "user_id": .integer(1)])
        let cyd = SiteClient(school)
        try await cyd.logIn("cyd", "cypress1", prefix: "/schoolsite")
        #expect(try await cyd.get("/schoolsite/exam/1/choices/new/").status == 403, "the form is not shown")
        let forged = try await cyd.post("/schoolsite/exam/1/choices/new/", [("choice_text", "Five")], csrfFrom: "/schoolsite/exam/1/")
        #expect(forged.status == 403)
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 0, "nothing added")
        #expect(try await cyd.get("/schoolsite/exam/9/choices/new/").status == 404)
        let bob = SiteClient(school)
        try await bob.logIn("bob", "builder1", prefix: "/schoolsite")
        #expect(try await bob.get("/schoolsite/exam/1/choices/new/").status == 200)
        let added = try await bob.post("/schoolsite/exam/1/choices/new/", [("choice_text", "Four")], csrfFrom: "/schoolsite/exam/1/choices/new/")
        #expect(added.status == 302)
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 1)
    }

    @Test func anOwnerOnAFieldTheParentDoesNotHaveIsADiagnostic() throws {
        let school = try TestProject.schoolsite()
        try school.edit("exam/views.yaml", replacing: "field: user_id}", with: "field: author_id}")
        #expect(throws: ProjectLoadError.self) { try school.compiled() }
    }
}

@Suite("The admin speaks of one row by its name and says what goes with it")
struct AdminWordingTests {
    @Test func singularNamesAndTheRowsThatGoWithADeletedOne() async throws {
        let (school, ada) = try await schoolsiteAdmin()
        let store = school.site.accounts!.store
        let question = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Two plus two?"), "user_id": .integer(1)])
        for text in ["Four", "Five"] {
            _ = try await store.insert("ExamChoiceModel", values: ["question_id": question.id, "choice_text": .string(text)])
        }
        _ = try await store.insert("ExamResultModel", values: ["question_id": question.id, "choice_id": .integer(1), "user_id": .integer(1)])
        #expect(try await ada.get("/schoolsite/admin/examquestionmodel/new/").text.contains("<h1>New question</h1>"))
        #expect(try await ada.get("/schoolsite/admin/examquestionmodel/edit/?id=1").text.contains("Edit question <span class=\"count\">#1</span>"))
        let confirm = try await ada.get("/schoolsite/admin/examquestionmodel/delete/?id=1").text
        #expect(confirm.contains("Delete this question?"))
        #expect(confirm.contains("<strong>Choices: 2</strong>, deleted with it"), "ON DELETE CASCADE")
        #expect(confirm.contains("<strong>Results: 1</strong>, deleted with it"))
        let user = try await ada.get("/schoolsite/admin/user/delete/?id=1").text
        #expect(user.contains("Delete this user?"))
        #expect(user.contains("<strong>Exam questions: 1</strong>, in the way"), "no ON DELETE: the database refuses")
        #expect(try await ada.get("/schoolsite/admin/examchoicemodel/new/").text.contains("<h1>New choice</h1>"))

        let home = try await ada.get("/schoolsite/admin/").text
        #expect(home.contains("<td><a href=\"/schoolsite/admin/examquestionmodel/\">Questions</a></td>"), "the dashboard lists the views")
        #expect(home.contains(/Questions<\/a><\/td>\s*<td>Question-Choice<\/td>\s*<td>1<\/td>/), "with their row counts")
        #expect(home.contains("<a href=\"/schoolsite/admin/examchoicemodel/new/\">Add choice</a>"))
        #expect(home.contains(">Change password</a>"), "and the admin's account pages")
        let details = try await ada.get("/schoolsite/admin/user/details/?id=1").text
        #expect(details.contains("<dt>Email</dt>"))
        #expect(!details.contains("Authenticated") && !details.contains("Password"), "sakyum's unused column and the hash are not shown")
    }
}

@Suite("The admin list says where you are: default sort, rows X–Y of N, first/previous/next/last, page size")
struct AdminListPagingTests {
    @Test func pagingAndTheDefaultSortAreShown() async throws {
        let school = try TestProject.schoolsite()
        try school.edit("exam/admin.yaml", replacing: "  page_size: 50\n  column_searchable_list: [question_text]",
                        with: "  page_size: 50\n  can_set_page_size: true\n  column_searchable_list: [question_text]")
        let site = try school.compiled()
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let store = school.site.accounts!.store
        for number in 1...55 {
            _ = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Question \(number)?"), "user_id": .integer(1)])
        }
        let ada = SiteClient(site)
        try await ada.logIn("ada", "lovelace1", prefix: "/schoolsite")
        let first = try await ada.get("/schoolsite/admin/examquestionmodel/").text
        #expect(first.contains("Rows 1–50 of 55"))
        #expect(first.contains("aria-sort=\"descending\""), "column_default_sort is shown in its header")
        #expect(first.contains("href=\"/schoolsite/admin/examquestionmodel/?page=1\" rel=\"next\">Next ›</a>"))
        #expect(!first.contains("‹ Previous"))
        let second = try await ada.get("/schoolsite/admin/examquestionmodel/?page=1").text
        #expect(second.contains("Rows 51–55 of 55"))
        #expect(second.contains("« First") && second.contains("‹ Previous") && !second.contains("Next ›"))
        #expect(first.contains("<select name=\"page_size\">"), "can_set_page_size offers a choice")
        let small = try await ada.get("/schoolsite/admin/examquestionmodel/?page_size=20").text
        #expect(small.contains("Rows 1–20 of 55"))
        #expect(small.contains("?page=1&amp;page_size=20\" rel=\"next\""), "the links keep the page size: \(small.components(separatedBy: "pagination").last ?? "")")
    }
}

@Suite("Forms tie each message to its input and help browsers fill them")
struct FormAccessibilityTests {
    @Test func theSignUpFormMarksItsErrorsAndAsksForTheRightAutocomplete() async throws {
        let school = try TestProject.schoolsite()
        let visitor = SiteClient(school)
        let empty = try await visitor.get("/schoolsite/signup/").text
        #expect(empty.contains("autocomplete=\"username\""))
        #expect(empty.contains("type=\"email\"") && empty.contains("autocomplete=\"email\""))
        #expect(empty.contains("autocomplete=\"new-password\""))
        #expect(!empty.contains("aria-invalid"))
        let wrong = try await visitor.post("/schoolsite/signup/", [("username", "ab"), ("email", "not-an-email"), ("password", "secret12"), ("confirm", "secret12")],
                                           csrfFrom: "/schoolsite/signup/")
        #expect(wrong.status == 422)
        #expect(wrong.text.contains(/id="username"[^>]*aria-invalid="true" aria-describedby="username-error" autofocus/), "the first field in error takes the focus")
        #expect(wrong.text.contains(/id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/))
        #expect(wrong.text.contains("<p class=\"field-message\" id=\"username-error\">"))
    }
}

@Suite("inline_models: a question's choices edited on its page, in one transaction")
struct AdminInlineTests {
    static func question(_ school: TestProject) async throws -> (Store, Record, [Record]) {
        try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
        let store = school.site.accounts!.store
        let question = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Two plus two?"), "user_id": .integer(1)])
        var choices: [Record] = []
        for text in ["Four", "Five"] {
            choices.append(try await store.insert("ExamChoiceModel", values: ["question_id": question.id, "choice_text": .string(text)]))
        }
        let other = try await store.insert("ExamQuestionModel", values: ["question_text": .string("Capital?"), "user_id": .integer(1)])
        choices.append(try await store.insert("ExamChoiceModel", values: ["question_id": other.id, "choice_text": .string("Paris")]))
        return (store, question, choices)
    }

    /// The question's own fields as its edit page shows them.
    static func questionFields(_ page: String) throws -> [(String, String)] {
        let shown = try #require(page.firstMatch(of: /name="date_posted"[^>]*value="([^"]*)"/)?.1)
        return [("question_text", "Two plus two?"), ("user_id", "1"), ("date_posted", String(shown))]
    }

    @Test func choicesAreEditedDeletedAndAddedWithTheQuestion() async throws {
        let school = try TestProject.schoolsite()
        let (store, _, choices) = try await Self.question(school)
        let ada = SiteClient(school)
        try await ada.logIn("ada", "lovelace1", prefix: "/schoolsite")
        let edit = try await ada.get("/schoolsite/admin/examquestionmodel/edit/?id=1").text
        #expect(edit.contains("<legend>Choices</legend>"))
        #expect(edit.contains("name=\"choices-0-choice_text\" value=\"Four\""))
        #expect(edit.contains("name=\"choices-2-choice_text\" value=\"\""), "blank rows for new choices")
        #expect(!edit.contains("Paris"), "only this question's choices")
        let shownDate = try #require(edit.firstMatch(of: /name="choices-0-date_posted" value="([^"]*)"/)?.1)
        let saved = try await ada.post("/schoolsite/admin/examquestionmodel/edit/?id=1", try Self.questionFields(edit) + [
            ("choices-0-id", "1"), ("choices-0-choice_text", "Four!"), ("choices-0-date_posted", String(shownDate)),
            ("choices-1-id", "2"), ("choices-1-choice_text", "Five"), ("choices-1-_delete", "y"),
            ("choices-2-choice_text", "Six"), ("choices-3-choice_text", ""),
        ], csrfFrom: "/schoolsite/admin/examquestionmodel/edit/?id=1")
        #expect(saved.status == 302, "\(saved.text.prefix(600))")
        let four = try await store.get("ExamChoiceModel", id: .integer(1))
        #expect(four?["choice_text"] == .string("Four!"))
        #expect(four?["date_posted"] == choices[0]["date_posted"], "an unchanged datetime keeps its microseconds")
        #expect(try await store.get("ExamChoiceModel", id: .integer(2)) == nil, "deleted")
        let six = try await store.first(Query(model: "ExamChoiceModel", filters: [.eq("choice_text", .string("Six"))]))
        #expect(six?["question_id"] == .integer(1), "added to this question")
        #expect(try await store.count(Query(model: "ExamChoiceModel")) == 3, "the blank row added nothing")
    }

    @Test func anInvalidChoiceOrAForeignOneChangesNothing() async throws {
        let school = try TestProject.schoolsite()
        let (store, _, _) = try await Self.question(school)
        let ada = SiteClient(school)
        try await ada.logIn("ada", "lovelace1", prefix: "/schoolsite")
        let edit = try await ada.get("/schoolsite/admin/examquestionmodel/edit/?id=1").text
        var fields = try Self.questionFields(edit)
        fields[0] = ("question_text", "Changed?")
        let empty = try await ada.post("/schoolsite/admin/examquestionmodel/edit/?id=1", fields + [("choices-0-id", "1"), ("choices-0-choice_text", "")],
                                       csrfFrom: "/schoolsite/admin/examquestionmodel/edit/?id=1")
        #expect(empty.status == 422)
        #expect(empty.text.contains("This field is required."))
        #expect(try await store.get("ExamQuestionModel", id: .integer(1))?["question_text"] == .string("Two plus two?"), "the question is not saved either")
        let foreign = try await ada.post("/schoolsite/admin/examquestionmodel/edit/?id=1", fields + [("choices-0-id", "3"), ("choices-0-choice_text", "London")],
                                         csrfFrom: "/schoolsite/admin/examquestionmodel/edit/?id=1")
        #expect(foreign.status == 422)
        #expect(foreign.text.contains("This row does not belong to this record."))
        #expect(try await store.get("ExamChoiceModel", id: .integer(3))?["choice_text"] == .string("Paris"))
    }
}

@Suite("limit_choices_to: the admin's result form offers and accepts only its question's choices")
struct AdminChoiceLimitTests {
    @Test func aResultsChoiceMustBeOneOfItsQuestions() async throws {
        let (school, ada) = try await schoolsiteAdmin()
        let store = school.site.accounts!.store
        for (question, choice) in [("Two plus two?", "Four"), ("Capital of France?", "Paris")] {
            let row = try await store.insert("ExamQuestionModel", values: ["question_text": .string(question), "user_id": .integer(1)])
            _ = try await store.insert("ExamChoiceModel", values: ["question_id": row.id, "choice_text": .string(choice)])
        }
        let form = try await ada.get("/schoolsite/admin/examresultmodel/new/").text
        #expect(form.contains("data-limited-by=\"question_id\""))
        #expect(form.contains("<option value=\"2\" data-limit=\"2\">Paris</option>"), "each choice says its question")
        let wrong = try await ada.post("/schoolsite/admin/examresultmodel/new/",
                                       [("user_id", "1"), ("question_id", "1"), ("choice_id", "2"), ("date_taken", "2024-01-02T10:00")],
                                       csrfFrom: "/schoolsite/admin/examresultmodel/new/")
        #expect(wrong.status == 422)
        #expect(wrong.text.contains("Not a valid choice."))
        #expect(try await store.count(Query(model: "ExamResultModel")) == 0)
        let right = try await ada.post("/schoolsite/admin/examresultmodel/new/",
                                       [("user_id", "1"), ("question_id", "1"), ("choice_id", "1"), ("date_taken", "2024-01-02T10:00")],
                                       csrfFrom: "/schoolsite/admin/examresultmodel/new/")
        #expect(right.status == 302)
    }
}

@Suite("form_args: forms.yaml's validators on admin forms")
struct AdminFormArgsTests {
    @Test func theQuestionFormChecksLengthLikeTheSitesForm() async throws {
        let (_, ada) = try await schoolsiteAdmin()
        let short = try await ada.post("/schoolsite/admin/examquestionmodel/new/", [("question_text", "Hi?"), ("user_id", "1")],
                                       csrfFrom: "/schoolsite/admin/examquestionmodel/new/")
        #expect(short.status == 422)
        #expect(short.text.contains("Field must be between 5 and 500 characters long."))
        let fine = try await ada.post("/schoolsite/admin/examquestionmodel/new/", [("question_text", "Why is the sky blue?"), ("user_id", "1")],
                                      csrfFrom: "/schoolsite/admin/examquestionmodel/new/")
        #expect(fine.status == 302)
    }

    @Test func aFieldTheFormDoesNotHaveIsADiagnostic() throws {
        let school = try TestProject.schoolsite()
        try school.edit("exam/admin.yaml", replacing: "    question_text: {validators:", with: "    question: {validators:")
        let diagnostics = try school.loadDiagnostics()
        #expect(diagnostics.contains { $0.description.contains("form_args: the form has no field 'question'") }, "\(diagnostics)")
    }
}
