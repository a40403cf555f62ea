/// One entry of project.yaml `admin.views` (Flask-Admin's `admin.add_view(ModelView(Model, …))`, or a bare
/// model name like sakyum's `reg_models`).
public struct AdminViewSpec: Sendable {
    public var model: String
    /// `APP.ViewName` (from that app's admin.yaml), `UserAdmin` (built in), or nil for the default options.
    public var view: String?
    /// The menu label; the model's name by default.
    public var name: String?
    /// Views with the same category share a dropdown in the admin menu.
    public var category: String?
    /// The URL segment and endpoint prefix (`/admin/ENDPOINT/`); the model's name lowercased by default.
    public var endpoint: String?
    public var location: Diagnostic

    public init(model: String, view: String? = nil, name: String? = nil, category: String? = nil, endpoint: String? = nil,
                location: Diagnostic) {
        self.model = model
        self.view = view
        self.name = name
        self.category = category
        self.endpoint = endpoint
        self.location = location
    }
}

/// A model view's options from an app's admin.yaml, named as Flask-Admin's ModelView attributes.
/// Field names are checked against the model when the view is registered, with the location kept here.
public struct ModelViewOptions: Sendable {
    public var canCreate = true
    public var canEdit = true
    public var canDelete = true
    public var canViewDetails = false
    public var canExport = false
    public var pageSize = 20
    public var canSetPageSize = false
    public var columnList: [String]?
    public var columnExcludeList: [String] = []
    public var columnLabels: [String: String] = [:]
    public var columnSearchableList: [String] = []
    public var columnFilters: [String] = []
    /// Field and whether descending.
    public var columnDefaultSort: (field: String, descending: Bool)?
    public var columnSortableList: [String]?
    public var formColumns: [String]?
    public var formExcludedColumns: [String] = []
    /// Field → a template snippet with `value` and `row` (`model` too, as Flask-Admin's formatters get it).
    public var columnFormatters: [String: String] = [:]
    /// What one row is called ("question" for a view named Questions): "New question", "Delete this question?".
    public var singular: String?
    /// Models whose rows point at this one and are edited on its form (Flask-Admin's inline_models).
    public var inlineModels: [String] = []
    /// A foreign key's choices limited by another field of the form: `{choice_id: {question_id: question_id}}`
    /// offers, and accepts, only the choices whose `question_id` is the form's `question_id`.
    public var limitChoicesTo: [String: [String: String]] = [:]
    /// Validators of the generated form's fields, written as in forms.yaml (Flask-Admin's form_args):
    /// `{question_text: {validators: [{length: {min: 5}}]}}`.
    public var formValidators: [String: [ValidatorSpec]] = [:]
    /// Where each option is written, for diagnostics about its field names.
    public var locations: [String: Diagnostic] = [:]
    public var location: Diagnostic

    public init(location: Diagnostic) {
        self.location = location
    }

    /// The location of option `key`, or of the view.
    public func location(of key: String) -> Diagnostic {
        locations[key] ?? location
    }
}
