import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// One request to a page of a model view: what every admin page needs, and the dispatch to the page.
/// The pages themselves are in the extensions beside this file, one job each.
struct AdminRequest {
    /// Above this many rows a foreign key is typed (with search-as-you-type) instead of picked from a select.
    static let selectLimit = 200

    let admin: ModelAdmin
    let store: Store
    let data: SiteData
    let pages: PageRenderer
    let request: SiteRequest

    func respond(_ action: AdminAction) async throws -> Response {
        switch action {
        case .list: return try await list()
        case .create: return try await form(editing: nil)
        case .edit: return try await form(editing: try requestedID())
        case .details: return try await details()
        case .delete: return try await delete()
        case .bulk: return try await bulkDelete()
        case .export: return try await exportCSV()
        case .lookup: return try await lookup()
        }
    }

    var model: ModelSpec { admin.model }

    func url(_ action: AdminAction, _ values: [(String, String)] = []) throws -> String {
        try request.urls.url(for: action.endpoint(of: admin), values: values)
    }

    func requestedID() throws -> FieldValue {
        let text = request.form?["id"] ?? request.queryParameters["id"]
        guard let text, !text.isEmpty else { throw HTTPFailure(.badRequest, detail: "no id given") }
        do {
            return try FieldValue.string(text).converted(to: model.primaryKey, of: model.name)
        } catch {
            throw HTTPFailure(.badRequest, detail: "\(error)")
        }
    }

    /// The common context of the model pages.
    func context(_ extra: [String: Value]) throws -> [String: Value] {
        var values = extra
        values["admin_view"] = .dict([
            ("name", .string(admin.name)), ("endpoint", .string(admin.endpoint)), ("model", .string(model.name)),
            ("singular", .string(admin.singular)), ("plural", .string(admin.plural)),
            ("can_create", .bool(admin.options.canCreate)), ("can_edit", .bool(admin.options.canEdit)),
            ("can_delete", .bool(admin.options.canDelete)), ("can_view_details", .bool(admin.options.canViewDetails)),
            ("can_export", .bool(admin.options.canExport)),
            ("list_url", .string(try url(.list))), ("create_url", .string(try url(.create))),
            ("export_url", .string(try url(.export))), ("action_url", .string(try url(.bulk))),
        ])
        return values
    }

    func render(_ template: String, _ values: [String: Value], status: HTTPResponse.Status = .ok) throws -> Response {
        try pages.render(template, request, values: values, status: status)
    }
}
