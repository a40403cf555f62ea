import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import HTTPTypes
import NIOCore

/// A static file ready to be answered without a task or HTTPTypes values: its body in memory and the
/// bytes of its 200 and 304 response heads, made once from the headers `StaticResponsePlan` gives
/// (the daemon appends `Date`, `Server` and `X-Request-ID`, then the blank line).
public struct PreparedStaticFile: Sendable {
    public let body: ByteBuffer
    let etag: EntityTag?
    let etagText: String
    let lastModified: Date
    /// "HTTP/1.1 200 OK\r\n" through "Content-Length: N\r\n".
    let okHead: [UInt8]
    let notModifiedHead: [UInt8]

    init(file: StaticFile, body: ByteBuffer) {
        self.body = body
        etagText = file.etag
        etag = EntityTag(Substring(file.etag))
        lastModified = Date(timeIntervalSince1970: file.modified.timeIntervalSince1970.rounded(.down))
        let ok = StaticResponsePlan(file: file, method: .get, headers: [:])
        let notModified = StaticResponsePlan(file: file, method: .get, headers: [.ifNoneMatch: file.etag])
        okHead = ResponseHead.bytes(ok.status, ok.headers)
        notModifiedHead = ResponseHead.bytes(notModified.status, notModified.headers)
    }

    /// The answer to a GET or HEAD with at most these validators (RFC 9110 §13.2.2, as `StaticResponsePlan`):
    /// the head's bytes, the status, and the body to send (nil for HEAD and 304).
    public func answer(ifNoneMatch: String?, ifModifiedSince: String?, isHead: Bool) -> (head: [UInt8], status: Int, body: ByteBuffer?) {
        let unchanged: Bool
        if let ifNoneMatch {
            unchanged = etag.map { EntityTagCondition(ifNoneMatch).contains($0, strong: false) } ?? false
        } else if let ifModifiedSince, let date = HTTPDate.date(from: ifModifiedSince) {
            unchanged = lastModified <= date
        } else {
            unchanged = false
        }
        if unchanged { return (notModifiedHead, 304, nil) }
        return (okHead, 200, isHead ? nil : body)
    }
}

/// The small static files of one Site, kept in memory for the daemon's fast path. An entry is checked with
/// one stat per request (a file changed, replaced or removed is read again or given up), so an edit shows at
/// once; a sub-path the project has no file for (a built-in asset's) is remembered as absent; a new Site (any
/// change to the project, a file added included) starts empty. Bounded: files up to `maximumFileSize`,
/// `maximumEntries` of them and `maximumBytes` in all; when full, the older half is dropped.
final class StaticFileCache: Sendable {
    static let maximumFileSize = 256 * 1024
    static let maximumEntries = 512

    private struct Entry: Sendable {
        var path: String
        var prepared: PreparedStaticFile
        var order: Int
    }

    private let entries = Mutex<(files: [String: Entry], absent: Set<String>, next: Int, bytes: Int)>(([:], [], 0, 0))
    /// Local path → the static rule's `filename`, or nil when the path routes elsewhere: the Site's rules never
    /// change, and matching them is most of what answering a small file costs. Emptied when full.
    private let routed = Mutex<[String: String?]>([:])
    static let maximumBytes = 16 * 1024 * 1024
    static let maximumRoutes = 4096

    /// `match()` once per distinct path.
    func staticSubpath(of localPath: String, match: () -> String?) -> String? {
        if let known = routed.withLock({ $0[localPath] }) { return known }
        let subpath = match()
        routed.withLock { memo in
            if memo.count >= Self.maximumRoutes { memo.removeAll(keepingCapacity: true) }
            memo[localPath] = .some(subpath)
        }
        return subpath
    }

    /// The prepared file for a decoded sub-path of `folder`, or nil (missing, refused, too large, unreadable):
    /// the caller then takes the usual path, which answers those.
    func prepared(_ subpath: String, in folder: StaticFileFolder) -> PreparedStaticFile? {
        let (known, absent) = entries.withLock { state in (state.files[subpath], state.absent.contains(subpath)) }
        if absent { return nil }
        if let entry = known {
            if let identity = StaticFileFolder.identity(ofResolvedPath: entry.path), identity.etag == entry.prepared.etagText {
                return entry.prepared
            }
            entries.withLock { state in
                if let gone = state.files.removeValue(forKey: subpath) { state.bytes -= gone.prepared.body.readableBytes }
            }
        }
        // Most misses are files the project does not have (a built-in asset): one stat says so, where
        // resolving (realpath) would read every link on the way, and it is remembered: asked again on every
        // request, that failing stat was a path walk in the kernel per built-in asset served.
        var info = stat()
        guard stat(folder.rootPath + "/" + subpath, &info) == 0 else {
            entries.withLock { state in
                if state.absent.count >= Self.maximumEntries { state.absent.removeAll(keepingCapacity: true) }
                state.absent.insert(subpath)
            }
            return nil
        }
        // A miss reads the file on the caller's thread: at most 256 KiB, once per file and Site.
        guard let file = folder.resolve(decodedSubpath: subpath), file.size <= Self.maximumFileSize,
              let bytes = FileManager.default.contents(atPath: file.url.path), bytes.count == file.size,
              StaticFileFolder.identity(ofResolvedPath: file.url.path)?.etag == file.etag else { return nil }
        let prepared = PreparedStaticFile(file: file, body: ByteBuffer(bytes: bytes))
        entries.withLock { state in
            if state.files.count >= Self.maximumEntries || state.bytes + bytes.count > Self.maximumBytes {
                let cutoff = state.next - Self.maximumEntries / 2
                state.files = state.files.filter { $0.value.order >= cutoff }
                state.bytes = state.files.values.reduce(0) { $0 + $1.prepared.body.readableBytes }
            }
            if let replaced = state.files[subpath] { state.bytes -= replaced.prepared.body.readableBytes }
            state.files[subpath] = Entry(path: file.url.path, prepared: prepared, order: state.next)
            state.bytes += bytes.count
            state.next += 1
        }
        return prepared
    }
}
