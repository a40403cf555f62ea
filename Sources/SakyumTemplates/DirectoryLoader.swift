import Foundation

/// Loads templates from files under a root directory, never from outside it.
///
/// Names with `..` segments, absolute names, backslashes and paths whose resolved location
/// (after following symlinks) leaves the root are reported as not found.
public struct DirectoryLoader: TemplateLoader {
    private let root: URL

    /// Creates a loader for files under `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    public func load(_ name: String) throws -> TemplateSource? {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
            segments.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." })
        else { return nil }
        let file = segments.reduce(root) { $0.appendingPathComponent(String($1)) }
        let resolved = file.resolvingSymlinksInPath().path
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.hasPrefix(rootPath) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        // Foundation leaks its read buffer for an empty file (see SakyumSpec's TextFile): empty partials are common.
        let size = try FileManager.default.attributesOfItem(atPath: resolved)[.size] as? Int
        let data = size == 0 ? Data() : try Data(contentsOf: URL(fileURLWithPath: resolved))
        return TemplateSource(text: String(decoding: data, as: UTF8.self), origin: file.path)
    }
}
