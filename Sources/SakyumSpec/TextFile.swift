import Foundation

/// Reads a whole file as UTF-8 text.
public enum TextFile {
    /// Foundation's readers (String, Data and FileManager alike, Swift 6.3 on Linux) leak the buffer they
    /// allocate for an empty file; a project reloaded with an empty YAML file would lose 4 KiB each time.
    /// An empty file is read here without them.
    public static func read(_ url: URL) throws -> String {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        if size == 0 { return "" }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
