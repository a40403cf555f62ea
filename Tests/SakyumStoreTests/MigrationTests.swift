import Foundation
import GRDB
import SakyumSpec
import SakyumTestSupport
import Testing
@testable import SakyumStore

/// A project database made by the Store from `MigrationProject.models`, with a few rows, and a Migrator on it.
struct MigrationProject {
    static let models = """
        AuthorModel:
          fields:
            id: {type: integer, primary_key: true}
            name: {type: string, length: 50, nullable: false}
            email: {type: string, length: 120}
        BookModel:
          fields:
            id: {type: integer, primary_key: true}
            title: {type: string, length: 100, nullable: false}
            author_id: {type: integer, foreign_key: author_model.id}
            pages: {type: integer}
        """

    let folder: TemporaryFolder
    let path: String
    let migrations: URL
    let migrator: Migrator
    let store: Store
    /// The cluster and database of a PostgreSQL project.
    let postgres: (server: PostgresServer, name: String)?

    init(in folder: TemporaryFolder, emails: [String?] = ["ada@example.org", "émile@example.org"], on backend: TestBackend = .sqlite) async throws {
        let database = try await folder.database(on: backend, models: Self.models)
        let store = database.store
        for (index, email) in emails.enumerated() {
            try await store.insert("AuthorModel", values: ["name": .string("author \(index + 1) ✓"), "email": email.map(FieldValue.string) ?? .null])
        }
        try await store.insert("BookModel", values: ["title": .string("Première"), "author_id": .integer(1), "pages": .integer(120)])
        try await store.insert("BookModel", values: ["title": .string("Second 月"), "author_id": .integer(2), "pages": .null])
        try await store.insert("BookModel", values: ["title": .string("Orphan"), "author_id": .null, "pages": .integer(7)])
        self.folder = folder
        self.store = store
        postgres = database.postgres
        path = store.path
        migrations = folder.url.appendingPathComponent("migrations-\(UUID().uuidString.prefix(8))")
        migrator = try Migrator(database: store.database, migrations: migrations)
    }

    /// The validated models of another models.yaml (loaded through a scratch project).
    func models(_ yaml: String) throws -> [ModelSpec] {
        try folder.database(models: yaml).store.models
    }

    /// Every table's rows, each value with its SQLite storage class, in rowid order (on PostgreSQL as psql
    /// prints them, in the order of the first column).
    func rows() throws -> [String: [[String]]] {
        if let (server, name) = postgres {
            var result: [String: [[String]]] = [:]
            for table in try server.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database: name).split(separator: "\n") {
                result[String(table)] = try server.psql("SELECT * FROM \(String(table).quotedIdentifier) ORDER BY 1", database: name)
                    .split(separator: "\n").map { [String($0)] }
            }
            return result
        }
        return try DatabaseQueue(path: path).read { db in
            var result: [String: [[String]]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid").map { row in
                    row.databaseValues.map { "\($0.storage)" }
                }
            }
            return result
        }
    }

    /// `sqlite_master`'s SQL of every table and index, by name (on PostgreSQL, pg_dump's schema as one entry).
    func schema() throws -> [String: String] {
        if let (server, name) = postgres { return ["pg_dump": try server.schemaDump(of: name)] }
        return try DatabaseQueue(path: path).read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    func writeRevision(_ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        try text.write(to: migrations.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}

/// `add_column book_model.isbn`: a step without the column details, for comparing plans.
func summary(_ step: MigrationStep) -> String {
    switch step {
    case .alterColumn(let table, _, let to): "alter_column \(table).\(to.name)"
    default: step.description
    }
}

@Suite final class SchemaDiffTests {
    let folder = TemporaryFolder()

    @Test func theStoresTablesAndSQLAlchemysMatchTheirModels() async throws {
        for copyingFixture in [false, true] {
            let store = try folder.database(copyingFixture: copyingFixture).store
            for model in store.models {
                #expect(TableSchema(model: model).createSQL() == TableDefinition(model: model).createTable)
            }
            let live = try await DatabaseQueue(path: store.path).read { try LiveSchema.tables(in: $0) }
            #expect(SchemaDiff(models: store.models, live: live).steps == [])
        }
    }

    static let changes: [(String, [String], [String])] = [
        ("AuthorModel", ["TagModel:\n  fields:\n    label: {type: string, length: 30, unique: true}"], ["create_table tag_model"]),
        ("BookModel", [], ["drop_table book_model"]),
        ("    isbn: {type: string, length: 13}", [], ["add_column book_model.isbn"]),
        ("    pages: {type: integer}", [], ["drop_column book_model.pages"]),
        ("    email: {type: string, length: 120}", ["    email: {type: string, length: 120, nullable: false}"], ["alter_column author_model.email"]),
        ("    pages: {type: integer}", ["    pages: {type: float}"], ["alter_column book_model.pages"]),
        ("    email: {type: string, length: 120}", ["    email: {type: string, length: 120, unique: true}"], ["alter_column author_model.email"]),
        ("    title: {type: string, length: 100, nullable: false}", ["    title: {type: string, length: 100, nullable: false, index: true}"], ["create_index ix_book_model_title"]),
        ("    author_id: {type: integer, foreign_key: author_model.id}", ["    author_id: {type: integer, foreign_key: author_model.id, on_delete: cascade}"], ["alter_column book_model.author_id"]),
        ("    author_id: {type: integer, foreign_key: author_model.id}", ["    author_id: {type: integer}"], ["alter_column book_model.author_id"]),
        ("    pages: {type: integer}", ["    page_count: {type: integer}"], ["drop_column book_model.pages", "add_column book_model.page_count"]),
    ]

    /// Each change of `changes`: the line it replaces (or, for a model name, the model it removes or follows)
    /// and what replaces it; then the steps autogenerate must find.
    static func changedModels(_ change: (String, [String], [String])) -> String {
        let (target, replacement, _) = change
        let lines = MigrationProject.models.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if target == "AuthorModel" { return (lines + replacement).joined(separator: "\n") }
        if target == "BookModel" { return lines.prefix { $0 != "BookModel:" }.joined(separator: "\n") }
        if target.contains("isbn") { return (lines + [target]).joined(separator: "\n") }
        guard let position = lines.firstIndex(of: target) else { return "" }
        return (lines[..<position] + replacement + lines[(position + 1)...]).joined(separator: "\n")
    }

    @Test(arguments: TestBackend.allCases, changes.indices)
    func autogeneratesEachKindOfChangeAndItRoundTrips(on backend: TestBackend, _ index: Int) async throws {
        let project = try await MigrationProject(in: folder, on: backend)
        let change = Self.changes[index]
        let changed = try project.models(Self.changedModels(change))
        let old = try project.models(MigrationProject.models)

        let revision = try await project.migrator.autogenerate(models: changed, message: "change \(index)")
        #expect(revision.upgrade.map(summary) == change.2)
        #expect(try await project.migrator.diff(models: changed).isPurelyAdditive == (index == 0 || index == 2))
        #expect(revision.downgrade == revision.upgrade.reversed().map(\.reversed))
        #expect(try RevisionReader(directory: project.migrations).revisions() == [revision])
        let text = try String(contentsOfFile: revision.file, encoding: .utf8)
        #expect(text.contains("# review: possible rename") == (change.2.count == 2))

        let before = try project.rows()
        try await project.migrator.upgrade()
        #expect(try await project.migrator.diff(models: changed).steps == [])
        #expect(try await project.migrator.current() == revision.id)
        let upgraded = try project.rows()

        try await project.migrator.downgrade(to: "-1")
        #expect(try await project.migrator.diff(models: old).steps == [])
        #expect(try await project.migrator.current() == nil)
        if !revision.upgrade.contains(where: \.losesData) {
            #expect(try project.rows().filter { $0.key != Migrator.versionTable } == before)
        }

        try await project.migrator.upgrade()
        #expect(try await project.migrator.diff(models: changed).steps == [])
        #expect(try project.rows() == upgraded)
    }

    @Test func renamesAreNeverGuessed() throws {
        let pages = TableSchema.Column(name: "pages", type: "INTEGER")
        let live = [TableSchema(name: "book", columns: [TableSchema.Column(name: "id", type: "INTEGER", nullable: false, primaryKey: true), pages])]
        var wanted = live
        wanted[0].columns[1].name = "page_count"
        let diff = SchemaDiff(wanted: wanted, live: live)
        #expect(diff.steps.map(\.description) == ["drop_column book.pages", "add_column book.page_count"])
        #expect(diff.reviews == [0: "possible rename: column book.pages → page_count", 1: "possible rename: column book.pages → page_count"])
    }

    @Test func tablesAreCreatedBeforeAndDroppedAfterTheirDependents() {
        let key = TableSchema.Column(name: "id", type: "INTEGER", nullable: false, primaryKey: true)
        let parent = TableSchema(name: "b_parent", columns: [key])
        let child = TableSchema(name: "a_child", columns: [key, TableSchema.Column(name: "parent_id", type: "INTEGER", foreignKey: .init(table: "b_parent", column: "id"))])
        #expect(SchemaDiff(wanted: [child, parent], live: []).steps.map(\.description) == ["create_table b_parent", "create_table a_child"])
        #expect(SchemaDiff(wanted: [], live: [child, parent]).steps.map(\.description) == ["drop_table a_child", "drop_table b_parent"])
    }
}

@Suite final class MigratorTests {
    let folder = TemporaryFolder()

    @Test(arguments: TestBackend.allCases) func upgradesAndDowngradesAlongTheChain(on backend: TestBackend) async throws {
        let project = try await MigrationProject(in: folder, on: backend)
        let openStore = Store(database: project.store.database, models: try project.models(MigrationProject.models))
        let first = try await project.migrator.autogenerate(
            models: try project.models(MigrationProject.models + "\n    isbn: {type: string, length: 13}"), message: "isbn")
        try await project.migrator.upgrade()
        let secondModels = try project.models(MigrationProject.models + "\n    isbn: {type: string, length: 13, index: true}\nTagModel:\n  fields:\n    label: {type: text}")
        let second = try await project.migrator.autogenerate(models: secondModels, message: "tags")
        #expect(second.parent == first.id)
        #expect(try project.migrator.history().map(\.id) == [second.id, first.id])

        await #expect(throws: MigrationError.notUpToDate(current: first.id, head: second.id)) {
            try await project.migrator.autogenerate(models: secondModels, message: "again")
        }
        #expect(try await project.migrator.upgrade().map(\.id) == [second.id])
        await #expect(throws: MigrationError.noChanges) {
            try await project.migrator.autogenerate(models: secondModels, message: "nothing")
        }
        #expect(try await project.migrator.downgrade(to: "base").map(\.id) == [second.id, first.id])
        #expect(try await project.migrator.current() == nil)
        #expect(try await project.migrator.upgrade(to: String(first.id.prefix(6))).map(\.id) == [first.id])
        #expect(try await project.migrator.current() == first.id)
        await #expect(throws: MigrationError.self) { try await project.migrator.downgrade(to: "-2") }
        #expect(try await project.migrator.upgrade(to: "head").map(\.id) == [second.id])
        #expect(try await project.migrator.downgrade(to: first.id).map(\.id) == [second.id])
        await #expect(throws: MigrationError.unknownRevision("nope")) { try await project.migrator.upgrade(to: "nope") }
        // A Store open on the file all along still reads and writes.
        try await openStore.insert("AuthorModel", values: ["name": .string("after")])
        #expect(try await openStore.count(Query(model: "AuthorModel")) == 3)
    }

    static let failingRevisions = [
        // The second step cannot copy a NULL email into a NOT NULL column.
        ("alter_column author_model.email", """
            id: f00000000001
            parent: null
            message: "email required"
            created: "2026-11-25 10:00:00"
            upgrade:
              - add_column:
                  table: book_model
                  column: {name: isbn, type: "VARCHAR(13)", nullable: true}
              - alter_column:
                  table: author_model
                  from: {name: email, type: "VARCHAR(120)", nullable: true}
                  to: {name: email, type: "VARCHAR(120)", nullable: false}
            downgrade: []
            """),
        // Book 1 has 120 pages and there is no author 120: foreign_key_check refuses.
        ("alter_column book_model.pages", """
            id: f00000000002
            parent: null
            message: "pages point at authors"
            created: "2026-11-25 10:00:00"
            upgrade:
              - create_index:
                  table: book_model
                  index: {name: ix_book_model_pages, columns: [pages], unique: false}
              - alter_column:
                  table: book_model
                  from: {name: pages, type: INTEGER, nullable: true}
                  to: {name: pages, type: INTEGER, nullable: true, foreign_key: {table: author_model, column: id}}
            downgrade: []
            """),
    ]

    @Test(arguments: TestBackend.allCases, failingRevisions.indices)
    func aFailingStepLeavesTheDatabaseExactlyAsItWas(on backend: TestBackend, _ index: Int) async throws {
        let project = try await MigrationProject(in: folder, emails: ["ada@example.org", nil], on: backend)
        let (step, text) = Self.failingRevisions[index]
        try project.writeRevision("f_fails.yaml", text)
        let schema = try project.schema(), rows = try project.rows()
        do {
            try await project.migrator.upgrade()
            Issue.record("the upgrade should fail")
        } catch {
            guard case .stepFailed(let revision, let failed, _) = error else { throw error }
            #expect(revision.hasPrefix("f0000000000"))
            #expect(failed.hasPrefix(step))
        }
        #expect(try project.schema() == schema)
        #expect(try project.rows() == rows)
        #expect(try await project.migrator.current() == nil)
    }

    static func revision(_ id: String, parent: String?) -> String {
        "id: \(id)\nparent: \(parent ?? "null")\nmessage: \"\(id)\"\ncreated: \"2026-11-25 10:00:00\"\nupgrade: []\ndowngrade: []\n"
    }

    @Test func brokenChainsAreRefusedWithTheirCause() async throws {
        let project = try await MigrationProject(in: folder)
        try project.writeRevision("a.yaml", Self.revision("aaaa", parent: nil))
        try project.writeRevision("b.yaml", Self.revision("bbbb", parent: "zzzz"))
        #expect(throws: MigrationError.missingParent(revision: "bbbb", parent: "zzzz", file: project.migrations.appendingPathComponent("b.yaml").path)) {
            try project.migrator.chain()
        }
        try project.writeRevision("b.yaml", Self.revision("bbbb", parent: "aaaa"))
        try project.writeRevision("c.yaml", Self.revision("cccc", parent: "aaaa"))
        #expect(throws: MigrationError.multipleHeads(["bbbb", "cccc"])) { try project.migrator.chain() }
        await #expect(throws: MigrationError.multipleHeads(["bbbb", "cccc"])) { try await project.migrator.upgrade() }
        try project.writeRevision("c.yaml", Self.revision("bbbb", parent: "aaaa"))
        #expect(throws: MigrationError.duplicateRevision(id: "bbbb", files: ["b.yaml", "c.yaml"].map { project.migrations.appendingPathComponent($0).path })) {
            try project.migrator.chain()
        }
        try FileManager.default.removeItem(at: project.migrations.appendingPathComponent("b.yaml"))
        try project.writeRevision("a.yaml", Self.revision("aaaa", parent: "cccc"))
        try project.writeRevision("c.yaml", Self.revision("cccc", parent: "aaaa"))
        try project.writeRevision("d.yaml", Self.revision("dddd", parent: nil))
        #expect(throws: MigrationError.cycle(["aaaa", "cccc"])) { try project.migrator.chain() }
        #expect(try await project.migrator.current() == nil)
    }
}

@Suite struct RevisionFileTests {
    @Test func whatTheWriterWritesReadsBackTheSame() throws {
        let key = TableSchema.Column(name: "id", type: "INTEGER", nullable: false, primaryKey: true)
        let owner = TableSchema.Column(name: "owner_id", type: "INTEGER", nullable: false, foreignKey: .init(table: "user", column: "id", onDelete: "SET NULL"))
        let table = TableSchema(name: "Tag", columns: [key, owner, TableSchema.Column(name: "label", type: "VARCHAR(30)", unique: true)],
                                indexes: [TableSchema.Index(name: "ix_tag_owner_id", columns: ["owner_id"], unique: false)])
        let steps: [MigrationStep] = [
            .createTable(table),
            .addColumn(table: "user", column: TableSchema.Column(name: "bio", type: "TEXT")),
            .alterColumn(table: "user", from: TableSchema.Column(name: "email", type: "VARCHAR(120)"), to: TableSchema.Column(name: "email", type: "VARCHAR(200)", nullable: false)),
            .createIndex(table: "user", index: TableSchema.Index(name: "ix_user_email", columns: ["email", "username"], unique: true)),
            .dropColumn(table: "user", column: TableSchema.Column(name: "old", type: "JSON")),
        ]
        let revision = Revision(id: "0123abcd", parent: "null", message: "tags: \"quoted\", émoji 🌕\nsecond line", created: "2026-11-25 10:00:00",
                                upgrade: steps, downgrade: steps.reversed().map(\.reversed), file: "m.yaml")
        #expect(try RevisionReader.parse(RevisionWriter.text(revision), file: "m.yaml") == revision)
    }

    @Test(arguments: [
        ("id: a\nparent: null\nupgrade: []\n", "m.yaml:1: 'downgrade' is missing (write [] for no steps)"),
        ("id: a\nparent: null\nupgrade:\n  - rename_table: {table: x}\ndowngrade: []\n", "m.yaml:4: unknown operation 'rename_table'"),
        ("id: a\nupgrade:\n  - add_column:\n      table: x\n      column: {name: \"a b\", type: TEXT}\ndowngrade: []\n", "m.yaml:5: 'a b' is not a valid name"),
        ("id: a\nupgrade:\n  - add_column:\n      table: x\n      column: {name: b, type: \"TEXT; DROP\"}\ndowngrade: []\n", "m.yaml:5: 'TEXT; DROP' is not an SQL type"),
        ("id: a\nupgrade: []\ndowngrade: []\nparnet: b\n", "m.yaml:4: unknown key 'parnet'"),
        ("id: [a\n", "m.yaml:2: not valid YAML"),
    ])
    func badFilesAreReportedWithTheirLine(_ text: String, _ expected: String) {
        #expect {
            _ = try RevisionReader.parse(text, file: "m.yaml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}
