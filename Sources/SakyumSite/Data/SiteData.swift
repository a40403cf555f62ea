import HTTPTypes
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A Site's view of its database: the Store over the project's models, each model's `str`, and the
/// models whose tables wait for a migration (their pages answer 503 until `db upgrade`).
struct SiteData: Sendable {
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
        throw HTTPFailure(.serviceUnavailable, detail: "\(model): pending migration (\(steps.joined(separator: "; ")))",
                          reason: "This page is unavailable until the site's database is migrated "
                              + "(sakyumctl db upgrade \(projectName)). Try again later.")
    }

    /// The project's Store; 503 when it has no database.
    func requireStore() throws(HTTPFailure) -> Store {
        guard let store else { throw HTTPFailure(.serviceUnavailable, detail: "the project has no database") }
        return store
    }

    /// The Store for pages of `model`: 503 without a database, or while its table waits for a migration.
    func store(for model: String) throws(HTTPFailure) -> Store {
        try checkMigrated(model)
        return try requireStore()
    }

    /// Runs `body` in one read snapshot on the calling task's thread, with a `RowLoader` over it so
    /// related rows load lazily from the same snapshot; a relationship that failed to load fails the whole.
    func snapshot<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction, RowLoader) throws -> T) async throws -> T {
        try await requireStore().snapshot { [self] transaction in
            let loader = RowLoader(transaction: transaction, data: self)
            defer { loader.close() }
            let result = try body(transaction, loader)
            if let failure = loader.failure { throw failure }
            return result
        }
    }

    /// Runs `queries` and renders `template` in one read snapshot, off the event loop; related rows load lazily.
    func render(_ template: String, context: [String: Value], queries: [PageQuery], inputs: QueryInputs,
                templates: TemplateEnvironment) async throws -> [UInt8] {
        for query in queries {
            try checkMigrated(query.model.name)
        }
        return try await snapshot { transaction, loader in
            var variables = context
            for query in queries {
                variables[query.name] = try query.evaluate(in: transaction, loader: loader, inputs: inputs)
            }
            return try templates.renderUTF8(template, context: variables)
        }
    }
}
