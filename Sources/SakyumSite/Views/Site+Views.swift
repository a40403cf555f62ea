import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The views of views.yaml: pages, and the generic create/update/delete/redirect/json views.
extension Site {
    func serve(_ view: CompiledView, endpoint: String, arguments: [String: RouteArgument], request: SiteRequest) async throws -> Response {
        if view.adminRequired { try requireAdmin(request) } else if view.loginRequired { try requireLogin(request) }
        let inputs = QueryInputs(routeArguments: arguments, queryParameters: request.exchange.queryParameters,
                                 currentUser: request.visitor.userFields)
        switch view.action {
        case nil:
            return try await renderPage(view, endpoint: endpoint, arguments: arguments, request: request, inputs: inputs)
        case .redirect(let plan):
            return Self.redirect(try url(for: plan, view: view, inputs: inputs, row: nil, request: request))
        case .json(let query):
            return try await json(query, inputs: inputs)
        case .create(let change):
            return try await changeRow(view, change, existing: nil, endpoint: endpoint, arguments: arguments, request: request, inputs: inputs)
        case .update(let change):
            let row = try await ownedRow(change, inputs: inputs, request: request)
            return try await changeRow(view, change, existing: row, endpoint: endpoint, arguments: arguments, request: request, inputs: inputs)
        case .delete(let change):
            let row = try await ownedRow(change, inputs: inputs, request: request)
            guard let store = data.store else { throw HTTPFailure(503, detail: "the project has no database") }
            do {
                try await store.delete(change.model.name, id: row.id)
            } catch .constraintViolation(let message) {
                throw HTTPFailure(409, detail: message, reason: "This \(change.model.name) cannot be deleted: \(message).")
            }
            return try succeed(view, row: row, inputs: inputs, request: request)
        }
    }

    /// Renders the view's template with its context, its queries and `extra` (a form, the row).
    func renderPage(_ view: CompiledView, endpoint: String, arguments: [String: RouteArgument], request: SiteRequest,
                    inputs: QueryInputs, extra: [String: Value] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let template = view.template else { throw HTTPFailure(405) }
        // Anonymous GETs of a plain page without a session are the same for everyone: see PageCache.
        let cacheKey = extra.isEmpty && status == .ok && request.visitor.user == nil && request.visitor.session.state.isEmpty
            && (request.exchange.method == "GET" || request.exchange.method == "HEAD")
            ? request.exchange.host + " " + request.exchange.mount.scriptRoot + " " + request.exchange.request.uri.string : nil
        let generation = data.store?.database.generation ?? 0
        if let cacheKey, let html = pageCache.page(cacheKey, generation: generation) {
            return Self.htmlResponse(html, status: status, method: request.exchange.method)
        }
        var context = pageContext(request.exchange, endpoint: endpoint, visitor: request.visitor)
        for (key, value) in view.context { context[key] = value }
        for (key, argument) in arguments { context[key] = argument.templateValue }
        for (key, value) in extra { context[key] = value }
        let html: String
        if view.queries.isEmpty {
            html = try templates.render(template, context: context)
        } else {
            html = try await data.render(template, context: context, queries: view.queries, inputs: inputs, templates: templates)
        }
        if let cacheKey, !request.visitor.session.isModified {
            pageCache.keep(html, key: cacheKey, generation: generation)
        }
        return Self.htmlResponse(html, status: status, method: request.exchange.method)
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status, method: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(html.utf8.count)
        let body = method == "HEAD" ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: html))
        return Response(status: status, headers: headers, body: body)
    }

    /// The row of an update or delete: 404 when missing, 403 for anyone but its owner.
    private func ownedRow(_ change: ModelChange, inputs: QueryInputs, request: SiteRequest) async throws -> Record {
        guard let store = data.store else { throw HTTPFailure(503, detail: "the project has no database") }
        try data.checkMigrated(change.model.name)
        guard let id = try change.id.value(inputs: inputs, field: change.model.primaryKey, model: change.model.name),
              let row = try await store.get(change.model.name, id: id) else {
            throw HTTPFailure(404, detail: "\(change.model.name) not found")
        }
        if let owner = change.owner {
            guard let user = request.visitor.user, let value = row[owner.name], !value.isNull,
                  value.displayText == user.id.displayText else {
                throw HTTPFailure(403, detail: "only the owner of this \(change.model.name) may change it")
            }
        }
        return row
    }

    /// GET shows the form (filled from the row when editing); POST validates, writes in one transaction and
    /// redirects, or shows the form again with its messages (422).
    private func changeRow(_ view: CompiledView, _ change: ModelChange, existing: Record?, endpoint: String,
                        arguments: [String: RouteArgument], request: SiteRequest, inputs: QueryInputs) async throws -> Response {
        guard let store = data.store else { throw HTTPFailure(503, detail: "the project has no database") }
        try data.checkMigrated(change.model.name)
        guard let definition = change.form else { throw HTTPFailure(500, detail: "the view has no form") }
        let token = auth.csrfToken(request.visitor)
        let models = spec.models, data = self.data
        let submitted = request.form
        let setValues = try change.set.map { item throws in
            (item.field.name, try item.value.value(inputs: inputs, field: item.field, model: change.model.name) ?? .null)
        }
        // The User's password is stored as a bcrypt hash, made before the transaction (it takes a quarter second).
        var hashed: String?
        if change.model.name == ModelSpec.user.name, change.storedFields.contains(where: { $0.name == "password" }),
           let plain = submitted?["password"], !plain.isEmpty {
            hashed = try await PasswordHasher.hash(plain)
        }
        let passwordHash = hashed
        let outcome: (form: BoundForm, saved: Record?) = try await store.transaction { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            var form = BoundForm(definition: definition, csrfToken: token)
            try form.loadOptions(models: models, loader: loader)
            if let existing { form.fill(from: existing) }
            guard let submitted else { return (form, nil) }
            guard var values = try form.validate(submitted, change: change, existing: existing, transaction: transaction) else {
                return (form, nil)
            }
            for (name, value) in setValues { values[name] = value }
            if let passwordHash { values["password"] = .string(passwordHash) }
            do {
                if let existing {
                    return (form, try transaction.update(change.model.name, id: existing.id, values: values))
                }
                return (form, try transaction.insert(change.model.name, values: values))
            } catch let error as StoreError {
                switch error {
                case .invalidValue(_, let field, let reason):
                    form.errors[field, default: []].append(reason.capitalizedFirst + ".")
                case .constraintViolation(let message):
                    form.errors["_form", default: []].append("The database refused the change: \(message)")
                default:
                    throw error
                }
                return (form, nil)
            }
        }
        if let saved = outcome.saved { return try succeed(view, row: saved, inputs: inputs, request: request) }
        var extra: [String: Value] = ["form": .object(outcome.form)]
        if let existing { extra["object"] = .object(RecordObject(record: existing, loader: RowLoader(transaction: nil, data: data))) }
        return try await renderPage(view, endpoint: endpoint, arguments: arguments, request: request, inputs: inputs, extra: extra,
                                    status: submitted == nil ? .ok : .unprocessableContent)
    }

    /// The flash, then a safe `next` when the request has one, else the view's redirect, else the blueprint's index.
    private func succeed(_ view: CompiledView, row: Record, inputs: QueryInputs, request: SiteRequest) throws -> Response {
        if let flash = view.success.flash { request.visitor.session.flash(flash, category: view.success.category) }
        if let next = request.form?["next"] ?? request.exchange.queryParameters["next"], SafeRedirect.isSafe(next) {
            return Self.redirect(next)
        }
        if let plan = view.successRedirect {
            return Self.redirect(try url(for: plan, view: view, inputs: inputs, row: row, request: request))
        }
        let index = "\(view.blueprint).index"
        return Self.redirect(routes.hasEndpoint(index) ? try request.url(index) : request.exchange.mount.scriptRoot + "/")
    }

    /// A redirect's URL: its endpoint's variables from the plan's values, else the view's URL variables, else the row.
    private func url(for plan: RedirectPlan, view: CompiledView, inputs: QueryInputs, row: Record?, request: SiteRequest) throws -> String {
        if let url = plan.url { return request.exchange.mount.scriptRoot + url }
        guard var endpoint = plan.endpoint else { throw HTTPFailure(500, detail: "a redirect without a target") }
        if endpoint.hasPrefix(".") { endpoint = view.blueprint + endpoint }
        let names = routes.rules.first { $0.endpoint == endpoint }?.argumentNames ?? []
        var values: [(String, String)] = []
        for name in names {
            if let given = plan.values.first(where: { $0.name == name }) {
                values.append((name, try given.value.value(inputs: inputs, field: nil, model: "")?.displayText ?? ""))
            } else if let argument = inputs.routeArguments[name] {
                values.append((name, FieldValue(routeArgument: argument).displayText))
            } else if let value = row?[name] ?? (name == "id" ? row?.id : nil) {
                values.append((name, value.displayText))
            }
        }
        for given in plan.values where !names.contains(given.name) {
            values.append((given.name, try given.value.value(inputs: inputs, field: nil, model: "")?.displayText ?? ""))
        }
        return try request.urls.url(for: endpoint, values: values)
    }

    /// The query's rows as JSON (a row, a list, a count, or a page); the User's password hash never appears.
    private func json(_ query: PageQuery, inputs: QueryInputs) async throws -> Response {
        guard let store = data.store else { throw HTTPFailure(503, detail: "the project has no database") }
        try data.checkMigrated(query.model.name)
        let data = self.data
        let text = try await store.snapshot { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            return try JSONRows.encode(query.evaluate(in: transaction, loader: loader, inputs: inputs))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(text.utf8.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Visitor {
    /// The logged-in user's fields, for `current_user.FIELD` in queries and `set:`.
    var userFields: [String: FieldValue]? {
        user.map { user in Dictionary(uniqueKeysWithValues: user.fields.map { ($0.name, $0.value) }) }
    }
}
