import Foundation
import Testing
import SakyumTestSupport

/// The bundled examples/schoolsite (the sakyum tutorial) served by the real daemon.
private func tutorialDaemon() throws -> TestDaemon {
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/schoolsite")
    return try TestDaemon { projects in
        try FileManager.default.copyItem(at: example, to: projects.appendingPathComponent("schoolsite"))
    }
}

@Suite("The sakyum tutorial, declared in YAML and driven over HTTP")
struct TutorialTests {
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
