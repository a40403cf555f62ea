import Synchronization

/// What a Site learns about a request that the daemon's access log wants: the project, the user, and
/// whether the project logs its requests. The daemon binds one to the task that answers the request
/// (`RequestNote.$current`); the Site fills it in. A task-local, so no signature in between has to carry it.
public final class RequestNote: Sendable {
    @TaskLocal public static var current: RequestNote?

    private let state = Mutex<(project: String?, userID: String?, logged: Bool)>((nil, nil, true))

    public init() {}

    public var project: String? { state.withLock { $0.project } }
    public var userID: String? { state.withLock { $0.userID } }
    /// False when the project says `access_log: false`.
    public var isLogged: Bool { state.withLock { $0.logged } }

    func note(project: String, logged: Bool) {
        state.withLock {
            $0.project = project
            $0.logged = logged
        }
    }

    func note(userID: String?) {
        state.withLock { $0.userID = userID }
    }
}
