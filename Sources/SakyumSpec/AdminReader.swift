/// Reads project.yaml's `admin.views` entries and an app's admin.yaml view options.
struct AdminReader {
    let log: DiagnosticLog

    static let optionKeys = [
        "can_create", "can_edit", "can_delete", "can_view_details", "can_export", "page_size", "can_set_page_size",
        "column_list", "column_exclude_list", "column_labels", "column_searchable_list", "column_filters",
        "column_default_sort", "column_sortable_list", "form_columns", "form_excluded_columns", "column_formatters", "singular", "inline_models", "limit_choices_to", "form_args",
    ]

    /// `- ModelName` or `- {model: M, view: app.View, name: N, category: C, endpoint: e}`.
    func readView(_ node: SpecNode) -> AdminViewSpec? {
        if let name = node.scalarText, node.isPlain {
            return AdminViewSpec(model: name, location: node.diagnostic(""))
        }
        guard let reader = MappingReader(node, log: log, what: "admin view") else { return nil }
        let model = reader.string("model", required: true)
        let view = reader.string("view")
        let name = reader.string("name")
        let category = reader.string("category")
        let endpoint = reader.string("endpoint")
        reader.finish(known: ["model", "view", "name", "category", "endpoint"])
        if let endpoint, !Identifier.isValid(endpoint) {
            reader.report("admin view: endpoint '\(endpoint)' must be letters, digits and '_'", at: "endpoint")
            return nil
        }
        guard let model else { return nil }
        return AdminViewSpec(model: model, view: view, name: name, category: category, endpoint: endpoint, location: node.diagnostic(""))
    }

    func readOptions(_ node: SpecNode, name: String) -> ModelViewOptions? {
        var options = ModelViewOptions(location: node.diagnostic(""))
        if node.isNull { return options }
        guard let reader = MappingReader(node, log: log, what: "admin view \(name)") else { return nil }
        for key in reader.keys where Self.optionKeys.contains(key) {
            options.locations[key] = reader.value(key)?.diagnostic("")
        }
        options.canCreate = reader.bool("can_create") ?? options.canCreate
        options.canEdit = reader.bool("can_edit") ?? options.canEdit
        options.canDelete = reader.bool("can_delete") ?? options.canDelete
        options.canViewDetails = reader.bool("can_view_details") ?? options.canViewDetails
        options.canExport = reader.bool("can_export") ?? options.canExport
        options.canSetPageSize = reader.bool("can_set_page_size") ?? options.canSetPageSize
        if let size = reader.int("page_size") {
            if (1...1000).contains(size) { options.pageSize = size } else { reader.report("admin view \(name): page_size must be 1 to 1000", at: "page_size") }
        }
        options.columnList = reader.strings("column_list")
        options.columnExcludeList = reader.strings("column_exclude_list") ?? []
        options.columnSearchableList = reader.strings("column_searchable_list") ?? []
        options.columnFilters = reader.strings("column_filters") ?? []
        options.columnSortableList = reader.strings("column_sortable_list")
        options.formColumns = reader.strings("form_columns")
        options.formExcludedColumns = reader.strings("form_excluded_columns") ?? []
        options.columnLabels = textMap(reader.value("column_labels"), key: "column_labels", view: name)
        options.columnFormatters = textMap(reader.value("column_formatters"), key: "column_formatters", view: name)
        options.singular = reader.string("singular")
        options.inlineModels = reader.strings("inline_models") ?? []
        if let args = reader.value("form_args"), !args.isNull {
            for (field, value) in args.entries ?? [] {
                guard let fieldName = field.scalarText, let argsReader = MappingReader(value, log: log, what: "form_args: \(fieldName)") else { continue }
                let validators = (argsReader.value("validators")?.items ?? []).compactMap {
                    FormReader(log: log, path: "admin.yaml").readValidator($0, what: "admin view \(name): form_args: \(fieldName)")
                }
                argsReader.finish(known: ["validators"])
                options.formValidators[fieldName] = validators
            }
            if args.entries == nil { reader.report("admin view \(name): form_args maps form fields to {validators: [...]}", at: "form_args") }
        }
        if let limits = reader.value("limit_choices_to"), !limits.isNull {
            for (field, value) in limits.entries ?? [] {
                guard let name = field.scalarText else { continue }
                options.limitChoicesTo[name] = textMap(value, key: "limit_choices_to: \(name)", view: name)
            }
            if limits.entries == nil { reader.report("admin view \(name): limit_choices_to maps foreign keys to {related field: form field}", at: "limit_choices_to") }
        }
        if let sort = reader.strings("column_default_sort") {
            switch sort.count {
            case 1: options.columnDefaultSort = (sort[0], false)
            case 2 where ["asc", "desc", "true", "false"].contains(sort[1].lowercased()):
                options.columnDefaultSort = (sort[0], ["desc", "true"].contains(sort[1].lowercased()))
            default:
                reader.report("admin view \(name): column_default_sort is a field, or [field, desc]", at: "column_default_sort")
            }
        }
        reader.finish(known: Self.optionKeys)
        return options
    }

    private func textMap(_ node: SpecNode?, key: String, view: String) -> [String: String] {
        guard let node, !node.isNull else { return [:] }
        guard let entries = node.entries else {
            log.report(node.diagnostic("admin view \(view): \(key) maps fields to texts"))
            return [:]
        }
        var map: [String: String] = [:]
        for (field, value) in entries {
            guard let name = field.scalarText, let text = value.scalarText else {
                log.report(value.diagnostic("admin view \(view): \(key) maps fields to texts"))
                continue
            }
            map[name] = text
        }
        return map
    }
}
