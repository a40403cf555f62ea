import Synchronization

/// Holds the current `SiteTable`. Requests read a snapshot without waiting on reloads; the
/// supervisor swaps in a whole new table, so a request never sees a half-updated one.
final class SiteTableBox: Sendable {
    private let table = Mutex(SiteTable.empty)

    init() {}

    var current: SiteTable {
        table.withLock { $0 }
    }

    func replace(with newTable: SiteTable) {
        table.withLock { $0 = newTable }
    }
}
