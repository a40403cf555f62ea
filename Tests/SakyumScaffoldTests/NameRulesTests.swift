import Testing
@testable import SakyumScaffold

struct NameRulesTests {
    @Test(arguments: ["schoolsite", "exam", "School_Site2", "_private", "a"])
    func acceptsIdentifiers(_ name: String) throws {
        try NameRules.validateProjectName(name)
        try NameRules.validateAppName(name, project: "other", existingApps: [])
    }

    @Test(arguments: ["", "2fast", "school-site", "school site", "école", "a.b", "x/y", "../up"])
    func refusesNonIdentifiers(_ name: String) {
        #expect(throws: ScaffoldError.self) { try NameRules.validateProjectName(name) }
        let error = #expect(throws: ScaffoldError.self) { try NameRules.validateAppName(name, project: "p", existingApps: []) }
        #expect(error?.code == .invalidName)
    }

    @Test func refusesTooLongNames() throws {
        try NameRules.validateProjectName(String(repeating: "a", count: NameRules.maximumNameLength))
        let error = #expect(throws: ScaffoldError.self) {
            try NameRules.validateProjectName(String(repeating: "a", count: NameRules.maximumNameLength + 1))
        }
        #expect(error?.detail.contains("longer than 64") == true)
    }

    @Test(arguments: ["sakyum", "default", "errors", "auth", "base", "admin", "static", "Admin"])
    func refusesReservedNames(_ name: String) {
        let error = #expect(throws: ScaffoldError.self) { try NameRules.validateProjectName(name) }
        #expect(error?.code == .invalidName)
        #expect(error?.detail.contains("reserved") == true)
        #expect(throws: ScaffoldError.self) { try NameRules.validateAppName(name, project: "p", existingApps: []) }
    }

    @Test(arguments: ["media", "login", "profile_image"])
    func refusesAppNamesThatHideBuiltinPaths(_ name: String) throws {
        #expect(throws: ScaffoldError.self) { try NameRules.validateAppName(name, project: "p", existingApps: []) }
    }

    @Test func refusesAppNamedLikeItsProject() {
        let error = #expect(throws: ScaffoldError.self) {
            try NameRules.validateAppName("schoolsite", project: "schoolsite", existingApps: [])
        }
        #expect(error?.code == .invalidName)
    }

    @Test func refusesExistingApp() {
        let error = #expect(throws: ScaffoldError.self) {
            try NameRules.validateAppName("exam", project: "schoolsite", existingApps: ["default", "base", "exam"])
        }
        #expect(error?.code == .alreadyExists)
        #expect(error?.detail == "app name 'exam' is already used in project 'schoolsite'")
    }

    @Test func normalizesHosts() throws {
        #expect(try NameRules.normalizedHost("SchoolSite.Localhost.") == "schoolsite.localhost")
        #expect(try NameRules.normalizedHost("school_site.localhost") == "school_site.localhost")
        #expect(try NameRules.normalizedHost("127.0.0.1") == "127.0.0.1")
    }

    @Test(arguments: ["", "http://x.org", "x.org:80", "-x.org", "x-.org", "a..b", "x.org/path", "x y", String(repeating: "a", count: 64) + ".org"])
    func refusesBadHosts(_ host: String) {
        let error = #expect(throws: ScaffoldError.self) { try NameRules.normalizedHost(host) }
        #expect(error?.code == .invalidName)
    }

    @Test func normalizesPrefixes() throws {
        #expect(try NameRules.normalizedPrefix("/school") == "/school")
        #expect(try NameRules.normalizedPrefix("/school-site/") == "/school-site")
    }

    @Test(arguments: ["", "/", "school", "/a/b", "//a", "/-a", "/a b", "/static", "/Admin", "/media/"])
    func refusesBadPrefixes(_ prefix: String) {
        let error = #expect(throws: ScaffoldError.self) { try NameRules.normalizedPrefix(prefix) }
        #expect(error?.code == .invalidName)
    }

    @Test func quotesScalarsYAMLWouldNotReadAsStrings() {
        #expect(YAMLScalar.string("exam") == "exam")
        #expect(YAMLScalar.string("yes") == "\"yes\"")
        #expect(YAMLScalar.string("Null") == "\"Null\"")
        #expect(YAMLScalar.string("127.0.0.1") == "\"127.0.0.1\"")
        #expect(YAMLScalar.string("schoolsite.localhost") == "schoolsite.localhost")
    }
}
