/// The pages of a model view, at Flask-Admin's URLs and endpoint names (`ENDPOINT.index_view`, …).
enum AdminAction: String, CaseIterable, Sendable {
    case list = "index_view"
    case create = "create_view"
    case edit = "edit_view"
    case details = "details_view"
    case delete = "delete_view"
    /// Bulk actions from the list (Flask-Admin's `action_view`): delete the checked rows.
    case bulk = "action_view"
    case export
    case lookup = "ajax_lookup"

    /// The path under `/admin/ENDPOINT/`.
    var pathSuffix: String {
        switch self {
        case .list: ""
        case .create: "new/"
        case .edit: "edit/"
        case .details: "details/"
        case .delete: "delete/"
        case .bulk: "action/"
        case .export: "export/csv/"
        case .lookup: "ajax/lookup/"
        }
    }

    var methods: Set<String> {
        switch self {
        case .create, .edit, .delete: ["GET", "POST"]
        case .bulk: ["POST"]
        case .list, .details, .export, .lookup: ["GET"]
        }
    }

    func endpoint(of admin: ModelAdmin) -> String {
        "\(admin.endpoint).\(rawValue)"
    }
}
