/// The files and folders a scaffold creates, as paths relative to a root, in creation order.
struct FileTree: Sendable {
    /// One thing to create.
    enum Entry: Sendable, Equatable {
        case directory
        case file(bytes: [UInt8], permissions: UInt16)
    }

    private(set) var entries: [(path: String, entry: Entry)] = []

    /// Adds an empty folder.
    mutating func addDirectory(_ path: String) {
        entries.append((path, .directory))
    }

    /// Adds a UTF-8 text file.
    mutating func addFile(_ path: String, text: String, permissions: UInt16 = 0o644) {
        entries.append((path, .file(bytes: Array(text.utf8), permissions: permissions)))
    }

    /// Adds a binary file.
    mutating func addFile(_ path: String, bytes: [UInt8], permissions: UInt16 = 0o644) {
        entries.append((path, .file(bytes: bytes, permissions: permissions)))
    }

    /// The relative paths, folders ending in `/`.
    var paths: [String] {
        entries.map { $0.entry == .directory ? $0.path + "/" : $0.path }
    }
}
