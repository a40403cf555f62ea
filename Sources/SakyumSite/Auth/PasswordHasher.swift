import HummingbirdBcrypt
import NIOPosix

/// bcrypt (cost 12) on NIO's thread pool: never on an event loop, never on the concurrency pool's few threads.
enum PasswordHasher {
    static let cost: UInt8 = 12

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Hashes Flask-Bcrypt wrote (`$2b$`, `$2a$`, and `$2y$`, the same algorithm under PHP's name) verify.
    static func verify(_ password: String, hash: String) async throws -> Bool {
        guard hash.hasPrefix("$2"), hash.utf8.count == 60 else { return false }
        let normalized = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: normalized) }
    }

    /// Spends the time of a real check when there is no user, so response times do not tell which usernames exist.
    static func verifyNothing(_ password: String) async throws {
        _ = try await verify(password, hash: dummyHash)
    }

    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuU0KXeRqbxkS1dvBoQj/sF2GSkdXoA8y"
}
