/// The files and folders a scaffold creates, as paths relative to a root, in creation order.
public struct FileTree: Sendable {
    /// One thing to create.
    public enum Entry: Sendable, Equatable {
        case directory
        case file(bytes: [UInt8], permissions: UInt16)
        /// A copy of an existing regular file, read when the tree is created (uploads may be large).
        case copy(source: String, permissions: UInt16)
    }

    public private(set) var entries: [(path: String, entry: Entry)] = []

    public init() {}

    /// Adds an empty folder.
    public mutating func addDirectory(_ path: String) {
        entries.append((path, .directory))
    }

    /// Adds a UTF-8 text file.
    public mutating func addFile(_ path: String, text: String, permissions: UInt16 = 0o644) {
        entries.append((path, .file(bytes: Array(text.utf8), permissions: permissions)))
    }

    /// Adds a binary file.
    public mutating func addFile(_ path: String, bytes: [UInt8], permissions: UInt16 = 0o644) {
        entries.append((path, .file(bytes: bytes, permissions: permissions)))
    }

    /// Adds a copy of the regular file at `source`.
    public mutating func addCopy(_ path: String, of source: String, permissions: UInt16 = 0o644) {
        entries.append((path, .copy(source: source, permissions: permissions)))
    }

    /// Whether something is already planned at `path`.
    public func contains(_ path: String) -> Bool {
        entries.contains { $0.path == path }
    }

    /// The relative paths, folders ending in `/`.
    public var paths: [String] {
        entries.map { $0.entry == .directory ? $0.path + "/" : $0.path }
    }
}
