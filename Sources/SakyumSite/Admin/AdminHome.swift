import Hummingbird
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The admin's home (`admin.index`): each model view with its row count and links, like Django's index.
struct AdminHome: Sendable {
    /// In registration order.
    let admins: [ModelAdmin]
    let data: SiteData
    let pages: PageRenderer

    func respond(to request: SiteRequest) async throws -> Response {
        try request.requireAdmin()
        let admins = self.admins, data = self.data
        // A model waiting for a migration is not read: its count is unknown until `db upgrade`.
        let counts: [Int?] = data.store == nil || admins.isEmpty ? admins.map { _ in nil } : try await data.snapshot { transaction, _ in
            try admins.map { admin in
                data.pendingModels[admin.model.name] == nil ? try transaction.count(Query(model: admin.model.name)) : nil
            }
        }
        let views: [Value] = try zip(admins, counts).map { admin, count in
            .dict([
                ("name", .string(admin.name)), ("category", admin.category.map(Value.string) ?? .none),
                ("url", .string(try request.url(AdminAction.list.endpoint(of: admin)))),
                ("create_url", admin.options.canCreate ? .string(try request.url(AdminAction.create.endpoint(of: admin))) : .none),
                ("singular", .string(admin.singular)),
                ("count", count.map(Value.int) ?? .none),
            ])
        }
        return try pages.render("admin/index.html", request, values: ["admin_views": .array(views)])
    }
}
