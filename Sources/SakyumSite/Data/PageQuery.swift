import HTTPTypes
import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A context query checked against the models and its view's URL rule: run per request inside one snapshot.
struct PageQuery: Sendable {
    let name: String
    let kind: ContextQuery.Kind
    let model: ModelSpec
    let conditions: [Condition]
    let order: [Query.Order]
    let limit: Int?
    let perPage: Int?

    struct Condition: Sendable {
        let field: FieldSpec
        let op: Filter.Operator
        let operand: Operand
    }

    enum Operand: Sendable {
        case values([FieldValue])
        case routeArgument(String)
        case currentUser(String)
        case queryParameter(String)
    }

    /// Checks `query` against `models` and the rule's argument names; nil (with diagnostics) when anything is unknown.
    init?(name: String, query: ContextQuery, models: [ModelSpec], routeArguments: [String], diagnostics: inout [Diagnostic]) {
        let before = diagnostics.count
        func report(_ message: String, at location: Diagnostic? = nil) {
            diagnostics.append((location ?? query.location).with(message: "context '\(name)': \(message)"))
        }
        guard let model = models.first(where: { $0.name == query.model }) else {
            let known = models.map(\.name).joined(separator: ", ")
            report("there is no model '\(query.model)' (models: \(known))")
            return nil
        }
        var conditions: [Condition] = []
        for condition in query.conditions {
            let fieldName = condition.field ?? model.primaryKey.name
            guard let field = model.field(fieldName) else {
                let known = model.fields.map(\.name).joined(separator: ", ")
                report("model \(model.name) has no field '\(fieldName)' (fields: \(known))", at: condition.location)
                continue
            }
            let op: Filter.Operator
            let operand: Operand
            switch condition.operand {
            case .literal(let literal) where condition.op == "is_null":
                guard case .bool(let isNull) = literal else {
                    report("\(fieldName)__is_null takes true or false", at: condition.location)
                    continue
                }
                op = isNull ? .isNull : .isNotNull
                operand = .values([])
            case .literal(let literal) where condition.op == "in":
                op = .in
                guard case .list(let list) = literal else {
                    report("\(fieldName)__in takes a list", at: condition.location)
                    continue
                }
                do {
                    operand = .values(try list.map { item throws(OperandProblem) in
                        try Operand.literal(item, field: field, model: model.name)
                    })
                } catch {
                    report(error.message, at: condition.location)
                    continue
                }
            default:
                op = Filter.Operator(rawValue: condition.op) ?? .eq
                do {
                    operand = try Operand(condition.operand, field: field, model: model.name, routeArguments: routeArguments)
                } catch {
                    report(error.message, at: condition.location)
                    continue
                }
            }
            if case .values(let values) = operand, op != .in, op != .isNull, op != .isNotNull, values.count != 1 {
                report("\(fieldName): one value expected", at: condition.location)
                continue
            }
            conditions.append(Condition(field: field, op: op, operand: operand))
        }
        var order: [Query.Order] = []
        for key in query.orderBy {
            let parsed = Query.Order(parsing: key)
            guard model.field(parsed.column) != nil else {
                report("order_by: model \(model.name) has no field '\(parsed.column)'")
                continue
            }
            order.append(parsed)
        }
        guard diagnostics.count == before else { return nil }
        self.name = name
        self.kind = query.kind
        self.model = model
        self.conditions = conditions
        self.order = order
        self.limit = query.limit
        self.perPage = query.perPage
    }

    /// The models the query reads, for the pending-migration check.
    var modelName: String { model.name }

    /// Runs the query for one request; rows come back as lazy-loading template objects.
    func evaluate(in transaction: StoreTransaction, loader: RowLoader, inputs: QueryInputs) throws -> Value {
        guard var query = try storeQuery(inputs) else { return empty }
        switch kind {
        case .count:
            return .int(try transaction.count(query))
        case .first, .get:
            return try transaction.first(query).map(loader.object) ?? .none
        case .getOr404:
            guard let row = try transaction.first(query) else {
                throw HTTPFailure(.notFound, detail: "\(model.name) not found")
            }
            return loader.object(row)
        case .query:
            guard let perPage else { return .array(loader.objects(try transaction.all(query))) }
            let page = try Self.pageNumber(inputs.queryParameters["page"])
            query.limit = perPage
            query.offset = (page - 1) * perPage
            let result = try transaction.page(query)
            let pages = Pagination.pageCount(total: result.total, perPage: perPage)
            // Flask-SQLAlchemy's paginate(error_out=True): a page past the end is a 404.
            guard page <= pages else { throw HTTPFailure(.notFound, detail: "there is no page \(page) (\(pages) page(s))") }
            return .object(Pagination(items: loader.objects(result.records), page: page, perPage: perPage, total: result.total))
        }
    }

    /// The rows the query selects for one request, as records (a select's options).
    func records(in transaction: StoreTransaction, inputs: QueryInputs) throws -> [Record] {
        guard let query = try storeQuery(inputs) else { return [] }
        return try transaction.all(query)
    }

    /// The Store query for one request; nil when it can select nothing (it is about the current user and
    /// nobody is logged in).
    private func storeQuery(_ inputs: QueryInputs) throws(HTTPFailure) -> Query? {
        var filters: [Filter] = []
        for condition in conditions {
            guard let values = condition.operand.values(inputs, splittingParameters: condition.op == .in) else {
                // Nobody logged in: a query about "my" rows has none. No such URL parameter: no such condition.
                if case .currentUser = condition.operand { return nil }
                continue
            }
            let converted = try values.map { value throws(HTTPFailure) in
                try Operand.converted(value, to: condition.field, of: model.name)
            }
            filters.append(Filter(column: condition.field.name, op: condition.op, values: converted))
        }
        return Query(model: model.name, filters: filters, order: order, limit: limit)
    }

    private var empty: Value {
        switch kind {
        case .count: .int(0)
        case .first, .get: .none
        case .getOr404: .none
        case .query: perPage.map { .object(Pagination(items: [], page: 1, perPage: $0, total: 0)) } ?? .array([])
        }
    }

    private static func pageNumber(_ text: String?) throws(HTTPFailure) -> Int {
        guard let text else { return 1 }
        guard let page = Int(text), page >= 1 else { throw HTTPFailure(.notFound, detail: "'\(text)' is not a page number") }
        return page
    }
}

/// Why an operand of views.yaml cannot be used, in words for a diagnostic.
struct OperandProblem: Error {
    let message: String
}

extension PageQuery.Operand {
    /// Checks an operand as written against the view's URL rule: a word naming a URL variable is that
    /// variable (any other word is text), `current_user.FIELD` must name a User field, and a literal is
    /// converted to `field`'s type when one is given.
    init(_ operand: ContextQuery.Operand, field: FieldSpec?, model: String, routeArguments: [String]) throws(OperandProblem) {
        switch operand {
        case .routeArgument(let name) where routeArguments.contains(name):
            self = .routeArgument(name)
        case .routeArgument(let word):
            self = .values([try Self.literal(.string(word), field: field, model: model)])
        case .literal(let value):
            self = .values([try Self.literal(value, field: field, model: model)])
        case .currentUser(let name):
            guard ModelSpec.user.field(name) != nil else { throw OperandProblem(message: "current_user has no field '\(name)'") }
            self = .currentUser(name)
        case .queryParameter(let name):
            self = .queryParameter(name)
        }
    }

    static func literal(_ value: LiteralValue, field: FieldSpec?, model: String) throws(OperandProblem) -> FieldValue {
        guard let field else { return FieldValue(value) }
        do {
            return try FieldValue(value).converted(to: field, of: model)
        } catch {
            throw OperandProblem(message: "\(error)")
        }
    }

    /// The operand's values for one request, nil when it has none (nobody logged in, no such URL
    /// parameter). A URL parameter feeding an `in` condition is split at commas.
    func values(_ inputs: QueryInputs, splittingParameters: Bool = false) -> [FieldValue]? {
        switch self {
        case .values(let values):
            return values
        case .routeArgument(let name):
            return [inputs.routeArguments[name].map(FieldValue.init(routeArgument:)) ?? .null]
        case .currentUser(let name):
            return inputs.currentUser?[name].flatMap { $0.isNull ? nil : [$0] }
        case .queryParameter(let name):
            guard let text = inputs.queryParameters[name] else { return nil }
            return splittingParameters ? text.split(separator: ",").map { .string(String($0)) } : [.string(text)]
        }
    }

    /// The operand's single value for one request, converted to `field` when given.
    func value(inputs: QueryInputs, field: FieldSpec?, model: String) throws(HTTPFailure) -> FieldValue? {
        guard let value = values(inputs)?.first else { return nil }
        guard let field else { return value }
        return try Self.converted(value, to: field, of: model)
    }

    /// A value from the request in its field's type; one that does not fit is the request's fault (400).
    static func converted(_ value: FieldValue, to field: FieldSpec, of model: String) throws(HTTPFailure) -> FieldValue {
        do {
            return try value.converted(to: field, of: model)
        } catch {
            throw HTTPFailure(.badRequest, detail: "\(error)")
        }
    }
}

/// What a request gives its context queries.
struct QueryInputs: Sendable {
    var routeArguments: [String: RouteArgument]
    var queryParameters: [String: String]
    /// The logged-in user's fields, nil for an anonymous visitor.
    var currentUser: [String: FieldValue]?
}

extension FieldValue {
    init(routeArgument: RouteArgument) {
        switch routeArgument {
        case .string(let text): self = .string(text)
        case .int(let number): self = .integer(number)
        case .double(let number): self = .float(number)
        case .uuid(let uuid): self = .string(uuid.uuidString.lowercased())
        }
    }
}
