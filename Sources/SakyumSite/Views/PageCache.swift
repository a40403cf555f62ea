import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Pages rendered for anonymous visitors, reused while nothing was written to the database: the same
/// URL then renders the same HTML for everyone without a session. A new Site (a reload) starts empty;
/// a page that touched the session (a CSRF token, a flash) is never kept. Writes made to the database
/// file by another program are not seen until the next reload.
///
/// Each page is kept as the bytes it is sent as, with its response head made once, so the daemon's fast
/// path can answer a cookieless visitor without a task (`Site.cachedPage`).
final class PageCache: Sendable {
    static let capacity = 512
    static let largestPage = 512 * 1024
    /// All pages together, so a flood of distinct URLs cannot hold much memory.
    static let budget = 16 * 1024 * 1024

    private struct Entry {
        let generation: Int
        let page: CachedPage
    }

    private let pages = Mutex<(entries: [String: Entry], bytes: Int)>(([:], 0))

    /// "HOST SCRIPT_ROOT TARGET": what makes two anonymous requests the same page.
    static func key(host: String, scriptRoot: String, target: String) -> String {
        host + " " + scriptRoot + " " + target
    }

    func page(_ key: String, generation: Int) -> CachedPage? {
        pages.withLock { pages in
            guard let entry = pages.entries[key], entry.generation == generation else { return nil }
            return entry.page
        }
    }

    func keep(_ html: [UInt8], key: String, generation: Int) {
        let size = html.count
        guard size <= Self.largestPage else { return }
        let page = CachedPage(html: html)
        pages.withLock { pages in
            if pages.entries.count >= Self.capacity || pages.bytes + size > Self.budget {
                pages = ([:], 0)
            }
            pages.bytes += size - (pages.entries[key]?.page.body.readableBytes ?? 0)
            pages.entries[key] = Entry(generation: generation, page: page)
        }
    }
}

/// A page kept for anonymous visitors: its HTML as bytes, the header fields `Response.html` gives it, and the
/// head of its 200 response made from them once.
public struct CachedPage: Sendable {
    public let body: ByteBuffer
    let headers: HTTPFields
    /// The response head's bytes; the daemon appends `Date`, `Server` and `X-Request-ID`, then the blank line.
    public let head: [UInt8]

    init(html: [UInt8]) {
        let response = Response.html(utf8: html)
        body = ByteBuffer(bytes: html)
        headers = response.headers
        head = ResponseHead.bytes(response.status, response.headers)
    }

    /// The page as the usual path answers it.
    func response(head isHead: Bool) -> Response {
        Response(status: .ok, headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: body))
    }
}
