/// admin.yaml for each app (its `ModelView` subclasses' options) and project.yaml's `admin:` (config.py's
/// `Admin(app, name=…)`, `reg_models` and `admin.add_view(View(Model, db.session, name=…, category=…))`).
struct AdminImport {
    private(set) var name: String?
    /// project.yaml's `admin: views:`, in registration order.
    private(set) var views: [YAMLValue] = []
    private(set) var options: [String: [(name: String, options: [YAMLValue.Entry])]] = [:]
    /// `QuestionChoiceAdminView` → `exam.QuestionChoiceAdminView`.
    private var viewOfClass: [String: String] = ["UserAdminView": "UserAdmin"]

    private static let copiedOptions: Set<String> = [
        "can_create", "can_edit", "can_delete", "can_view_details", "can_export", "page_size", "can_set_page_size",
        "column_list", "column_exclude_list", "column_labels", "column_searchable_list", "column_filters",
        "column_sortable_list", "form_columns", "form_excluded_columns", "inline_models",
    ]

    init(source: SakyumSource, report: inout ImportReport) {
        for app in source.apps {
            guard let module = source.module(app + "/admin.py") else { continue }
            for view in module.classes(deriving: ["ModelView", "BaseView"]) {
                viewOfClass[view.name] = "\(app).\(view.name)"
                options[app, default: []].append((view.name, Self.options(of: view.name, view.body, module: module, report: &report)))
            }
        }
        guard let config = source.module(source.package + "/config.py") else { return }
        readRegistrations(config.statements, module: config, report: &report)
    }

    func yaml(app: String) -> String? {
        guard let ofApp = options[app], !ofApp.isEmpty else { return nil }
        var document = YAMLDocument()
        document.comment("Admin views of the \(app) app, imported from sakyum (\(app)/admin.py). See docs/admin.md.\n"
                         + "project.yaml registers them under `admin: views:`. The admin is for admins only (is_admin or is_superuser).")
        for view in ofApp {
            document.blank()
            document.block(view.name, view.options)
        }
        return document.text
    }

    private static func options(of view: String, _ body: [PythonStatement], module: PythonModule, report: inout ImportReport) -> [YAMLValue.Entry] {
        var options: [YAMLValue.Entry] = []
        for statement in body {
            let location = module.location(statement.line)
            switch statement.kind {
            case .assign(let targets, let value):
                guard case .name(let key) = targets.first else { continue }
                if copiedOptions.contains(key) {
                    if let literal = literal(value) {
                        options.append(.init(key, literal))
                    } else {
                        report.note(.admin, location, "\(view).\(key) is computed in Python; not imported")
                    }
                } else if key == "column_default_sort" {
                    switch value {
                    case .string(let field): options.append(.init(key, .string(field)))
                    case .tuple(let pair) where pair.count == 2 && pair[0].stringValue != nil:
                        options.append(.init(key, .list([.string(pair[0].stringValue!), .string(pair[1] == .bool(true) ? "desc" : "asc")])))
                    default: report.note(.admin, location, "\(view).column_default_sort is not a field or (field, descending); not imported")
                    }
                } else {
                    report.note(.admin, location, "\(view).\(key) has no admin.yaml equivalent; not imported (see docs/admin.md for the options)")
                }
            case .functionDef("is_accessible", _, _, _):
                report.note(.access, location, "\(view).is_accessible let any logged-in user in; in sakyumd the admin is for admins only. "
                            + "Make a user an admin with `sakyumctl set-admin PROJECT USERNAME`")
            case .functionDef("inaccessible_callback", _, _, _):
                continue  // sakyumd sends a visitor who is not logged in to the login page with `next`, as this did.
            case .functionDef(let name, _, _, _):
                report.note(.admin, location, "\(view).\(name) is Python logic; not imported")
            default:
                continue
            }
        }
        return options
    }

    private static func literal(_ value: PythonExpression) -> YAMLValue? {
        if case .dict(let entries) = value {
            var map: [YAMLValue.Entry] = []
            for entry in entries {
                guard let key = entry.key.stringValue, let value = FormImport.literal(entry.value) else { return nil }
                map.append(.init(key, value))
            }
            return .map(map)
        }
        if case .list(let items) = value, items.allSatisfy({ $0.dottedName != nil }) {
            return .list(items.map { .string(String($0.dottedName!.split(separator: ".").last!)) })  // inline_models: [Model]
        }
        return FormImport.literal(value)
    }

    /// Walks config.py (the registrations sit inside `create_app` and `admin_runner`).
    private mutating func readRegistrations(_ statements: [PythonStatement], module: PythonModule, report: inout ImportReport) {
        for statement in statements {
            switch statement.kind {
            case .functionDef(_, _, _, let body), .block(_, let body):
                readRegistrations(body, module: module, report: &report)
            case .ifBlock(_, let body, let orElse):
                readRegistrations(body + orElse, module: module, report: &report)
            case .assign(let targets, let value):
                if value.calleeName?.hasSuffix("Admin") == true, let title = value.keyword("name")?.stringValue {
                    name = title
                } else if targets.contains(.name("reg_models")), case .list(let items) = value {
                    for item in items {
                        if let model = item.dottedName { views.append(.map([.init("model", .string(model))])) }
                    }
                }
            case .expression(let call) where call.calleeName?.hasSuffix("add_view") == true:
                guard let viewCall = call.positional.first, let viewClass = viewCall.calleeName,
                      let model = viewCall.positional.first?.dottedName else {
                    report.note(.admin, module.location(statement.line), "this admin.add_view(...) cannot be read; not imported")
                    continue
                }
                guard let view = viewOfClass[viewClass] ?? (viewClass == "ModelView" ? nil : "") else {
                    views.append(.map(entry(model: model, view: nil, viewCall)))
                    continue
                }
                if view.isEmpty {
                    report.note(.admin, module.location(statement.line), "admin view \(viewClass) is not defined in an app's admin.py; "
                                + "\(model) is registered with the default options")
                    views.append(.map(entry(model: model, view: nil, viewCall)))
                } else {
                    views.append(.map(entry(model: model, view: view, viewCall)))
                }
            default:
                continue
            }
        }
    }

    private func entry(model: String, view: String?, _ call: PythonExpression) -> [YAMLValue.Entry] {
        var entry: [YAMLValue.Entry] = [.init("model", .string(model))]
        if let view { entry.append(.init("view", .string(view))) }
        for key in ["name", "category", "endpoint"] {
            if let text = call.keyword(key)?.stringValue { entry.append(.init(key, .string(text))) }
        }
        return entry
    }
}
