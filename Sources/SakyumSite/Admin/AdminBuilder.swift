import SakyumSpec
import SakyumTemplates

/// Resolves project.yaml's `admin.views` against the models and the apps' admin.yaml options.
/// Every unknown model, view or field is a diagnostic with the file and line where it is written.
struct AdminBuilder {
    let spec: ProjectSpec
    let templates: TemplateEnvironment

    func build(diagnostics: inout [Diagnostic]) -> [ModelAdmin] {
        var admins: [ModelAdmin] = []
        var endpoints: [String: Diagnostic] = [:]
        for view in spec.admin.views {
            guard let model = spec.model(named: view.model) else {
                let known = spec.models.map(\.name).joined(separator: ", ")
                diagnostics.append(view.location.with(message: "admin: there is no model '\(view.model)' (models: \(known))"))
                continue
            }
            guard let (options, isUserAdmin) = options(for: view, diagnostics: &diagnostics) else { continue }
            let endpoint = view.endpoint ?? model.name.lowercased()
            if let first = endpoints[endpoint] {
                diagnostics.append(view.location.with(message: "admin: model \(model.name) is registered twice under the endpoint '\(endpoint)' "
                                                      + "(first at line \(first.line)); give one an `endpoint:` or remove it"))
                continue
            }
            endpoints[endpoint] = view.location
            if let admin = resolve(view, model: model, options: options, endpoint: endpoint, isUserAdmin: isUserAdmin, diagnostics: &diagnostics) {
                admins.append(admin)
            }
        }
        return admins
    }

    private func options(for view: AdminViewSpec, diagnostics: inout [Diagnostic]) -> (ModelViewOptions, Bool)? {
        guard let name = view.view else { return (ModelViewOptions(location: view.location), false) }
        if name == "UserAdmin" {
            guard view.model == "User" else {
                diagnostics.append(view.location.with(message: "admin: UserAdmin is for the User model, not \(view.model)"))
                return nil
            }
            return (Self.userAdminOptions(location: view.location), true)
        }
        let parts = name.split(separator: ".")
        guard parts.count == 2, let app = spec.apps.first(where: { $0.name == parts[0] }),
              let options = app.adminViews.first(where: { $0.name == parts[1] })?.options else {
            let known = (["UserAdmin"] + spec.apps.flatMap { app in app.adminViewNames.map { "\(app.name).\($0)" } }).joined(separator: ", ")
            diagnostics.append(view.location.with(message: "admin: there is no admin view '\(name)' (write APP.View; known: \(known))"))
            return nil
        }
        return (options, false)
    }

    /// sakyum's UserAdminView: who the users are, never their password hash.
    static func userAdminOptions(location: Diagnostic) -> ModelViewOptions {
        var options = ModelViewOptions(location: location)
        options.columnList = ["username", "email", "date_joined", "is_admin", "is_superuser"]
        options.columnSearchableList = ["username", "email"]
        options.columnFilters = ["is_admin", "is_superuser", "date_joined"]
        options.columnDefaultSort = ("date_joined", true)
        options.formColumns = ["username", "email", "password", "user_img", "is_admin", "is_superuser"]
        options.canViewDetails = true
        return options
    }

    /// The User's columns UserAdmin's details leave out: the password hash, and sakyum's `authenticated`
    /// column, which nothing sets (being logged in is a session's state, not the row's).
    static let userFieldsNotShown: Set<String> = ["password", "authenticated"]

    private func resolve(_ view: AdminViewSpec, model: ModelSpec, options: ModelViewOptions, endpoint: String, isUserAdmin: Bool,
                         diagnostics: inout [Diagnostic]) -> ModelAdmin? {
        let before = diagnostics.count
        func fields(_ names: [String], key: String) -> [FieldSpec] {
            names.compactMap { name in
                guard let field = model.field(name) ?? model.relationship(name).flatMap({ model.field($0.foreignKey) }) else {
                    let known = model.fields.map(\.name).joined(separator: ", ")
                    diagnostics.append(options.location(of: key).with(message: "admin view of \(model.name): \(key): there is no field '\(name)' (fields: \(known))"))
                    return nil
                }
                return field
            }
        }
        let hidden = Set(fields(options.columnExcludeList, key: "column_exclude_list").map(\.name))
        let listed = options.columnList.map { fields($0, key: "column_list") }
            ?? model.fields.filter { !$0.primaryKey && !(isUserAdmin && $0.name == "password") }
        let columns = listed.filter { !hidden.contains($0.name) }.map { field in
            AdminColumn(field: field, model: model, options: options)
        }
        let detailColumns = model.fields.filter { !(isUserAdmin && AdminBuilder.userFieldsNotShown.contains($0.name)) }.map { field in
            AdminColumn(field: field, model: model, options: options)
        }
        let searchable = fields(options.columnSearchableList, key: "column_searchable_list")
        for field in searchable where !field.type.isText {
            diagnostics.append(options.location(of: "column_searchable_list").with(
                message: "admin view of \(model.name): column_searchable_list: '\(field.name)' is not a string or text field"))
        }
        let filters = fields(options.columnFilters, key: "column_filters").map { field -> AdminFilter in
            let relationship = model.manyToOne(through: field.name)
            let kind: AdminFilter.Kind
            if relationship != nil { kind = .related }
            else if !field.choices.isEmpty { kind = .choice }
            else {
                switch field.type {
                case .integer, .float: kind = .number
                case .date, .datetime: kind = .date
                case .boolean: kind = .boolean
                default: kind = .text
                }
            }
            return AdminFilter(field: field, kind: kind, relatedModel: relationship?.model,
                               label: ModelAdmin.label(of: field, model: model, options: options))
        }
        let sortable = Set((options.columnSortableList.map { fields($0, key: "column_sortable_list") } ?? columns.map(\.field)).map(\.name))
        var defaultSort = options.columnDefaultSort
        if let sort = defaultSort, model.field(sort.field) == nil {
            diagnostics.append(options.location(of: "column_default_sort").with(message: "admin view of \(model.name): column_default_sort: there is no field '\(sort.field)'"))
            defaultSort = nil
        }
        let excludedFromForm = Set(fields(options.formExcludedColumns, key: "form_excluded_columns").map(\.name))
        let formFields = (options.formColumns.map { fields($0, key: "form_columns") }
            ?? model.fields.filter { !$0.primaryKey || $0.type != .integer }).filter { !excludedFromForm.contains($0.name) }
        var formatters: [String: Template] = [:]
        for (field, source) in options.columnFormatters {
            guard model.field(field) != nil else {
                diagnostics.append(options.location(of: "column_formatters").with(message: "admin view of \(model.name): column_formatters: there is no field '\(field)'"))
                continue
            }
            do {
                formatters[field] = try templates.compile(source, name: "\(model.name).\(field).formatter.html")
            } catch {
                diagnostics.append(options.location(of: "column_formatters").with(message: "admin view of \(model.name): the formatter of \(field) is not a valid template: \(error)"))
            }
        }
        var inlines: [AdminInline] = []
        for name in options.inlineModels {
            guard let child = spec.model(named: name) else {
                diagnostics.append(options.location(of: "inline_models").with(message: "admin view of \(model.name): inline_models: there is no model '\(name)'"))
                continue
            }
            guard let inline = AdminInline(child: child, parent: model) else {
                diagnostics.append(options.location(of: "inline_models").with(
                    message: "admin view of \(model.name): inline_models: \(name) has no foreign key to \(model.table)"))
                continue
            }
            inlines.append(inline)
        }
        for (name, validators) in options.formValidators.sorted(by: { $0.key < $1.key }) where !formFields.contains(where: { $0.name == name }) {
            diagnostics.append((validators.first?.location ?? options.location(of: "form_args")).with(
                message: "admin view of \(model.name): form_args: the form has no field '\(name)'"))
        }
        var choiceLimits: [String: [(relatedField: FieldSpec, formField: FieldSpec)]] = [:]
        for (key, pairs) in options.limitChoicesTo.sorted(by: { $0.key < $1.key }) {
            func report(_ message: String) {
                diagnostics.append(options.location(of: "limit_choices_to").with(message: "admin view of \(model.name): limit_choices_to: \(message)"))
            }
            guard let field = model.field(key), field.foreignKey != nil,
                  let related = model.manyToOne(through: key).flatMap({ spec.model(named: $0.model) }) else {
                report("'\(key)' is not a foreign key with a relationship")
                continue
            }
            for (relatedName, formName) in pairs.sorted(by: { $0.key < $1.key }) {
                guard let relatedField = related.field(relatedName) else { report("\(related.name) has no field '\(relatedName)'"); continue }
                guard let formField = formFields.first(where: { $0.name == formName }) else { report("the form has no field '\(formName)'"); continue }
                choiceLimits[key, default: []].append((relatedField, formField))
            }
        }
        guard diagnostics.count == before else { return nil }
        return ModelAdmin(endpoint: endpoint, name: view.name ?? model.name, category: view.category, model: model, options: options,
                          listColumns: columns, detailColumns: detailColumns, searchable: searchable.map(\.name), filters: filters, sortable: sortable,
                          defaultSort: defaultSort, formFields: formFields, formatters: formatters, isUserAdmin: isUserAdmin,
                          inlines: inlines, validators: options.formValidators, choiceLimits: choiceLimits)
    }
}

extension FieldType {
    var isText: Bool {
        switch self {
        case .string, .text: true
        default: false
        }
    }
}
