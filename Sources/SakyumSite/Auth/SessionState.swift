import Foundation
import Synchronization

/// What a project's signed `session` cookie carries (Flask's session as Flask-Login uses it).
struct SessionState: Codable, Equatable, Sendable {
    /// The logged-in user's id.
    var userID: Int?
    /// The user's auth nonce when they logged in: a password change makes it stale, ending the session.
    var nonce: String?
    /// Logged in with a password in this session (not restored from the remember cookie, same browser).
    var fresh = false
    /// A digest of the User-Agent at login; another agent makes the session not fresh.
    var agent: String?
    /// The secret CSRF tokens of this session are derived from.
    var csrf: String?
    /// Flashed messages not shown yet: [category, message].
    var flashes: [[String]] = []

    enum CodingKeys: String, CodingKey {
        case userID = "u", nonce = "n", fresh = "f", agent = "a", csrf = "c", flashes = "m"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decodeIfPresent(Int.self, forKey: .userID)
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
        fresh = try container.decodeIfPresent(Bool.self, forKey: .fresh) ?? false
        agent = try container.decodeIfPresent(String.self, forKey: .agent)
        csrf = try container.decodeIfPresent(String.self, forKey: .csrf)
        flashes = try container.decodeIfPresent([[String]].self, forKey: .flashes) ?? []
    }

    /// The state a session cookie's payload carries; nil when it is not one.
    init?(payload: [UInt8]) {
        guard let state = try? JSONDecoder().decode(SessionState.self, from: Data(payload)) else { return nil }
        self = state
    }

    var isEmpty: Bool { self == SessionState() }
}

/// One request's session: read from the cookie, changed by login, flashes and CSRF, written back only when changed.
/// Sendable (a Mutex inside) because template functions like `csrf_token()` change it while rendering.
final class RequestSession: Sendable {
    private let storage: Mutex<(state: SessionState, modified: Bool)>

    init(_ state: SessionState) {
        storage = Mutex((state, false))
    }

    var state: SessionState { storage.withLock { $0.state } }
    var isModified: Bool { storage.withLock { $0.modified } }

    @discardableResult
    func update<T>(_ body: (inout SessionState) -> T) -> T {
        storage.withLock { storage in
            let before = storage.state
            let result = body(&storage.state)
            if storage.state != before { storage.modified = true }
            return result
        }
    }

    func flash(_ message: String, category: String = "message") {
        update { $0.flashes.append([category, message]) }
    }

    /// Flask's `get_flashed_messages`: takes them out of the session.
    func takeFlashes() -> [[String]] {
        update { state in
            defer { state.flashes = [] }
            return state.flashes
        }
    }
}
