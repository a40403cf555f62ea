/// What a view of views.yaml does besides rendering its template (Django's generic views as data).
public enum ViewAction: Sendable {
    /// GET shows the form; a valid POST inserts a row.
    case create(ModelAction)
    /// GET shows the form filled from the row; a valid POST updates it.
    case update(ModelAction)
    /// POST deletes the row.
    case delete(ModelAction)
    /// Answers with a redirect.
    case redirect(RedirectTarget)
    /// Answers with the query's rows as JSON.
    case json(ContextQuery)
}

/// The model a create/update/delete view changes, the form it reads, and who may do it.
public struct ModelAction: Sendable {
    public var model: String
    public var form: String?
    /// The row to change (update, delete): the URL variable `id` unless given.
    public var id: ContextQuery.Operand
    /// Only the user whose id is in this field may change the row; anyone else gets 403.
    public var owner: String?
    /// Only the owner of another row may use the view (`owner: {model: Question, id: id, field: user_id}`):
    /// adding a choice to a question is for the question's owner.
    public var parentOwner: ParentOwner?
    /// Fields set by the view, not the form: `{user_id: current_user.id}`.
    public var set: [(field: String, value: ContextQuery.Operand)]
    public var location: Diagnostic

    public init(model: String, form: String? = nil, id: ContextQuery.Operand = .routeArgument("id"), owner: String? = nil,
                set: [(field: String, value: ContextQuery.Operand)] = [], location: Diagnostic) {
        self.model = model
        self.form = form
        self.id = id
        self.owner = owner
        self.set = set
        self.location = location
    }
}

/// The row whose owner alone may use a view: `model`'s row `id`, owned through `field`.
public struct ParentOwner: Sendable {
    public var model: String
    public var id: ContextQuery.Operand
    public var field: String
    public var location: Diagnostic

    public init(model: String, id: ContextQuery.Operand, field: String, location: Diagnostic) {
        self.model = model
        self.id = id
        self.field = field
        self.location = location
    }
}

/// Where a redirect goes: an endpoint (its URL variables from `values`, the view's URL variables or the saved row) or a URL.
public struct RedirectTarget: Sendable {
    public var endpoint: String?
    public var url: String?
    public var values: [(name: String, value: ContextQuery.Operand)]
    public var location: Diagnostic

    public init(endpoint: String? = nil, url: String? = nil, values: [(name: String, value: ContextQuery.Operand)] = [], location: Diagnostic) {
        self.endpoint = endpoint
        self.url = url
        self.values = values
        self.location = location
    }
}

/// What follows a successful create, update or delete: a flashed message and a redirect (to a safe
/// `next` when the request has one).
public struct SuccessSpec: Sendable {
    public var flash: String?
    public var category: String
    public var redirect: RedirectTarget?

    public init(flash: String? = nil, category: String = "success", redirect: RedirectTarget? = nil) {
        self.flash = flash
        self.category = category
        self.redirect = redirect
    }
}
