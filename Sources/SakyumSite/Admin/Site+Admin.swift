import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Flask-Admin's model views at its URLs: `/admin/ENDPOINT/` (list), `new/`, `edit/?id=`, `details/?id=`,
/// `delete/` (a confirmation page, then POST), `action/` (bulk delete), `export/csv/`, `ajax/lookup/`.
/// Every one is for admins only; every change is one transaction.
extension Site {
    static let adminActions: [(suffix: String, action: String, methods: Set<String>)] = [
        ("", "index_view", ["GET"]),
        ("new/", "create_view", ["GET", "POST"]),
        ("edit/", "edit_view", ["GET", "POST"]),
        ("details/", "details_view", ["GET"]),
        ("delete/", "delete_view", ["GET", "POST"]),
        ("action/", "action_view", ["POST"]),
        ("export/csv/", "export", ["GET"]),
        ("ajax/lookup/", "ajax_lookup", ["GET"]),
    ]

    /// Above this many rows a foreign key is typed (with search-as-you-type) instead of picked from a select.
    static let selectLimit = 200

    func adminResponse(_ endpoint: String, request: SiteRequest) async throws -> Response? {
        let parts = endpoint.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let admin = admins[String(parts[0])] else { return nil }
        try requireAdmin(request)
        guard let store = data.store else { throw HTTPFailure(503, detail: "the project has no database") }
        try data.checkMigrated(admin.model.name)
        let view = AdminView(site: self, admin: admin, store: store, request: request)
        switch parts[1] {
        case "index_view": return try await view.list()
        case "create_view": return try await view.form(editing: nil)
        case "edit_view": return try await view.form(editing: try view.requestedID())
        case "details_view": return try await view.details()
        case "delete_view": return try await view.delete()
        case "action_view": return try await view.bulkDelete()
        case "export": return try await view.exportCSV()
        case "ajax_lookup": return try await view.lookup()
        default: return nil
        }
    }

    /// The menu of admin/master.html at `mount`: views grouped by category, in registration order.
    /// Built once per mount when the Site is made.
    static func adminMenu(_ admins: [ModelAdmin], routes: RouteTable, mount: SiteMount) -> Value {
        var items: [(name: String, url: String?, children: [(String, String)])] = []
        for admin in admins {
            let url = (try? routes.build(endpoint: "\(admin.endpoint).index_view", values: [])).map { mount.scriptRoot + $0 } ?? ""
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

/// One admin request on one model view.
struct AdminView {
    let site: Site
    let admin: ModelAdmin
    let store: Store
    let request: SiteRequest

    var model: ModelSpec { admin.model }

    func url(_ action: String, _ values: [(String, String)] = []) throws -> String {
        try request.urls.url(for: "\(admin.endpoint).\(action)", values: values)
    }

    func requestedID() throws -> FieldValue {
        let text = request.form?["id"] ?? request.exchange.queryParameters["id"]
        guard let text, !text.isEmpty else { throw HTTPFailure(400, detail: "no id given") }
        do {
            return try FieldValue.string(text).converted(to: model.primaryKey, of: model.name)
        } catch {
            throw HTTPFailure(400, detail: "\(error)")
        }
    }

    /// The common context of the model pages.
    private func context(_ extra: [String: Value]) throws -> [String: Value] {
        var values = extra
        values["admin_view"] = .dict([
            ("name", .string(admin.name)), ("endpoint", .string(admin.endpoint)), ("model", .string(model.name)),
            ("can_create", .bool(admin.options.canCreate)), ("can_edit", .bool(admin.options.canEdit)),
            ("can_delete", .bool(admin.options.canDelete)), ("can_view_details", .bool(admin.options.canViewDetails)),
            ("can_export", .bool(admin.options.canExport)),
            ("list_url", .string(try url("index_view"))), ("create_url", .string(try url("create_view"))),
            ("export_url", .string(try url("export"))), ("action_url", .string(try url("action_view"))),
        ])
        return values
    }

    private func render(_ template: String, _ values: [String: Value], status: HTTPResponse.Status = .ok) throws -> Response {
        try site.render(template, request, endpoint: "\(admin.endpoint).index_view", values: values, status: status)
    }

    // MARK: - List

    func list() async throws -> Response {
        let query = try AdminListQuery(request.exchange.queryItems, admin: admin)
        let storeQuery = try query.storeQuery(for: admin)
        let base = try url("index_view")
        let rowURLs = (edit: try url("edit_view"), details: try url("details_view"), delete: try url("delete_view"))
        let admin = self.admin, data = site.data
        let (page, rows, filterOptions) = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            let page = try transaction.page(storeQuery)
            _ = loader.objects(page.records)  // their foreign keys load in one query per column
            let rows: [Value] = try page.records.map { record in
                let id = record.id.displayText
                return .dict([
                    ("id", .string(id)),
                    ("cells", .array(try admin.listColumns.map { try AdminView.cell(record, column: $0, admin: admin, loader: loader) })),
                    ("edit_url", .string(rowURLs.edit + "?id=" + PercentEncoding.encodeQueryComponent(id))),
                    ("details_url", .string(rowURLs.details + "?id=" + PercentEncoding.encodeQueryComponent(id))),
                    ("delete_url", .string(rowURLs.delete + "?id=" + PercentEncoding.encodeQueryComponent(id))),
                ])
            }
            var options: [String: [(String, String)]] = [:]
            for filter in admin.filters {
                options[filter.field.name] = try AdminView.choices(for: filter.field, related: filter.relatedModel, admin: admin,
                                                                   transaction: transaction, loader: loader)
            }
            if let failure = loader.failure { throw failure }
            return (page, rows, options)
        }
        let pages = max(1, (page.total + query.pageSize - 1) / query.pageSize)
        guard query.page < pages else { throw HTTPFailure(404, detail: "there is no page \(query.page)") }
        let columns: [Value] = admin.listColumns.enumerated().map { index, column in
            let sorted = query.sortColumn == index
            let sortable = admin.sortable.contains(column.field.name)
            return .dict([
                ("name", .string(column.field.name)), ("label", .string(admin.label(column.relationship?.name ?? column.field.name))),
                ("sortable", .bool(sortable)), ("sorted", .bool(sorted)), ("desc", .bool(sorted && query.descending)),
                ("sort_url", sortable ? .string(query.url(base: base, page: 0, sort: .some((index, sorted && !query.descending)))) : .none),
            ])
        }
        let filters: [Value] = admin.filters.map { filter in
            let active = query.filters.first { $0.filter.field.name == filter.field.name }
            return .dict([
                ("name", .string(filter.field.name)), ("kind", .string(filter.kind.rawValue)),
                ("label", .string(admin.label(admin.listColumns.first { $0.field.name == filter.field.name }?.relationship?.name ?? filter.field.name))),
                ("operations", .array(filter.operations.map { .dict([("op", .string($0.op)), ("label", .string($0.label)),
                                                                    ("selected", .bool(active?.op == $0.op))]) })),
                ("value", .string(active?.value ?? "")),
                ("options", filterOptions[filter.field.name].map { .array($0.map { .dict([("value", .string($0.0)), ("label", .string($0.1))]) }) } ?? .none),
            ])
        }
        let pageLinks: [Value] = Pagination(items: [], page: query.page + 1, perPage: query.pageSize, total: page.total)
            .pageLinks(leftEdge: 2, leftCurrent: 2, rightCurrent: 3, rightEdge: 2).map { link in
                guard case .int(let number) = link else { return .none }
                return .dict([("number", .int(number)), ("url", .string(query.url(base: base, page: number - 1))),
                              ("current", .bool(number == query.page + 1))])
            }
        return try render("admin/model/list.html", try context([
            "columns": .array(columns), "rows": .array(rows), "count": .int(page.total),
            "page": .int(query.page), "pages": .int(pages), "page_links": .array(pageLinks),
            "search": .string(query.search ?? ""), "search_supported": .bool(!admin.searchable.isEmpty),
            "search_placeholder": .string("Search: " + admin.searchable.map(admin.label).joined(separator: ", ")),
            "filters": .array(filters), "clear_url": .string(query.url(base: base, page: 0, dropFilters: true)),
        ]))
    }

    /// A list cell: a foreign key through its row's `str`, a formatter's output, or the value as Python prints it.
    static func cell(_ record: Record, column: AdminColumn, admin: ModelAdmin, loader: RowLoader) throws -> Value {
        let value = record[column.field.name] ?? .null
        if let formatter = admin.formatters[column.field.name] {
            let html = try formatter.render(context: ["value": value.templateValue, "row": loader.object(record), "model": loader.object(record)])
            return .markup(Markup(safe: html))
        }
        if let relationship = column.relationship {
            guard case .object(let related)? = loader.value(of: relationship, for: record) else { return .string("") }
            return .string(related.renderedText)
        }
        switch value {
        case .null: return .string("")
        case .boolean(let flag): return .string(flag ? "Yes" : "No")
        default:
            if let choice = column.field.choices.first(where: { FieldValue($0.value).displayText == value.displayText }) {
                return .string(choice.label)
            }
            return .string(value.displayText)
        }
    }

    /// Options of a select: a foreign key's related rows (by their `str`), a field's choices, or yes/no.
    /// Nil when a related table is too large for a select (the input is typed, with lookup).
    static func choices(for field: FieldSpec, related: String?, admin: ModelAdmin, transaction: StoreTransaction,
                        loader: RowLoader) throws -> [(String, String)]? {
        if let related, let reference = field.foreignKey {
            guard try transaction.count(Query(model: related)) <= Site.selectLimit else { return nil }
            return try loader.choices(of: related, valueColumn: reference.column).map { ($0.value, $0.label) }
        }
        if !field.choices.isEmpty {
            return field.choices.map { (FieldValue($0.value).displayText, $0.label) }
        }
        if field.type == .boolean { return [("1", "Yes"), ("0", "No")] }
        return nil
    }

    // MARK: - Create and edit

    func form(editing id: FieldValue?) async throws -> Response {
        if id == nil, !admin.options.canCreate { throw HTTPFailure(403, detail: "can_create is off for \(admin.name)") }
        if id != nil, !admin.options.canEdit { throw HTTPFailure(403, detail: "can_edit is off for \(admin.name)") }
        let admin = self.admin, model = self.model
        let submitted = request.form
        let isUserAdmin = admin.isUserAdmin
        // Passwords are hashed before the transaction (bcrypt takes a quarter of a second).
        var passwordHash: String?
        if isUserAdmin, let password = submitted?["password"], !password.isEmpty {
            guard password.count >= 6 else {
                return try await renderForm(id: id, submitted: submitted, extraErrors: ["password": ["Password must be not less than 6 character"]])
            }
            passwordHash = try await PasswordHasher.hash(password)
        }
        if let submitted {
            let hash = passwordHash
            let outcome: (record: Record?, form: AdminForm) = try await store.transaction { transaction in
                let existing = try id.map { id throws in
                    guard let row = try transaction.get(model.name, id: id) else { throw HTTPFailure(404, detail: "\(model.name) \(id.displayText) does not exist") }
                    return row
                }
                var form = AdminForm(admin: admin, record: existing)
                guard var values = try form.read(submitted, existing: existing, transaction: transaction) else { return (nil, form) }
                if isUserAdmin { values["password"] = hash.map(FieldValue.string) }
                if isUserAdmin && values["password"] == nil { values.removeValue(forKey: "password") }
                do {
                    if let existing {
                        return (try transaction.update(model.name, id: existing.id, values: values), form)
                    }
                    return (try transaction.insert(model.name, values: values), form)
                } catch let error as StoreError {
                    guard case .constraintViolation(let message) = error else { throw error }
                    form.formErrors.append("The database refused the change: \(message)")
                    return (nil, form)
                }
            }
            guard let saved = outcome.record else {
                return try await renderForm(id: id, form: outcome.form, status: .unprocessableContent)
            }
            request.visitor.session.flash(id == nil ? "Record was successfully created." : "Record was successfully saved.", category: "success")
            if submitted["_add_another"] != nil { return Site.redirect(try url("create_view")) }
            if submitted["_continue_editing"] != nil { return Site.redirect(try url("edit_view", [("id", saved.id.displayText)])) }
            return Site.redirect(try url("index_view"))
        }
        return try await renderForm(id: id, submitted: nil)
    }

    private func renderForm(id: FieldValue?, submitted: FormFields?, extraErrors: [String: [String]] = [:]) async throws -> Response {
        let admin = self.admin, model = self.model
        var form = try await store.read { transaction in
            let existing = try id.flatMap { try transaction.get(model.name, id: $0) }
            return AdminForm(admin: admin, record: existing)
        }
        if let submitted {
            for field in admin.formFields where !(admin.isUserAdmin && field.name == "password") {
                form.texts[field.name] = submitted[field.name] ?? ""
            }
        }
        form.errors.merge(extraErrors) { $0 + $1 }
        return try await renderForm(id: id, form: form, status: extraErrors.isEmpty ? .ok : .unprocessableContent)
    }

    private func renderForm(id: FieldValue?, form: AdminForm, status: HTTPResponse.Status) async throws -> Response {
        let admin = self.admin, data = site.data, model = self.model
        let options: [String: [(value: String, label: String)]]? = try await store.snapshot { transaction in
            // The row may have been deleted meanwhile: then there is no form to show.
            if let id, try transaction.get(model.name, id: id) == nil { return nil }
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            var options: [String: [(value: String, label: String)]] = [:]
            for field in admin.formFields {
                let related = form.relatedModel(of: field)
                if let choices = try AdminView.choices(for: field, related: related, admin: admin, transaction: transaction, loader: loader),
                   field.type != .boolean || !field.choices.isEmpty {
                    options[field.name] = (field.nullable ? [("", "")] : []) + choices.map { (value: $0.0, label: $0.1) }
                }
            }
            return options
        }
        guard let options else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Site.redirect(try url("index_view"))
        }
        let action = id == nil ? try url("create_view") : try url("edit_view", [("id", id!.displayText)])
        return try render(id == nil ? "admin/model/create.html" : "admin/model/edit.html", try context([
            "form_fields": form.templateValue(options: options),
            "form_errors": .array(form.formErrors.map(Value.string)),
            "form_action": .string(action),
            "lookup_url": .string(try url("ajax_lookup")),
            "row_id": id.map { .string($0.displayText) } ?? .none,
            "delete_url": id.map { .string((try? url("delete_view", [("id", $0.displayText)])) ?? "") } ?? .none,
        ]), status: status)
    }

    // MARK: - Details, delete, bulk delete, export, lookup

    func details() async throws -> Response {
        guard admin.options.canViewDetails else { throw HTTPFailure(403, detail: "can_view_details is off for \(admin.name)") }
        let id = try requestedID()
        let admin = self.admin, data = site.data, model = self.model
        let fields: [Value]? = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            guard let record = try transaction.get(model.name, id: id) else { return nil }
            let columns = model.fields.filter { !(admin.isUserAdmin && $0.name == "password") }.map { field in
                AdminColumn(field: field, relationship: model.relationships.first { $0.kind == .manyToOne && $0.foreignKey == field.name })
            }
            return try columns.map { column in
                .dict([("label", .string(admin.label(column.field.name))),
                       ("value", try AdminView.cell(record, column: column, admin: admin, loader: loader))])
            }
        }
        guard let fields else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Site.redirect(try url("index_view"))
        }
        return try render("admin/model/details.html", try context([
            "details": .array(fields), "row_id": .string(id.displayText),
            "edit_url": .string(try url("edit_view", [("id", id.displayText)])),
            "delete_url": .string(try url("delete_view", [("id", id.displayText)])),
        ]))
    }

    /// GET: a page asking to confirm; POST (id, CSRF): delete it.
    func delete() async throws -> Response {
        guard admin.options.canDelete else { throw HTTPFailure(403, detail: "can_delete is off for \(admin.name)") }
        let id = try requestedID()
        return try await confirmOrDelete([id])
    }

    /// POST from the list: `action=delete` with `rowid` values; confirmed on a second page.
    func bulkDelete() async throws -> Response {
        guard let form = request.form else { throw HTTPFailure(405) }
        guard form["action"] == "delete" else { throw HTTPFailure(400, detail: "unknown action '\(form["action"] ?? "")'") }
        guard admin.options.canDelete else { throw HTTPFailure(403, detail: "can_delete is off for \(admin.name)") }
        let ids = try form.values.filter { $0.name == "rowid" }.prefix(1000).map { item in
            do {
                return try FieldValue.string(item.value).converted(to: model.primaryKey, of: model.name)
            } catch {
                throw HTTPFailure(400, detail: "\(error)")
            }
        }
        guard !ids.isEmpty else {
            request.visitor.session.flash("Please select at least one record.", category: "error")
            return Site.redirect(try url("index_view"))
        }
        return try await confirmOrDelete(ids)
    }

    private func confirmOrDelete(_ ids: [FieldValue]) async throws -> Response {
        let model = self.model, data = site.data
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
                return Site.redirect(try url("index_view"))
            }
            request.visitor.session.flash(deleted == 1 ? "Record was successfully deleted." : "\(deleted) records were successfully deleted.",
                                          category: "success")
            return Site.redirect(try url("index_view"))
        }
        let rows: [Value] = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            return try ids.compactMap { try transaction.get(model.name, id: $0) }.map { record in
                .dict([("id", .string(record.id.displayText)), ("text", .string(RecordObject(record: record, loader: loader).renderedText))])
            }
        }
        guard !rows.isEmpty else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Site.redirect(try url("index_view"))
        }
        let single = request.form == nil
        return try render("admin/model/delete.html", try context([
            "rows": .array(rows),
            "confirm_url": .string(single ? try url("delete_view") : try url("action_view")),
            "single": .bool(single),
        ]))
    }

    func exportCSV() async throws -> Response {
        guard admin.options.canExport else { throw HTTPFailure(403, detail: "can_export is off for \(admin.name)") }
        let query = try AdminListQuery(request.exchange.queryItems, admin: admin)
        var storeQuery = try query.storeQuery(for: admin)
        storeQuery.limit = nil
        storeQuery.offset = 0
        let admin = self.admin, data = site.data, allRows = storeQuery
        let csv = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            var lines = [admin.listColumns.map { CSVText.field(admin.label($0.relationship?.name ?? $0.field.name)) }.joined(separator: ",")]
            for record in try transaction.all(allRows) {
                lines.append(try admin.listColumns.map { column in
                    let cell = try AdminView.cell(record, column: column, admin: admin, loader: loader)
                    return CSVText.field(cell.stringContent ?? "")
                }.joined(separator: ","))
            }
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(admin.model.name)_\(DateTimeValue.now().date).csv\""
        headers[.contentLength] = String(csv.utf8.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
    }

    /// Search-as-you-type for a foreign key: `?name=FIELD&query=TEXT` → `[[id, "str"], …]` (20 at most).
    func lookup() async throws -> Response {
        let parameters = request.exchange.queryParameters
        guard let name = parameters["name"], let field = admin.formFields.first(where: { $0.name == name }), let reference = field.foreignKey,
              let related = AdminForm(admin: admin).relatedModel(of: field), let target = site.spec.model(named: related) else {
            throw HTTPFailure(400, detail: "no foreign key field '\(parameters["name"] ?? "")' in this form")
        }
        let text = String((parameters["query"] ?? "").prefix(100))
        let searchable = target.fields.filter { $0.type.isText }.map(\.name)
        let data = site.data
        let items = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            let query = Query(model: related, search: text.isEmpty ? nil : text, searchColumns: searchable,
                              order: [Query.Order(reference.column)], limit: 20)
            return try transaction.all(query).map { row in
                [(row[reference.column] ?? .null).displayText, RecordObject(record: row, loader: loader).renderedText]
            }
        }
        let json = String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(json.utf8.count)
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// RFC 4180 fields; a leading =, +, - or @ is quoted with ' so a spreadsheet never runs it as a formula.
enum CSVText {
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
