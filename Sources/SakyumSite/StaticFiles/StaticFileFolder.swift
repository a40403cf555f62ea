import Foundation
import SakyumSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder whose files are served as they are, never anything outside it.
public struct StaticFileFolder: Sendable {
    /// The folder; it is resolved (symlinks followed) on each lookup, so it may appear later.
    public let root: URL
    /// `root.path`, made once: URL's getter is slow enough to show in a static file's answer.
    let rootPath: String

    /// A folder rooted at `root`.
    public init(root: URL) {
        self.root = root
        self.rootPath = root.path
    }

    /// Looks up a URL sub-path as it came in the request, still percent-encoded, e.g.
    /// `css/site%20v2.css`. Nil for anything unsafe or missing: empty, absolute or `.`/`..`
    /// segments (also when encoded), encoded `/` or `\` or NUL in a segment, backslashes,
    /// directories, files that are not readable, and symlinks resolving outside the root.
    public func resolve(_ encodedSubpath: String) -> StaticFile? {
        var segments: [String] = []
        for raw in encodedSubpath.split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = PercentEncoding.decode(raw) else { return nil }
            segments.append(segment)
        }
        return resolve(segments: segments)
    }

    /// Looks up an already decoded sub-path whose every `/` separates segments, such as a
    /// `path` route argument; the same refusals apply as for `resolve(_:)`.
    public func resolve(decodedSubpath: String) -> StaticFile? {
        resolve(segments: decodedSubpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    private func resolve(segments: [String]) -> StaticFile? {
        guard let name = segments.last, segments.allSatisfy(Self.isPlainName) else { return nil }
        guard let resolvedRoot = Self.realPath(rootPath),
            let filePath = Self.realPath(rootPath + "/" + segments.joined(separator: "/"))
        else { return nil }
        let rootPrefix = resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/"
        guard filePath.utf8.count > rootPrefix.utf8.count, filePath.utf8.starts(with: rootPrefix.utf8) else { return nil }

        guard access(filePath, R_OK) == 0, let (size, modified, etag) = Self.identity(ofResolvedPath: filePath) else { return nil }
        return StaticFile(url: URL(fileURLWithPath: filePath), size: size, modified: modified,
                          contentType: StaticContentType.forFile(named: name), etag: etag)
    }

    /// A regular file's size, modification time and strong entity tag (inode, size and modification time),
    /// from one stat: the same file gives the same tag, and any change to it or in its place a new one.
    static func identity(ofResolvedPath path: String) -> (size: Int, modified: Date, etag: String)? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        let nanoseconds = Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec)
        let size = Int(info.st_size)
        let etag = "\"\(String(UInt64(info.st_ino), radix: 16))-\(String(size, radix: 16))-\(String(nanoseconds, radix: 16))\""
        return (size, Date(timeIntervalSince1970: TimeInterval(modified.tv_sec) + TimeInterval(modified.tv_nsec) / 1e9), etag)
    }

    /// A segment that names an entry of its directory and nothing else.
    private static func isPlainName(_ segment: String) -> Bool {
        !segment.isEmpty && segment != "." && segment != ".."
            && !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
