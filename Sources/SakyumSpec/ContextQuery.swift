/// A value of a view's `context`: written as it is, or read from the database at request time.
public enum ContextValue: Sendable {
    case literal(LiteralValue)
    case query(ContextQuery)

    public var literal: LiteralValue? {
        if case .literal(let value) = self { value } else { nil }
    }

    public var query: ContextQuery? {
        if case .query(let query) = self { query } else { nil }
    }
}

/// A read of one model in a view's context (docs/project-format.md, "Context queries"): data, not code.
/// Names are checked against the models and the view's URL rule when the Site is built, so a typo is a
/// diagnostic with file:line, never an SQL error at request time.
public struct ContextQuery: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Every matching row (or one page of them with `paginate`).
        case query
        /// The first matching row, or None.
        case first
        /// The row with the given primary key, or None.
        case get
        /// The row with the given primary key, or the 404 page.
        case getOr404 = "get_or_404"
        /// How many rows match.
        case count
    }

    public var kind: Kind
    public var model: String
    /// ANDed. For `get` and `get_or_404`, the primary key condition comes first.
    public var conditions: [Condition]
    /// `-date_posted` is descending.
    public var orderBy: [String]
    public var limit: Int?
    /// Rows per page; the page number comes from `?page=` (1-based, like Flask-SQLAlchemy's paginate).
    public var perPage: Int?
    /// Where the query is written, for diagnostics raised when the Site is built.
    public var location: Diagnostic

    public init(kind: Kind, model: String, conditions: [Condition] = [], orderBy: [String] = [],
                limit: Int? = nil, perPage: Int? = nil, location: Diagnostic) {
        self.kind = kind
        self.model = model
        self.conditions = conditions
        self.orderBy = orderBy
        self.limit = limit
        self.perPage = perPage
        self.location = location
    }

    /// `field` or Django's `field__op` with a value to compare with.
    public struct Condition: Sendable {
        /// The field, or nil for the primary key of `get`/`get_or_404` (resolved against the model later).
        public var field: String?
        public var op: String
        public var operand: Operand
        public var location: Diagnostic

        public init(field: String?, op: String, operand: Operand, location: Diagnostic) {
            self.field = field
            self.op = op
            self.operand = operand
            self.location = location
        }
    }

    /// Where a condition's value comes from.
    public enum Operand: Sendable {
        case literal(LiteralValue)
        /// A URL rule argument, `<int:id>` → `id`.
        case routeArgument(String)
        /// `current_user.id`.
        case currentUser(String)
        /// `request.args.q`: the condition is left out when the URL has no such parameter.
        case queryParameter(String)
    }
}
