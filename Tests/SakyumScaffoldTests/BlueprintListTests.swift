import Foundation
import Testing
@testable import SakyumScaffold

struct BlueprintListTests {
    @Test func appendsToBlockListKeepingEverythingElse() throws {
        let text = """
        name: schoolsite   # the name
        blueprints:        # registration order
          - default
          - errors   # error pages
          # a comment between items
          - auth
          - "base"

        # admin comes next
        admin: {name: schoolsite, views: []}

        """
        let list = try BlueprintList(projectYAML: text)
        #expect(list.names == ["default", "errors", "auth", "base"])
        #expect(list.appending("exam") == text.replacingOccurrences(of: "  - \"base\"\n", with: "  - \"base\"\n  - exam\n"))
    }

    @Test func appendsWithTheItemsIndentation() throws {
        let text = "blueprints:\n- default\n- base\nroutes: []\n"
        #expect(try BlueprintList(projectYAML: text).appending("exam") == "blueprints:\n- default\n- base\n- exam\nroutes: []\n")
        let deep = "blueprints:\n    - default\n    - base\n"
        #expect(try BlueprintList(projectYAML: deep).appending("exam") == "blueprints:\n    - default\n    - base\n    - exam\n")
    }

    @Test func appendsToLastLineWithoutNewline() throws {
        let text = "name: x\nblueprints:\n  - base"
        #expect(try BlueprintList(projectYAML: text).appending("exam") == "name: x\nblueprints:\n  - base\n  - exam")
    }

    @Test func keepsWindowsLineEndings() throws {
        let text = "blueprints:\r\n  - base\r\nadmin: {}\r\n"
        #expect(try BlueprintList(projectYAML: text).appending("exam") == "blueprints:\r\n  - base\r\n  - exam\r\nadmin: {}\r\n")
    }

    @Test func appendsToEmptyBlockList() throws {
        let text = "blueprints:\nroutes: []\n"
        let list = try BlueprintList(projectYAML: text)
        #expect(list.names.isEmpty)
        #expect(list.appending("exam") == "blueprints:\n  - exam\nroutes: []\n")
    }

    @Test func appendsToFlowList() throws {
        let text = "name: s\nblueprints: [default, errors, auth, base]   # built-ins first\nroutes: []\n"
        let list = try BlueprintList(projectYAML: text)
        #expect(list.names == ["default", "errors", "auth", "base"])
        #expect(list.appending("exam") == "name: s\nblueprints: [default, errors, auth, base, exam]   # built-ins first\nroutes: []\n")
    }

    @Test func appendsToFlowListVariants() throws {
        #expect(try BlueprintList(projectYAML: "blueprints: []\n").appending("exam") == "blueprints: [exam]\n")
        #expect(try BlueprintList(projectYAML: "blueprints: [ base ]\n").appending("exam") == "blueprints: [ base, exam ]\n")
        #expect(try BlueprintList(projectYAML: "blueprints: ['base', \"x]\"]\n").appending("exam") == "blueprints: ['base', \"x]\", exam]\n")
        let multiline = "blueprints: [default,  # built-in\n  base,\n]\n"
        let list = try BlueprintList(projectYAML: multiline)
        #expect(list.names == ["default", "base"])
        #expect(list.appending("exam") == "blueprints: [default,  # built-in\n  base, exam\n]\n")
    }

    @Test func quotesNamesYAMLWouldMisread() throws {
        #expect(try BlueprintList(projectYAML: "blueprints: [base]\n").appending("yes") == "blueprints: [base, \"yes\"]\n")
    }

    @Test(arguments: [
        "name: x\n",
        "  blueprints: [base]\n",
        "blueprints: base\n",
        "blueprints: *builtins\n",
        "blueprints: [base, [x]]\n",
        "blueprints: [base\n",
        "blueprints:\n  default: true\n",
        "blueprints: [a]\nblueprints: [b]\n",
    ])
    func refusesWhatItCannotEdit(_ text: String) {
        let error = #expect(throws: ScaffoldError.self) { try BlueprintList(projectYAML: text) }
        #expect(error?.code == .invalidProject)
        #expect(error?.detail.contains("blueprints") == true)
    }
}
