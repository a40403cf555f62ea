import Glibc
import Synchronization

/// When a project last had a request: read by the idle sweep, written by every request (only when the second
/// changed, so busy projects do not bounce the cache line between cores).
final class ProjectActivity: Sendable {
    let name: String
    private let lastRequest = Atomic<Int>(0)

    init(name: String) {
        self.name = name
    }

    /// Seconds since the Unix epoch (wall clock, as status shows it).
    static var now: Int { Int(time(nil)) }

    func touch(at now: Int = ProjectActivity.now) {
        if lastRequest.load(ordering: .relaxed) != now {
            lastRequest.store(now, ordering: .relaxed)
        }
    }

    /// Nil before the first request.
    var lastRequestTime: Int? {
        let value = lastRequest.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
