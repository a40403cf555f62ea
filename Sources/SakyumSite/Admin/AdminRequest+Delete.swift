import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Details of one row, and deleting one or many after a confirmation page.
extension AdminRequest {
    func details() async throws -> Response {
        guard admin.options.canViewDetails else { throw HTTPFailure(.forbidden, detail: "can_view_details is off for \(admin.name)") }
        let id = try requestedID()
        let admin = self.admin, model = self.model
        let fields: [Value]? = try await data.snapshot { transaction, loader in
            guard let record = try transaction.get(model.name, id: id) else { return nil }
            return try admin.detailColumns.map { column in
                .dict([("label", .string(column.label)),
                       ("value", try AdminRequest.cell(record, column: column, admin: admin, loader: loader))])
            }
        }
        guard let fields else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Response.redirect(try url(.list))
        }
        return try render("admin/model/details.html", try context([
            "details": .array(fields), "row_id": .string(id.displayText),
            "edit_url": .string(try url(.edit, [("id", id.displayText)])),
            "delete_url": .string(try url(.delete, [("id", id.displayText)])),
        ]))
    }

    /// GET: a page asking to confirm; POST (id, CSRF): delete it.
    func delete() async throws -> Response {
        guard admin.options.canDelete else { throw HTTPFailure(.forbidden, detail: "can_delete is off for \(admin.name)") }
        let id = try requestedID()
        return try await confirmOrDelete([id])
    }

    /// POST from the list: `action=delete` with `rowid` values; confirmed on a second page.
    func bulkDelete() async throws -> Response {
        guard let form = request.form else { throw HTTPFailure(.methodNotAllowed, headers: [.allow: "POST"]) }
        guard form["action"] == "delete" else { throw HTTPFailure(.badRequest, detail: "unknown action '\(form["action"] ?? "")'") }
        guard admin.options.canDelete else { throw HTTPFailure(.forbidden, detail: "can_delete is off for \(admin.name)") }
        let ids = try form.values.filter { $0.name == "rowid" }.prefix(1000).map { item in
            do {
                return try FieldValue.string(item.value).converted(to: model.primaryKey, of: model.name)
            } catch {
                throw HTTPFailure(.badRequest, detail: "\(error)")
            }
        }
        guard !ids.isEmpty else {
            request.visitor.session.flash("Please select at least one record.", category: "error")
            return Response.redirect(try url(.list))
        }
        return try await confirmOrDelete(ids)
    }

    private func confirmOrDelete(_ ids: [FieldValue]) async throws -> Response {
        let model = self.model
        if let form = request.form, form["confirmed"] == "1" {
            let deleted: Int
            do {
                deleted = try await store.transaction { transaction in
                    var count = 0
                    for id in ids where try transaction.get(model.name, id: id) != nil {
                        try transaction.delete(model.name, id: id)
                        count += 1
                    }
                    return count
                }
            } catch let error as StoreError {
                guard case .constraintViolation(let message) = error else { throw error }
                request.visitor.session.flash("Nothing was deleted: \(message)", category: "error")
                return Response.redirect(try url(.list))
            }
            request.visitor.session.flash(deleted == 1 ? "Record was successfully deleted." : "\(deleted) records were successfully deleted.",
                                          category: "success")
            return Response.redirect(try url(.list))
        }
        let models = store.models
        let (rows, dependents): ([Value], [Value]) = try await data.snapshot { transaction, loader in
            let records = try ids.compactMap { try transaction.get(model.name, id: $0) }
            let rows: [Value] = records.map { record in
                .dict([("id", .string(record.id.displayText)), ("text", .string(RecordObject(record: record, loader: loader).renderedText))])
            }
            return (rows, try AdminRequest.dependents(of: records, model: model, models: models, transaction: transaction))
        }
        guard !rows.isEmpty else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Response.redirect(try url(.list))
        }
        let single = request.form == nil
        return try render("admin/model/delete.html", try context([
            "rows": .array(rows),
            "confirm_url": .string(single ? try url(.delete) : try url(.bulk)),
            "single": .bool(single), "dependents": .array(dependents),
        ]))
    }

    /// What deleting `records` does to the rows of other tables that point at them, one entry per table
    /// and foreign key, as Django's confirmation lists them: deleted with them (ON DELETE CASCADE), kept
    /// with the link emptied (SET NULL), or in the way, so that nothing is deleted (the default).
    static func dependents(of records: [Record], model: ModelSpec, models: [ModelSpec], transaction: StoreTransaction) throws -> [Value] {
        var found: [Value] = []
        for other in models {
            for field in other.fields {
                guard let reference = field.foreignKey, reference.table == model.table else { continue }
                let keys = records.compactMap { $0[reference.column] }.filter { !$0.isNull }
                guard !keys.isEmpty else { continue }
                let count = try transaction.count(Query(model: other.name, filters: [.in(field.name, keys)]))
                guard count > 0 else { continue }
                let relationship = model.relationships.first { $0.kind == .oneToMany && $0.model == other.name && $0.foreignKey == field.name }
                let effect = switch reference.onDelete {
                case .cascade: "deleted with \(records.count == 1 ? "it" : "them")"
                case .setNull, .setDefault: "kept, no longer linked"
                case .restrict, .noAction, nil: "in the way: nothing will be deleted until they are deleted or moved"
                }
                found.append(.dict([
                    ("count", .int(count)),
                    ("name", .string((relationship?.name ?? other.name).replacingOccurrences(of: "_", with: " "))),
                    ("effect", .string(effect)),
                    ("blocks", .bool(reference.onDelete == nil || reference.onDelete == .restrict || reference.onDelete == .noAction)),
                ]))
            }
        }
        return found
    }
}
