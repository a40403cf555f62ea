import SakyumTemplates
import SakyumSpec
import SakyumStore

/// A view's action checked against the models, forms and its URL rule (see `ViewAction`).
enum CompiledAction: Sendable {
    case create(ModelChange)
    case update(ModelChange)
    case delete(ModelChange)
    case redirect(RedirectPlan)
    case json(PageQuery)
}

/// What a create, update or delete view changes.
struct ModelChange: Sendable {
    let model: ModelSpec
    let form: FormDefinition?
    /// The row of an update or delete.
    let id: PageQuery.Operand
    let owner: FieldSpec?
    /// The row whose owner alone may use the view: its model, where its id comes from, the owner field.
    let parentOwner: (model: ModelSpec, id: PageQuery.Operand, field: FieldSpec)?
    let set: [(field: FieldSpec, value: PageQuery.Operand)]
    /// Form fields that are the model's (the rest, like a submit button, are not stored).
    let storedFields: [FieldSpec]
    /// The options of the form's `choices_from` selects, by field, checked against this view's URL rule.
    let choiceQueries: [String: PageQuery]
}

struct RedirectPlan: Sendable {
    let endpoint: String?
    let url: String?
    let values: [(name: String, value: PageQuery.Operand)]
}

/// A view ready to serve: its template, constant context, queries, action and access rule.
struct CompiledView: Sendable {
    let template: String?
    let context: [(String, Value)]
    /// Read per request, in one snapshot, before rendering.
    let queries: [PageQuery]
    var action: CompiledAction? = nil
    var loginRequired = false
    var adminRequired = false
    var success = SuccessSpec()
    var successRedirect: RedirectPlan? = nil
    /// The blueprint's `index` endpoint, where a change goes after success without a redirect of its own.
    var blueprintIndex: String? = nil
}

/// Checks a view's action when the Site is built; every unknown name is a diagnostic at the view.
struct ActionCompiler {
    let spec: ProjectSpec
    let app: String
    let routeArguments: [String]
    let endpoint: String
    let forms: [String: FormDefinition]

    func compile(_ action: ViewAction, diagnostics: inout [Diagnostic]) -> CompiledAction? {
        switch action {
        case .create(let change): return modelChange(change, kind: "create", diagnostics: &diagnostics).map(CompiledAction.create)
        case .update(let change): return modelChange(change, kind: "update", diagnostics: &diagnostics).map(CompiledAction.update)
        case .delete(let change): return modelChange(change, kind: "delete", diagnostics: &diagnostics).map(CompiledAction.delete)
        case .redirect(let target): return redirect(target, diagnostics: &diagnostics).map(CompiledAction.redirect)
        case .json(let query):
            return PageQuery(name: "json", query: query, models: spec.models, routeArguments: routeArguments, diagnostics: &diagnostics)
                .map(CompiledAction.json)
        }
    }

    private func modelChange(_ change: ModelAction, kind: String, diagnostics: inout [Diagnostic]) -> ModelChange? {
        let before = diagnostics.count
        func report(_ message: String) {
            diagnostics.append(change.location.with(message: "view '\(endpoint)': \(kind): \(message)"))
        }
        guard let model = spec.model(named: change.model) else {
            report("there is no model '\(change.model)' (models: \(spec.models.map(\.name).joined(separator: ", ")))")
            return nil
        }
        var form: FormDefinition?
        if let name = change.form {
            form = forms["\(app).\(name)"] ?? forms.first { $0.key.hasSuffix(".\(name)") }?.value
            if form == nil { report("there is no form '\(name)' in forms.yaml") }
        }
        var stored: [FieldSpec] = []
        for field in form?.dataFields ?? [] {
            if let modelField = model.field(field.name) {
                stored.append(modelField)
            } else if field.kind != .password && field.kind != .hidden && field.kind != .file {
                report("form field '\(field.name)' is not a field of \(model.name)")
            }
        }
        var owner: FieldSpec?
        if let name = change.owner {
            owner = model.field(name)
            if owner == nil { report("owner: \(model.name) has no field '\(name)'") }
        }
        var parentOwner: (ModelSpec, PageQuery.Operand, FieldSpec)?
        if let parent = change.parentOwner {
            if let parentModel = spec.model(named: parent.model) {
                let field = parentModel.field(parent.field)
                if field == nil { report("owner: \(parentModel.name) has no field '\(parent.field)'") }
                let id = resolve(parent.id, field: parentModel.primaryKey, model: parentModel.name, report: report)
                if case .routeArgument(let name) = parent.id, !routeArguments.contains(name) {
                    report("owner: the row's id comes from the URL variable '\(name)', which the path does not have")
                } else if let field, let id {
                    parentOwner = (parentModel, id, field)
                }
            } else {
                report("owner: there is no model '\(parent.model)'")
            }
        }
        var set: [(FieldSpec, PageQuery.Operand)] = []
        for (name, operand) in change.set {
            guard let field = model.field(name) else {
                report("set: \(model.name) has no field '\(name)'")
                continue
            }
            if let resolved = resolve(operand, field: field, model: model.name, report: report) { set.append((field, resolved)) }
        }
        var id: PageQuery.Operand = .routeArgument("id")
        if kind != "create" {
            if case .routeArgument(let name) = change.id, !routeArguments.contains(name) {
                report("the row's id comes from the URL variable '\(name)', which the path does not have")
            } else if let resolved = resolve(change.id, field: model.primaryKey, model: model.name, report: report) {
                id = resolved
            }
        }
        var choiceQueries: [String: PageQuery] = [:]
        for field in form?.fields ?? [] {
            guard var query = field.choicesFrom, let target = spec.model(named: query.model) else { continue }
            if query.orderBy.isEmpty { query.orderBy = [target.primaryKey.name] }
            query.limit = query.limit ?? BoundForm.optionLimit
            if let compiled = PageQuery(name: "\(form!.name).\(field.name) choices_from", query: query, models: spec.models,
                                        routeArguments: routeArguments, diagnostics: &diagnostics) {
                choiceQueries[field.name] = compiled
            }
        }
        guard diagnostics.count == before else { return nil }
        return ModelChange(model: model, form: form, id: id, owner: owner, parentOwner: parentOwner, set: set, storedFields: stored,
                           choiceQueries: choiceQueries)
    }

    func redirect(_ target: RedirectTarget, diagnostics: inout [Diagnostic]) -> RedirectPlan? {
        var values: [(String, PageQuery.Operand)] = []
        for (name, operand) in target.values {
            do {
                values.append((name, try PageQuery.Operand(operand, field: nil, model: "", routeArguments: routeArguments)))
            } catch {
                diagnostics.append(target.location.with(message: "view '\(endpoint)': redirect: \(error.message)"))
            }
        }
        // A relative `.endpoint` is its blueprint's.
        let endpoint = target.endpoint.map { $0.hasPrefix(".") ? app + $0 : $0 }
        return RedirectPlan(endpoint: endpoint, url: target.url, values: values)
    }

    private func resolve(_ operand: ContextQuery.Operand, field: FieldSpec, model: String, report: (String) -> Void) -> PageQuery.Operand? {
        do {
            return try PageQuery.Operand(operand, field: field, model: model, routeArguments: routeArguments)
        } catch {
            report(error.message)
            return nil
        }
    }
}
