import SakyumTemplates

/// `current_user` for a visitor who is not logged in (Flask-Login's AnonymousUserMixin).
struct AnonymousUser: TemplateObject {
    func attribute(_ name: String) -> Value? {
        switch name {
        case "is_authenticated", "is_active", "is_admin", "is_superuser": .bool(false)
        case "is_anonymous": .bool(true)
        case "get_id": .callable(TemplateFunction { _ in .none })
        default: nil
        }
    }

    var renderedText: String { "AnonymousUser" }
}
