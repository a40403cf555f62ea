import Foundation
import SakyumTestSupport
import Testing

/// Project `school` with the tutorial's models in the admin (`AdminFixture`), an admin `ada` and a
/// non-admin `bob`; returns it with a client logged in as ada.
private func adminProject(pageSize: Int = 5, on backend: TestBackend) async throws -> (TestProject, SiteClient) {
    let school = try TestProject(name: "school", on: backend) { try AdminFixture.write(in: $0, pageSize: pageSize) }
    try await school.addUser("ada", email: "ada@example.com", password: "lovelace1")
    try await school.addUser("bob", email: "bob@example.com", password: "builder1", admin: false)
    let client = SiteClient(school)
    try await client.logIn("ada", "lovelace1")
    return (school, client)
}

extension SiteClient {
    /// Creates a question through the admin form; returns the reply to the POST.
    @discardableResult
    func createQuestion(_ text: String, user: String = "1", level: String = "", extra: [(String, String)] = []) async throws -> HTTPReply {
        try await post("/school/admin/examquestionmodel/new/",
                 [("question_text", text), ("user_id", user), ("level", level), ("date_posted", "2024-01-02T10:00")] + extra,
                 csrfFrom: "/school/admin/examquestionmodel/new/")
    }
}

@Suite("Admin model views: Flask-Admin's URLs, forms, lists, access and escaping")
struct AdminTests {
    @Test(arguments: TestBackend.allCases) func onlyAdminsEnterAndTheMenuGroupsCategories(on backend: TestBackend) async throws {
        let (school, admin) = try await adminProject(on: backend)
        let anonymous = try await SiteClient(school).get("/school/admin/examquestionmodel/")
        #expect(anonymous.status == 302)
        #expect(anonymous.header("Location") == "/school/admin/login/?next=/school/admin/examquestionmodel/")
        let bob = SiteClient(school)
        try await bob.logIn("bob", "builder1")
        #expect(try await bob.get("/school/admin/examquestionmodel/").status == 403)
        #expect(try await bob.get("/school/admin/user/").status == 403)
        let home = try await admin.get("/school/admin/")
        #expect(home.status == 200)
        #expect(home.text.contains("<summary>Question-Choice</summary>"))
        #expect(home.text.contains("href=\"/school/admin/examquestionmodel/\">Questions</a>"))
        #expect(home.text.contains("href=\"/school/admin/examchoicemodel/\">Choices</a>"))
        #expect(home.text.contains("<summary>User-section</summary>"))
    }

    @Test(arguments: TestBackend.allCases) func createEditAndValidate(on backend: TestBackend) async throws {
        let (_, admin) = try await adminProject(on: backend)
        let created = try await admin.createQuestion("What is 2+2?", level: "1", extra: [("_continue_editing", "1")])
        #expect(created.status == 302)
        #expect(created.header("Location") == "/school/admin/examquestionmodel/edit/?id=1")
        let edit = try await admin.get("/school/admin/examquestionmodel/edit/?id=1")
        #expect(edit.text.contains("Record was successfully created."))
        #expect(edit.text.contains(">What is 2+2?</textarea>"))
        #expect(edit.text.contains("<option value=\"1\" selected>ada</option>"), "the user select shows the rows' str")

        let missing = try await admin.post("/school/admin/examquestionmodel/new/", [("question_text", ""), ("user_id", "1"), ("level", "7")],
                                     csrfFrom: "/school/admin/examquestionmodel/new/")
        #expect(missing.status == 422)
        #expect(missing.text.contains("This field is required."))
        #expect(missing.text.contains("Not a valid choice."))
        let badUser = try await admin.createQuestion("Who?", user: "99")
        #expect(badUser.status == 422)
        #expect(badUser.text.contains("Not a valid choice."))
        #expect(badUser.text.contains(">Who?</textarea>"), "what was typed stays")

        let another = try await admin.createQuestion("Second?", extra: [("_add_another", "1")])
        #expect(another.header("Location") == "/school/admin/examquestionmodel/new/")
        let saved = try await admin.post("/school/admin/examquestionmodel/edit/?id=2",
                                   [("question_text", "Second, edited?"), ("user_id", ""), ("level", "2"), ("date_posted", "2024-01-03T09:30")],
                                   csrfFrom: "/school/admin/examquestionmodel/edit/?id=2")
        #expect(saved.status == 302)
        #expect(saved.header("Location") == "/school/admin/examquestionmodel/")
        let list = try await admin.get("/school/admin/examquestionmodel/")
        #expect(list.text.contains("Record was successfully saved."))
        #expect(list.text.contains("<td>Second, edited?</td>"))
        #expect(list.text.contains("<td>hard</td>"), "choices show their label")

        // Choice: string length and uniqueness.
        let long = try await admin.post("/school/admin/examchoicemodel/new/", [("question_id", "1"), ("choice_text", String(repeating: "x", count: 21))],
                                  csrfFrom: "/school/admin/examchoicemodel/new/")
        #expect(long.text.contains("Field cannot be longer than 20 characters."))
        #expect(try await admin.post("/school/admin/examchoicemodel/new/", [("question_id", "1"), ("choice_text", "four"), ("correct", "y")],
                               csrfFrom: "/school/admin/examchoicemodel/new/").status == 302)
        let duplicate = try await admin.post("/school/admin/examchoicemodel/new/", [("question_id", "1"), ("choice_text", "four")],
                                       csrfFrom: "/school/admin/examchoicemodel/new/")
        #expect(duplicate.text.contains("Already exists."))
        let choices = try await admin.get("/school/admin/examchoicemodel/")
        #expect(choices.text.contains("<td><em>four</em></td>"), "a column formatter")
        #expect(choices.text.contains("<td>What is 2+2?</td>"), "a foreign key shows the related row's str")
        #expect(choices.text.contains("<td>Yes</td>"))

        let gone = try await admin.get("/school/admin/examquestionmodel/edit/?id=99")
        #expect(gone.status == 302)
        #expect(try await admin.get("/school/admin/examquestionmodel/").text.contains("Record does not exist."))
        #expect(try await admin.get("/school/admin/examquestionmodel/edit/?id=abc").status == 400)
    }

    /// The list's row links (`?id=` made once per row for its three links) under the prefix and by Host: an admin
    /// follows them, a signed-up user who is not one is refused the list.
    @Test(arguments: [("/school", "127.0.0.1"), ("", "school.localhost")])
    func listRowLinksFollowTheMount(mount: (root: String, host: String)) async throws {
        let (school, creator) = try await adminProject(on: .sqlite)
        try await creator.createQuestion("Where do the links go?")
        let admin = SiteClient(school, host: mount.host)
        try await admin.logIn("ada", "lovelace1", prefix: mount.root)
        let list = try await admin.get("\(mount.root)/admin/examquestionmodel/")
        #expect(list.status == 200)
        for action in ["details", "edit", "delete"] {
            let link = "\(mount.root)/admin/examquestionmodel/\(action)/?id=1"
            #expect(list.text.contains("href=\"\(link)\""), "\(action) link under \(mount)")
        }
        #expect(try await admin.get("\(mount.root)/admin/examquestionmodel/details/?id=1").text.contains("Where do the links go?"))
        #expect(try await admin.get("\(mount.root)/admin/examquestionmodel/edit/?id=1").status == 200)
        let bob = SiteClient(school, host: mount.host)
        try await bob.logIn("bob", "builder1", prefix: mount.root)
        #expect(try await bob.get("\(mount.root)/admin/examquestionmodel/").status == 403)
        #expect(try await bob.get("\(mount.root)/admin/examquestionmodel/details/?id=1").status == 403)
    }

    @Test(arguments: TestBackend.allCases) func listPagesSortsSearchesAndFilters(on backend: TestBackend) async throws {
        let (school, admin) = try await adminProject(pageSize: 5, on: backend)
        try await school.addUser("cyd", email: "cyd@example.com", password: "cypress1")
        for number in 1...12 {
            try await admin.createQuestion("Question \(number) about \(number % 2 == 0 ? "even" : "odd") numbers", user: number <= 3 ? "3" : "1",
                                     level: number % 3 == 0 ? "2" : "1")
        }
        let first = try await admin.get("/school/admin/examquestionmodel/")
        #expect(first.text.contains("<span class=\"count\">12</span>"))
        #expect(first.text.contains("Question 12 about"), "default sort: id descending")
        #expect(!first.text.contains("Question 7 about"))
        let third = try await admin.get("/school/admin/examquestionmodel/?page=2")
        #expect(third.text.contains("Question 2 about") && third.text.contains("Question 1 about"))
        #expect(try await admin.get("/school/admin/examquestionmodel/?page=3").status == 404)
        #expect(try await admin.get("/school/admin/examquestionmodel/?page=-1").status == 400)

        // Columns: date_posted, user_id, question_text, level → question_text is index 2.
        let sorted = try await admin.get("/school/admin/examquestionmodel/?sort=2")
        let order = ["Question 1 about", "Question 10 about", "Question 11 about", "Question 12 about", "Question 2 about"]
        let positions = order.compactMap { sorted.text.range(of: $0)?.lowerBound }
        #expect(positions.count == 5 && positions == positions.sorted(), "sorted by text")
        #expect(try await admin.get("/school/admin/examquestionmodel/?sort=9").status == 400)

        let search = try await admin.get("/school/admin/examquestionmodel/?search=even+about")
        #expect(search.text.contains("<span class=\"count\">6</span>"))
        #expect(try await admin.get("/school/admin/examquestionmodel/?search=%5EQuestion+1").text.contains("<span class=\"count\">4</span>"))
        #expect(try await admin.get("/school/admin/examquestionmodel/?search=%3Dnothing").text.contains("There are no items"))

        let byUser = try await admin.get("/school/admin/examquestionmodel/?flt_user_id_eq=3")
        #expect(byUser.text.contains("<span class=\"count\">3</span>"))
        #expect(byUser.text.contains("<option value=\"3\" selected>cyd</option>"), "the related filter lists users by str")
        let form = try await admin.get("/school/admin/examquestionmodel/?fo_level=ne&fv_level=2&fv_user_id=")
        #expect(form.text.contains("<span class=\"count\">8</span>"), "the no-JavaScript filter form")
        #expect(try await admin.get("/school/admin/examquestionmodel/?flt_date_posted_gt=2024-01-01").text.contains("<span class=\"count\">12</span>"))
        #expect(try await admin.get("/school/admin/examquestionmodel/?flt_password_eq=x").status == 400)
        #expect(try await admin.get("/school/admin/examquestionmodel/?flt_user_id_eq=abc").status == 400)
    }

    @Test(arguments: TestBackend.allCases) func deleteAndBulkDeleteAreConfirmedAndCSRFChecked(on backend: TestBackend) async throws {
        let (_, admin) = try await adminProject(on: backend)
        for text in ["One", "Two", "Three"] { try await admin.createQuestion(text) }
        let confirm = try await admin.get("/school/admin/examquestionmodel/delete/?id=1")
        #expect(confirm.status == 200)
        #expect(confirm.text.contains("Delete this question?"))
        let noToken = try await admin.post("/school/admin/examquestionmodel/delete/", [("id", "1"), ("confirmed", "1")])
        #expect(noToken.status == 400)
        let deleted = try await admin.post("/school/admin/examquestionmodel/delete/", [("id", "1"), ("confirmed", "1")],
                                     csrfFrom: "/school/admin/examquestionmodel/delete/?id=1")
        #expect(deleted.status == 302)
        #expect(try await admin.get("/school/admin/examquestionmodel/").text.contains("Record was successfully deleted."))

        let bulk = try await admin.post("/school/admin/examquestionmodel/action/", [("action", "delete"), ("rowid", "2"), ("rowid", "3")],
                                  csrfFrom: "/school/admin/examquestionmodel/")
        #expect(bulk.status == 200, "a confirmation page first")
        #expect(bulk.text.contains("Delete these 2 questions?"))
        let confirmed = try await admin.post("/school/admin/examquestionmodel/action/",
                                       [("action", "delete"), ("rowid", "2"), ("rowid", "3"), ("confirmed", "1")],
                                       csrfFrom: "/school/admin/examquestionmodel/")
        #expect(confirmed.status == 302)
        let list = try await admin.get("/school/admin/examquestionmodel/")
        #expect(list.text.contains("2 records were successfully deleted."))
        #expect(list.text.contains("There are no items in the table."))
    }

    @Test(arguments: TestBackend.allCases) func whatUsersTypedIsEscapedEverywhere(on backend: TestBackend) async throws {
        let (_, admin) = try await adminProject(on: backend)
        try await admin.createQuestion("<script>alert(1)</script>")
        for path in ["/school/admin/examquestionmodel/", "/school/admin/examquestionmodel/details/?id=1",
                     "/school/admin/examquestionmodel/edit/?id=1", "/school/admin/examquestionmodel/delete/?id=1"] {
            let page = try await admin.get(path).text
            #expect(!page.contains("<script>alert(1)</script>"), "\(path)")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
        let csv = try await admin.get("/school/admin/examquestionmodel/export/csv/")
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.text.hasPrefix("Date posted,User,Question,Level\r\n"))
        try await admin.createQuestion("=HYPERLINK(\"http://evil\")")
        #expect(try await admin.get("/school/admin/examquestionmodel/export/csv/").text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
    }

    @Test(arguments: TestBackend.allCases) func userAdminNeverShowsThePasswordAndHashesANewOne(on backend: TestBackend) async throws {
        let (school, admin) = try await adminProject(on: backend)
        let list = try await admin.get("/school/admin/user/")
        #expect(list.status == 200)
        #expect(list.text.contains("<td>ada</td>"))
        #expect(!list.text.contains("$2b$"))
        #expect(!(try await admin.get("/school/admin/user/details/?id=1").text.contains("$2b$")))
        let edit = try await admin.get("/school/admin/user/edit/?id=1")
        #expect(!edit.text.contains("$2b$"))
        #expect(edit.text.contains("type=\"password\" value=\"\""))
        let created = try await admin.post("/school/admin/user/new/", [("username", "dan"), ("email", "dan@example.com"), ("password", "danpass1"),
                                                                ("user_img", "default_img.png")],
                                     csrfFrom: "/school/admin/user/new/")
        #expect(created.status == 302)
        #expect(try await SiteClient(school).logIn("dan", "danpass1").status == 302)
        let taken = try await admin.post("/school/admin/user/new/", [("username", "dan"), ("email", "d2@example.com"), ("password", "danpass1")],
                                   csrfFrom: "/school/admin/user/new/")
        #expect(taken.text.contains("Already exists."))
        // Editing without a password keeps the old one.
        #expect(try await admin.post("/school/admin/user/edit/?id=3", [("username", "dan"), ("email", "dan@example.org"), ("user_img", "default_img.png")],
                               csrfFrom: "/school/admin/user/edit/?id=3").status == 302)
        #expect(try await SiteClient(school).logIn("dan", "danpass1").status == 302)
    }
}
