import Foundation
import Hummingbird
import SakyumSpec
import SakyumStore
import SakyumTemplates

extension AdminRequest {
    /// Search-as-you-type for a foreign key: `?name=FIELD&query=TEXT` → `[[id, "str"], …]` (20 at most).
    func lookup() async throws -> Response {
        let parameters = request.queryParameters
        guard let name = parameters["name"], let field = admin.formFields.first(where: { $0.name == name }), let reference = field.foreignKey,
              let related = AdminForm(admin: admin).relatedModel(of: field), let target = data.model(named: related) else {
            throw HTTPFailure(.badRequest, detail: "no foreign key field '\(parameters["name"] ?? "")' in this form")
        }
        let text = String((parameters["query"] ?? "").prefix(100))
        let searchable = target.fields.filter { $0.type.isText }.map(\.name)

        let items = try await data.snapshot { transaction, loader in
            let query = Query(model: related, search: text.isEmpty ? nil : text, searchColumns: searchable,
                              order: [Query.Order(reference.column)], limit: 20)
            return try transaction.all(query).map { row in
                [(row[reference.column] ?? .null).displayText, RecordObject(record: row, loader: loader).renderedText]
            }
        }
        var response = Response.json(String(decoding: try JSONEncoder().encode(items), as: UTF8.self))
        response.headers[.cacheControl] = "private, no-store"
        return response
    }
}
