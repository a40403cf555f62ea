import Foundation
import SakyumSpec
import SakyumTestSupport
import Testing
@testable import SakyumStore

/// What loading a project does to its database: `create_all` for new tables, `--dev` additions, the rest pending.
@Suite final class SchemaSyncTests {
    let folder = TemporaryFolder()

    @Test func newTablesAreCreatedAndChangedOnesWaitForAMigration() async throws {
        let project = try await MigrationProject(in: folder)
        let before = try project.rows()
        let changed = try project.models(MigrationProject.models
            .replacingOccurrences(of: "    pages: {type: integer}", with: "    pages: {type: integer}\n    isbn: {type: string, length: 13}\n    shelf: {type: integer, nullable: false}")
            .replacingOccurrences(of: "    email: {type: string, length: 120}", with: "    email: {type: string, length: 200}")
            + "\nShelfModel:\n  fields:\n    id: {type: integer, primary_key: true}\n")
        let database = try StoreDatabase(path: project.path)

        let status = try database.synchronize(models: changed, applyingAdditive: false)
        #expect(status.createdTables == ["shelf_model"])
        #expect(status.applied.isEmpty)
        #expect(status.pending.map(summary) == [
            "alter_column author_model.email", "add_column book_model.isbn", "add_column book_model.shelf",
        ])
        #expect(status.affectedModels == ["AuthorModel", "BookModel"])
        var after = try project.rows()
        #expect(after["shelf_model"] == [])
        after["shelf_model"] = nil
        #expect(after == before, "existing rows are untouched")

        // --dev adds the nullable column; the NOT NULL one and the type change still wait.
        let dev = try database.synchronize(models: changed, applyingAdditive: true)
        #expect(dev.createdTables == [])
        #expect(dev.applied.map(summary) == ["add_column book_model.isbn"])
        #expect(dev.pending.map(summary) == ["alter_column author_model.email", "add_column book_model.shelf"])
        #expect(try database.synchronize(models: changed, applyingAdditive: true).applied.isEmpty)
        try database.close()
    }

    @Test func tablesTheModelsNoLongerHaveAreNeverDropped() async throws {
        let project = try await MigrationProject(in: folder)
        let withoutBooks = try project.models(String(MigrationProject.models.prefix { $0 != "B" }))
        let status = try StoreDatabase(path: project.path).synchronize(models: withoutBooks, applyingAdditive: true)
        #expect(status.pending.map(summary) == ["drop_table book_model"])
        #expect(status.affectedModels == [])
        #expect(try project.rows()["book_model"]?.count == 3)
    }
}
