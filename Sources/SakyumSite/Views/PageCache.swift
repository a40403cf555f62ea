import Synchronization

/// Pages rendered for anonymous visitors, reused while nothing was written to the database: the same
/// URL then renders the same HTML for everyone without a session. A new Site (a reload) starts empty;
/// a page that touched the session (a CSRF token, a flash) is never kept. Writes made to the database
/// file by another program are not seen until the next reload.
final class PageCache: Sendable {
    static let capacity = 512
    static let largestPage = 512 * 1024
    /// All pages together, so a flood of distinct URLs cannot hold much memory.
    static let budget = 16 * 1024 * 1024

    private struct Entry {
        let generation: Int
        let html: String
    }

    private let pages = Mutex<(entries: [String: Entry], bytes: Int)>(([:], 0))

    func page(_ key: String, generation: Int) -> String? {
        pages.withLock { pages in
            guard let entry = pages.entries[key], entry.generation == generation else { return nil }
            return entry.html
        }
    }

    func keep(_ html: String, key: String, generation: Int) {
        let size = html.utf8.count
        guard size <= Self.largestPage else { return }
        pages.withLock { pages in
            if pages.entries.count >= Self.capacity || pages.bytes + size > Self.budget {
                pages = ([:], 0)
            }
            pages.bytes += size - (pages.entries[key]?.html.utf8.count ?? 0)
            pages.entries[key] = Entry(generation: generation, html: html)
        }
    }
}
