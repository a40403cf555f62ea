import SakyumTemplates

enum AdminMenu {
    /// The menu of admin/master.html at `mount`: views grouped by category, in registration order.
    /// Built once per mount when the Site is made.
    static func value(_ admins: [ModelAdmin], routes: RouteTable, mount: SiteMount) -> Value {
        var items: [(name: String, url: String?, children: [(String, String)])] = []
        for admin in admins {
            let url = (try? routes.build(endpoint: AdminAction.list.endpoint(of: admin), values: [])).map { mount.scriptRoot + $0 } ?? ""
            if let category = admin.category {
                if let index = items.firstIndex(where: { $0.name == category && $0.url == nil }) {
                    items[index].children.append((admin.name, url))
                } else {
                    items.append((category, nil, [(admin.name, url)]))
                }
            } else {
                items.append((admin.name, url, []))
            }
        }
        return .array(items.map { item in
            .dict([
                ("name", .string(item.name)), ("url", item.url.map(Value.string) ?? .none),
                ("children", .array(item.children.map { .dict([("name", .string($0.0)), ("url", .string($0.1))]) })),
            ])
        })
    }
}
