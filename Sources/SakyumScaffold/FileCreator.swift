#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates files and folders that must not exist yet, remembering each one so that a
/// scaffold failing halfway can remove exactly what it made and nothing else.
struct FileCreator {
    private(set) var created: [String] = []

    /// Writes every entry of `tree` below the existing folder `root`, creating missing parent folders.
    mutating func create(_ tree: FileTree, in root: String) throws(ScaffoldError) {
        for (path, entry) in tree.entries {
            let components = path.split(separator: "/")
            var current = root
            for component in components.dropLast() {
                current += "/" + component
                try makeDirectory(current, allowExisting: true)
            }
            let target = root + "/" + path
            switch entry {
            case .directory:
                try makeDirectory(target, allowExisting: false)
            case .file(let bytes, let permissions):
                try makeFile(target, bytes: bytes, permissions: permissions)
            case .copy(let source, let permissions):
                try copyFile(source, to: target, permissions: permissions)
            }
        }
    }

    /// Creates a folder; an existing folder is accepted (and not recorded) only with `allowExisting`.
    mutating func makeDirectory(_ path: String, allowExisting: Bool) throws(ScaffoldError) {
        if mkdir(path, 0o755) == 0 {
            created.append(path)
            return
        }
        let error = errno
        if error == EEXIST {
            if allowExisting, Self.isDirectory(path) { return }
            throw ScaffoldError(.alreadyExists, "'\(path)' already exists")
        }
        throw Self.ioError("cannot create folder", path, error)
    }

    /// Creates a file that must not exist and writes `bytes` to it.
    mutating func makeFile(_ path: String, bytes: [UInt8], permissions: UInt16) throws(ScaffoldError) {
        let descriptor = try createExclusively(path, permissions: permissions)
        defer { close(descriptor) }
        try Self.writeAll(bytes, to: descriptor, path: path)
    }

    /// Opens a new file for writing, refusing one that exists, and remembers it.
    private mutating func createExclusively(_ path: String, permissions: UInt16) throws(ScaffoldError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else {
            let error = errno
            if error == EEXIST { throw ScaffoldError(.alreadyExists, "'\(path)' already exists") }
            throw Self.ioError("cannot create file", path, error)
        }
        created.append(path)
        return descriptor
    }

    /// Creates a file that must not exist with the bytes of the regular file `source`, in 64 KiB reads.
    mutating func copyFile(_ source: String, to path: String, permissions: UInt16) throws(ScaffoldError) {
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else { throw Self.ioError("cannot read", source, errno) }
        defer { close(input) }
        let descriptor = try createExclusively(path, permissions: permissions)
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.ioError("cannot read", source, errno)
            }
            if count == 0 { return }
            try Self.writeAll(Array(buffer[0..<count]), to: descriptor, path: path)
        }
    }

    /// Removes everything created so far, newest first; best effort, as it runs after a failure.
    mutating func removeCreated() {
        for path in created.reversed() {
            if unlink(path) != 0 { rmdir(path) }
        }
        created.removeAll()
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ScaffoldError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                let error = errno
                if error == EINTR { continue }
                throw ioError("cannot write", path, error)
            }
            offset += written
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func ioError(_ action: String, _ path: String, _ error: Int32) -> ScaffoldError {
        ScaffoldError(.io, "\(action) '\(path)': \(String(cString: strerror(error)))")
    }
}
