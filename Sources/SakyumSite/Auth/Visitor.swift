import Foundation
import Hummingbird
import SakyumStore
import SakyumTemplates
import Synchronization

/// Who is asking: the session and, when logged in, the user's row. Made once per request by `SiteAuth`.
final class Visitor: Sendable {
    let session: RequestSession
    let user: Record?
    /// The session was restored from the remember cookie or the browser changed: fresh-only pages ask to log in again.
    var isFresh: Bool { user != nil && session.state.fresh }
    /// What to do with the remember cookie when the response goes out.
    let rememberChange = Mutex<RememberChange>(.keep)
    /// The CSRF token signed for this request and the session secret it carries, reused as Flask-WTF reuses
    /// `g.csrf_token`: a list with a delete form on every row asks for it once per row.
    let signedCSRFToken = Mutex<(secret: String, token: String)?>(nil)

    enum RememberChange: Sendable {
        case keep
        case set(String)
        case clear
    }

    /// False for a request answered without reading or writing the session (a static file, or a failure
    /// before the session was read): its pages get no CSRF token and no flashed messages.
    let hasSession: Bool

    init(session: RequestSession, user: Record?, hasSession: Bool = true) {
        self.session = session
        self.user = user
        self.hasSession = hasSession
    }

    /// An anonymous visitor whose session is neither read nor written.
    static func sessionless() -> Visitor {
        Visitor(session: RequestSession(SessionState()), user: nil, hasSession: false)
    }

    var isAdmin: Bool { user.map(Self.isAdmin) ?? false }

    /// Admin pages are for users with `is_admin` or `is_superuser`.
    static func isAdmin(_ user: Record) -> Bool {
        user["is_admin"] == .boolean(true) || user["is_superuser"] == .boolean(true)
    }

    /// `current_user` in templates.
    var templateValue: Value {
        user.map { .object(SignedInUser(record: $0)) } ?? Self.anonymous
    }

    private static let anonymous = Value.object(AnonymousUser())
}

/// `current_user` for a logged-in visitor (Flask-Login's UserMixin over sakyum's User row). The password
/// hash is never readable from a template.
struct SignedInUser: TemplateObject {
    let record: Record

    func attribute(_ name: String) -> Value? {
        switch name {
        case "is_authenticated", "is_active": .bool(true)
        case "is_anonymous": .bool(false)
        case "password": nil
        case "get_id": .callable(TemplateFunction { [id = record.id.displayText] _ in .string(id) })
        default: record[name]?.templateValue
        }
    }

    var renderedText: String { record["username"]?.displayText ?? "" }
}
