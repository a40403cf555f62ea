import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A project's secret (sakyum's secret.py): 32 random bytes as 64 lowercase hex digits.
public enum SecretKey {
    /// A new key from the system's secure random source, followed by a newline.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var key = ""
        for _ in 0..<32 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            key += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return key + "\n"
    }
}

/// Makes sure a project has its secret.key, as a project copied without it (a secret is never
/// committed) must still start.
public enum ProjectSecret {
    public static let fileName = "secret.key"

    /// Writes a new key with mode 0600 when the project has none; never replaces an existing one.
    /// Returns whether a key was written.
    @discardableResult
    public static func ensure(in projectDirectory: URL) throws(ScaffoldError) -> Bool {
        let path = projectDirectory.appendingPathComponent(fileName).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw ScaffoldError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(SecretKey.generate().utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else {
            unlink(path)
            throw ScaffoldError(.io, "cannot write \(path)")
        }
        return true
    }
}
