import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A Site's view of its database: the Store over the project's models, each model's `str`, and the
/// models whose tables wait for a migration (their pages answer 503 until `db upgrade`).
public struct SiteData: Sendable {
    let store: Store?
    let strings: ModelStrings
    /// Model name → the pending steps that touch its table.
    let pendingModels: [String: [String]]
    let projectName: String
    /// What loading did to the database and what waits for `db upgrade`; nil without a database.
    let schema: SchemaStatus?

    init(store: Store?, strings: ModelStrings, schema: SchemaStatus?, projectName: String) {
        self.store = store
        self.strings = strings
        self.projectName = projectName
        self.schema = schema
        var pending: [String: [String]] = [:]
        for model in store?.models ?? [] {
            let steps = schema?.pending.filter { $0.table == model.table }.map(\.description) ?? []
            if !steps.isEmpty { pending[model.name] = steps }
        }
        self.pendingModels = pending
    }

    func model(named name: String) -> ModelSpec? {
        store?.models.first { $0.name == name }
    }

    /// Refuses to read a model whose table does not match it yet (503 with the reason, for every visitor).
    func checkMigrated(_ model: String) throws(HTTPFailure) {
        guard let steps = pendingModels[model] else { return }
        throw HTTPFailure(503, detail: "\(model): pending migration (\(steps.joined(separator: "; ")))",
                          reason: "This page is unavailable until the site's database is migrated "
                              + "(sakyumctl db upgrade \(projectName)). Try again later.")
    }

    /// Runs `queries` and renders `template` in one read snapshot, off the event loop; related rows load lazily.
    func render(_ template: String, context: [String: Value], queries: [PageQuery], inputs: QueryInputs,
                templates: TemplateEnvironment) async throws -> String {
        for query in queries {
            try checkMigrated(query.model.name)
        }
        guard let store else { throw HTTPFailure(503, detail: "the project has no database") }
        return try await store.snapshot { [self] transaction in
            let loader = RowLoader(transaction: transaction, data: self)
            defer { loader.close() }
            var variables = context
            for query in queries {
                variables[query.name] = try query.evaluate(in: transaction, loader: loader, inputs: inputs)
            }
            let html = try templates.render(template, context: variables)
            if let failure = loader.failure { throw failure }
            return html
        }
    }
}
