import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The views of views.yaml: pages, and the generic create/update/delete/redirect/json views.
struct ViewResponder: Sendable {
    let pages: PageRenderer
    let data: SiteData
    let routes: RouteTable
    let auth: SiteAuth
    /// Where `file` fields are stored (project.yaml `uploads`), served to logged-in users at /media/.
    let mediaFolder: URL
    let uploads: UploadsSpec
    /// Rendered pages for anonymous visitors (see `PageCache`).
    let pageCache = PageCache()

    func serve(_ view: CompiledView, request: SiteRequest) async throws -> Response {
        if view.adminRequired { try request.requireAdmin() } else if view.loginRequired { try request.requireLogin() }
        let inputs = QueryInputs(routeArguments: request.arguments, queryParameters: request.queryParameters,
                                 currentUser: request.visitor.userFields)
        switch view.action {
        case nil:
            return try await renderPage(view, request: request, inputs: inputs)
        case .redirect(let plan):
            return .redirect(try url(for: plan, view: view, inputs: inputs, row: nil, request: request))
        case .json(let query):
            return try await json(query, inputs: inputs)
        case .create(let change):
            try await checkParentOwner(change, inputs: inputs, request: request)
            return try await changeRow(view, change, existing: nil, request: request, inputs: inputs)
        case .update(let change):
            try await checkParentOwner(change, inputs: inputs, request: request)
            let row = try await ownedRow(change, inputs: inputs, request: request)
            return try await changeRow(view, change, existing: row, request: request, inputs: inputs)
        case .delete(let change):
            try await checkParentOwner(change, inputs: inputs, request: request)
            let row = try await ownedRow(change, inputs: inputs, request: request)
            let store = try data.requireStore()
            do {
                try await store.delete(change.model.name, id: row.id)
            } catch .constraintViolation(let message) {
                throw HTTPFailure(.conflict, detail: message, reason: "This \(change.model.name) cannot be deleted: \(message).")
            }
            return try succeed(view, row: row, inputs: inputs, request: request)
        }
    }

    /// Renders the view's template with its context, its queries and `extra` (a form, the row).
    func renderPage(_ view: CompiledView, request: SiteRequest, inputs: QueryInputs, extra: [String: Value] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let template = view.template else { throw HTTPFailure(.methodNotAllowed, detail: "the view has no template to show") }
        // Anonymous GETs of a plain page without a session are the same for everyone: see PageCache.
        let cacheKey = extra.isEmpty && status == .ok && request.visitor.user == nil && request.visitor.session.state.isEmpty
            && (request.method == .get || request.method == .head)
            ? PageCache.key(host: request.host, scriptRoot: request.mount.scriptRoot, target: request.http.uri.string) : nil
        let generation = data.store?.database.generation ?? 0
        if let cacheKey, let page = pageCache.page(cacheKey, generation: generation) {
            return page.response(head: request.isHead)
        }
        var context = pages.context(for: request)
        for (key, value) in view.context { context[key] = value }
        for (key, argument) in request.arguments { context[key] = argument.templateValue }
        for (key, value) in extra { context[key] = value }
        let html: [UInt8]
        if view.queries.isEmpty {
            html = try SiteMetrics.time(pages.renderTimer) { try pages.templates.renderUTF8(template, context: context) }
        } else {
            let start = ContinuousClock.now
            html = try await data.render(template, context: context, queries: view.queries, inputs: inputs, templates: pages.templates)
            pages.renderTimer.record(duration: start.duration(to: .now))
        }
        if let cacheKey, !request.visitor.session.isModified {
            pageCache.keep(html, key: cacheKey, generation: generation)
        }
        return .html(utf8: html, status: status, head: request.isHead)
    }

    /// A view kept for the owner of another row (`owner: {model, id, field}`): 404 when that row is missing,
    /// 403 for anyone but its owner, before any form is shown or read.
    private func checkParentOwner(_ change: ModelChange, inputs: QueryInputs, request: SiteRequest) async throws {
        guard let parent = change.parentOwner else { return }
        let store = try data.store(for: parent.model.name)
        guard let id = try parent.id.value(inputs: inputs, field: parent.model.primaryKey, model: parent.model.name),
              let row = try await store.get(parent.model.name, id: id) else {
            throw HTTPFailure(.notFound, detail: "\(parent.model.name) not found")
        }
        guard let user = request.visitor.user, let value = row[parent.field.name], !value.isNull,
              value.displayText == user.id.displayText else {
            throw HTTPFailure(.forbidden, detail: "only the owner of this \(parent.model.name) may do this")
        }
    }

    /// The row of an update or delete: 404 when missing, 403 for anyone but its owner.
    private func ownedRow(_ change: ModelChange, inputs: QueryInputs, request: SiteRequest) async throws -> Record {
        let store = try data.store(for: change.model.name)
        guard let id = try change.id.value(inputs: inputs, field: change.model.primaryKey, model: change.model.name),
              let row = try await store.get(change.model.name, id: id) else {
            throw HTTPFailure(.notFound, detail: "\(change.model.name) not found")
        }
        if let owner = change.owner {
            guard let user = request.visitor.user, let value = row[owner.name], !value.isNull,
                  value.displayText == user.id.displayText else {
                throw HTTPFailure(.forbidden, detail: "only the owner of this \(change.model.name) may change it")
            }
        }
        return row
    }

    /// GET shows the form (filled from the row when editing); POST validates, writes in one transaction and
    /// redirects, or shows the form again with its messages (422).
    private func changeRow(_ view: CompiledView, _ change: ModelChange, existing: Record?, request: SiteRequest,
                           inputs: QueryInputs) async throws -> Response {
        let store = try data.store(for: change.model.name)
        guard let definition = change.form else { throw HTTPFailure(.internalServerError, detail: "the view has no form") }
        let token = auth.csrfToken(request.visitor)
        let data = self.data
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
        // Files are written before the transaction (a random name, temp file then rename) and removed again
        // if the row is not saved; the file a saved row no longer names is removed after the commit.
        let files = try storedFiles(change, submitted: submitted)
        let outcome: (form: BoundForm, saved: Record?)
        do {
            outcome = try await store.transaction { transaction in
            let loader = RowLoader(transaction: transaction, data: data)
            defer { loader.close() }
            var form = BoundForm(definition: definition, csrfToken: token)
            try form.loadOptions(change.choiceQueries, inputs: inputs, transaction: transaction, loader: loader)
            if let existing { form.fill(from: existing) }
            guard let submitted else { return (form, nil) }
            let validated = try form.validate(submitted, change: change, existing: existing, transaction: transaction)
            form.errors.merge(files.refusals) { $0 + $1 }
            guard files.refusals.isEmpty, var values = validated else { return (form, nil) }
            for (name, saved) in files.saved { values[name] = .string(saved) }
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
        } catch {
            files.discard()
            throw error
        }
        guard let saved = outcome.saved else {
            files.discard()
            var extra: [String: Value] = ["form": .object(outcome.form)]
            if let existing { extra["object"] = .object(RecordObject(record: existing, loader: RowLoader(transaction: nil, data: data))) }
            return try await renderPage(view, request: request, inputs: inputs, extra: extra,
                                        status: submitted == nil ? .ok : .unprocessableContent)
        }
        files.replaced(in: existing)
        return try succeed(view, row: saved, inputs: inputs, request: request)
    }

    /// The files a create or update view stores: the `file` fields of its form that are fields of its model.
    private func storedFiles(_ change: ModelChange, submitted: FormFields?) throws -> StoredFiles {
        var files = StoredFiles(upload: MediaUpload(folder: mediaFolder, allowedExtensions: uploads.allowedExtensions,
                                                    maxBytes: uploads.maxContentLength))
        guard let submitted, let form = change.form else { return files }
        for field in change.storedFields {
            guard let formField = form.field(field.name), formField.kind == .file,
                  let file = submitted.file(field.name), !file.filename.isEmpty else { continue }
            var upload = files.upload
            for validator in formField.validators {
                switch validator.rule {
                case .fileAllowed(let extensions): upload = MediaUpload(folder: upload.folder, allowedExtensions: extensions, maxBytes: upload.maxBytes)
                case .fileSize(let max): upload = MediaUpload(folder: upload.folder, allowedExtensions: upload.allowedExtensions, maxBytes: min(max, upload.maxBytes))
                default: break
                }
            }
            do {
                files.saved[field.name] = try upload.save(file)
            } catch {
                files.refusals[field.name] = [error.message]
            }
        }
        return files
    }

    /// The flash, then a safe `next` when the request has one, else the view's redirect, else the blueprint's index.
    private func succeed(_ view: CompiledView, row: Record, inputs: QueryInputs, request: SiteRequest) throws -> Response {
        if let flash = view.success.flash { request.visitor.session.flash(flash, category: view.success.category) }
        if let next = request.form?["next"] ?? request.queryParameters["next"], SafeRedirect.isSafe(next) {
            return .redirect(next)
        }
        if let plan = view.successRedirect {
            return .redirect(try url(for: plan, view: view, inputs: inputs, row: row, request: request))
        }
        return .redirect(try view.blueprintIndex.map { try request.url($0) } ?? request.mount.scriptRoot + "/")
    }

    /// A redirect's URL: its endpoint's variables from the plan's values, else the view's URL variables, else the row.
    private func url(for plan: RedirectPlan, view: CompiledView, inputs: QueryInputs, row: Record?, request: SiteRequest) throws -> String {
        if let url = plan.url { return request.mount.scriptRoot + url }
        guard let endpoint = plan.endpoint else { throw HTTPFailure(.internalServerError, detail: "a redirect without a target") }
        let names = routes.argumentNames(of: endpoint)
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
        try data.checkMigrated(query.model.name)
        let text = try await data.snapshot { transaction, loader in
            try JSONRows.encode(query.evaluate(in: transaction, loader: loader, inputs: inputs))
        }
        return .json(text)
    }
}

extension Visitor {
    /// The logged-in user's fields, for `current_user.FIELD` in queries and `set:`.
    var userFields: [String: FieldValue]? {
        user.map { user in Dictionary(uniqueKeysWithValues: user.fields.map { ($0.name, $0.value) }) }
    }
}
