/// A page of a blueprint: a URL rule, its endpoint, and the template it renders.
public struct ViewSpec: Sendable {
    public var path: String
    /// Local to the blueprint: `index` is `exam.index` for url_for.
    public var endpoint: String
    public var methods: [String]
    /// Nil for views that only redirect, delete or answer JSON.
    public var template: String?
    /// Values given to the template: written as they are, or read from the database per request.
    public var context: [(key: String, value: ContextValue)]
    /// Where the view is declared, for diagnostics raised after loading (routing, templates).
    public var location: Diagnostic
    public var action: ViewAction?
    public var loginRequired: Bool
    public var adminRequired: Bool
    public var success: SuccessSpec

    public init(path: String, endpoint: String, methods: [String] = ["GET"], template: String?,
                context: [(key: String, value: ContextValue)] = [], location: Diagnostic, action: ViewAction? = nil,
                loginRequired: Bool = false, adminRequired: Bool = false, success: SuccessSpec = SuccessSpec()) {
        self.path = path
        self.endpoint = endpoint
        self.methods = methods
        self.template = template
        self.context = context
        self.location = location
        self.action = action
        self.loginRequired = loginRequired
        self.adminRequired = adminRequired
        self.success = success
    }
}
