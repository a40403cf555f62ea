import SakyumSpec
import SakyumTestSupport
import Testing
@testable import SakyumStore

/// Rows share their model's `RecordLayout`; equality and hashing must not depend on which layout a row holds.
@Suite final class RecordTests {
    let folder = TemporaryFolder()

    @Test func rowsOfOneModelShareALayoutAndReadTheirFieldsByName() async throws {
        let store = try folder.database().store
        try await store.insert("ExamQuestionModel", values: ["question_text": .string("first?")])
        try await store.insert("ExamQuestionModel", values: ["question_text": .string("second?")])
        let rows = try await store.all(Query(model: "ExamQuestionModel", order: [Query.Order("id")]))
        #expect(rows.count == 2)
        #expect(rows[0].layout === rows[1].layout, "one layout per model and Store, not one per row")
        #expect(rows[0].model.name == "ExamQuestionModel")
        #expect(rows[0]["question_text"] == .string("first?"))
        #expect(rows[1].id == .integer(2))
        #expect(rows[0]["no_such_field"] == nil)
        #expect(rows[0].fields.map(\.name) == rows[0].model.fields.map(\.name))
    }

    @Test func equalityAndHashingIgnoreWhichLayoutARowHolds() async throws {
        let store = try folder.database().store
        try await store.insert("ExamQuestionModel", values: ["question_text": .string("same?")])
        let read = try #require(try await store.first(Query(model: "ExamQuestionModel")))
        let made = Record(model: read.model, values: read.values)
        #expect(made.layout !== read.layout)
        #expect(made == read)
        #expect(Set([made, read]).count == 1)
        let other = Record(model: read.model, values: read.values.map { $0 == .string("same?") ? .string("other?") : $0 })
        #expect(other != read)
    }
}
