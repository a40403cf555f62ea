import Foundation
import HummingbirdBcrypt
import SakyumSite
import SakyumSpec
import SakyumStore

/// A project written into a temporary folder (by `ProjectFixture`) and compiled in this process over its
/// own SQLite database, the way the daemon loads one: for tests of pages, forms, auth and the admin that
/// need no socket, signal or reload.
public final class TestProject: Sendable {
    public let folder: TemporaryFolder
    public let directory: URL
    public let database: StoreDatabase
    /// The project as it was compiled when the value was made; `compiled()` compiles it again.
    public let site: Site

    /// Project `name` as `ProjectFixture.write` makes it, plus `files` (relative path → text).
    public convenience init(name: String = "school", extraYAML: String = "", files: [String: String] = [:],
                            on backend: TestBackend = .sqlite) throws {
        try self.init(name: name, on: backend) { projects in
            try ProjectFixture.write(name: name, in: projects, extraYAML: extraYAML)
            for (path, text) in files {
                try TemporaryFolder.write(text, to: projects.appendingPathComponent(name).appendingPathComponent(path))
            }
        }
    }

    /// Project `name` as `write` makes it in the projects folder it is given (`AdminFixture.write`, say).
    /// On PostgreSQL, project.yaml's `database:` names a new database of the tests' private cluster.
    public init(name: String, on backend: TestBackend = .sqlite, writing write: (_ projects: URL) throws -> Void) throws {
        folder = TemporaryFolder("sakyum-site")
        try write(folder.url)
        directory = folder.url.appendingPathComponent(name)
        if backend == .postgres {
            try Self.setDatabase(try PostgresServer.shared().makeDatabase().url, in: directory)
        }
        let spec = try ProjectLoader(directory: directory).load()
        switch spec.database {
        case .sqlite(let file): database = try StoreDatabase(path: directory.appendingPathComponent(file).path)
        case .postgres(let location): database = try StoreDatabase(postgres: location, password: nil)
        }
        site = try SiteBuilder.load(directory: directory, database: database)
    }

    /// Writes `database: URL` into the project.yaml in `directory`, in place of the one it has.
    public static func setDatabase(_ url: String, in directory: URL) throws {
        let file = directory.appendingPathComponent("project.yaml")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("database:") }
        try (["database: \(url)"] + lines).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// A copy of the bundled examples/schoolsite, the sakyum tutorial.
    public static func schoolsite(on backend: TestBackend = .sqlite) throws -> TestProject {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/schoolsite")
        return try TestProject(name: "schoolsite", on: backend) { projects in
            try FileManager.default.copyItem(at: example, to: projects.appendingPathComponent("schoolsite"))
        }
    }

    /// The project compiled as it is on disk now.
    public func compiled() throws -> Site {
        try SiteBuilder.load(directory: directory, database: database)
    }

    /// Replaces `text` with `replacement` in the project's file at `path` (relative to the project); throws when
    /// `text` is not there, so an edit that no longer applies cannot leave a test passing on the unedited file.
    public func edit(_ path: String, replacing text: String, with replacement: String) throws {
        let file = directory.appendingPathComponent(path)
        let current = try String(contentsOf: file, encoding: .utf8)
        guard current.contains(text) else { throw TestFailure("\(path) has no '\(text)'") }
        try current.replacingOccurrences(of: text, with: replacement).write(to: file, atomically: true, encoding: .utf8)
    }

    /// What compiling the project as it is on disk now reports; throws when it compiles.
    public func loadDiagnostics() throws -> [Diagnostic] {
        do {
            _ = try compiled()
        } catch let error as ProjectLoadError {
            return error.diagnostics
        }
        throw TestFailure("the project compiled")
    }

    /// A user whose password is hashed at bcrypt's lowest cost, so tests spend no time on it; logging in
    /// checks it like any other hash.
    public func addUser(_ username: String, email: String, password: String, admin: Bool = true) async throws {
        guard let accounts = site.accounts else { throw TestFailure("project has no database") }
        _ = try await accounts.store.insert("User", values: [
            "username": .string(username), "email": .string(email), "password": .string(Bcrypt.hash(password, cost: 4)),
            "is_admin": .boolean(admin), "is_superuser": .boolean(admin),
        ])
    }
}
