import Foundation
import SakyumSpec
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster for this test process: made with initdb in a temporary folder, listening
/// on a Unix socket there and on a loopback port, run as an unprivileged user (`nobody` when the tests run
/// as root, as CI's do), and stopped when the process exits. No system service is assumed or touched.
///
/// `scripts/install-deps --test` installs Debian's postgresql; `SAKYUM_PG_BIN` names another bin folder.
public final class PostgresServer: Sendable {
    public let folder: URL
    public let port: Int
    private let bin: URL
    private let databaseCount = Atomic<Int>(0)

    /// The socket's folder, for `?host=` in a URL.
    public var socketFolder: String { folder.appendingPathComponent("socket").path }

    /// The cluster every test of this process shares, started by the first that asks.
    public static func shared() throws -> PostgresServer {
        try started.withLock { server in
            if let server { return server }
            let new = try PostgresServer()
            server = new
            return new
        }
    }

    /// A cluster of the caller's own, for a test that stops and starts the server; stopped when it goes away.
    public static func own() throws -> PostgresServer {
        try PostgresServer()
    }

    private static let started = Mutex<PostgresServer?>(nil)
    /// Every cluster still running (bin folder, folder), stopped at exit whatever the tests did.
    private static let running = Mutex<[String: String]>([:])
    private static let exitHook: Void = {
        atexit {
            for (folder, bin) in PostgresServer.running.withLock({ $0 }) {
                PostgresServer.run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"], asServer: true)
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }()

    deinit {
        Self.run(bin.appendingPathComponent("pg_ctl").path, ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"],
                 asServer: true)
        try? FileManager.default.removeItem(at: folder)
        _ = Self.running.withLock { $0.removeValue(forKey: folder.path) }
    }

    private init() throws {
        guard let bin = Self.binFolder() else {
            throw TestFailure("PostgreSQL is not installed: run scripts/install-deps --test (or set SAKYUM_PG_BIN)")
        }
        self.bin = bin
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("sakyum-pg-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("socket"), withIntermediateDirectories: true)
        port = try Self.freePort()
        if getuid() == 0 {
            // PostgreSQL refuses to run as root: the folder belongs to nobody, who runs every server command.
            chmod(folder.path, 0o755)
            for path in [folder.path, folder.appendingPathComponent("socket").path] {
                guard chown(path, 65534, 65534) == 0 else { throw TestFailure("cannot hand \(path) to nobody") }
            }
        }
        let data = folder.appendingPathComponent("data").path
        let initialized = Self.run(bin.appendingPathComponent("initdb").path,
                                   ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServer: true)
        guard initialized.status == 0 else { throw TestFailure("initdb failed: \(initialized.output)") }
        try start()
        Self.exitHook
        Self.running.withLock { $0[folder.path] = bin.path }
    }

    /// A new, empty database on the cluster, and its URL for project.yaml (user postgres, trust, over the socket).
    public func makeDatabase() throws -> (name: String, url: String) {
        let name = "t\(getpid())_\(databaseCount.add(1, ordering: .relaxed).newValue)"
        let created = Self.run(bin.appendingPathComponent("createdb").path,
                               ["-h", socketFolder, "-p", String(port), "-U", "postgres", name], asServer: false)
        guard created.status == 0 else { throw TestFailure("createdb \(name) failed: \(created.output)") }
        return (name, "postgresql://postgres@localhost/\(name)?host=\(socketFolder)&port=\(port)")
    }

    /// The location of a new database, as project.yaml's URL would give it.
    public func makeLocation() throws -> PostgresLocation {
        try PostgresLocation(url: makeDatabase().url)
    }

    /// Runs SQL through psql on `database` (for what a test sets up around the Store, like another tool would).
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        let result = Self.run(bin.appendingPathComponent("psql").path,
                              ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketFolder, "-p", String(port), "-U", "postgres",
                               "-d", database, "-c", sql], asServer: false)
        guard result.status == 0 else { throw TestFailure("psql failed: \(result.output)") }
        return result.output
    }

    /// Runs the SQL file at `path` through psql on `database`, stopping at the first error (a pg_dump, say).
    public func load(_ path: String, into database: String) throws {
        let result = Self.run(bin.appendingPathComponent("psql").path,
                              ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketFolder, "-p", String(port), "-U", "postgres",
                               "-d", database, "-f", path], asServer: false)
        guard result.status == 0 else { throw TestFailure("psql -f \(path) failed: \(result.output)") }
    }

    /// `pg_dump --schema-only` of `database`: tables, sequences, constraints and indexes as PostgreSQL has them
    /// (without the `\restrict` lines, whose key is new on every run).
    public func schemaDump(of database: String) throws -> String {
        let result = Self.run(bin.appendingPathComponent("pg_dump").path,
                              ["-h", socketFolder, "-p", String(port), "-U", "postgres", "--schema-only", "--no-owner", "--no-privileges",
                               database], asServer: false)
        guard result.status == 0 else { throw TestFailure("pg_dump failed: \(result.output)") }
        return result.output.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }
            .joined(separator: "\n")
    }

    /// Stops the server (a test of what pages do while PostgreSQL is down); `start` brings it back.
    public func stop() throws {
        let result = Self.run(bin.appendingPathComponent("pg_ctl").path,
                              ["-D", folder.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"], asServer: true)
        guard result.status == 0 else { throw TestFailure("pg_ctl stop failed: \(result.output)") }
    }

    /// Starts the server (again, after `stop`): on its socket folder and loopback port, without fsync.
    public func start() throws {
        let options = "-k \(socketFolder) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=300"
        let result = Self.run(bin.appendingPathComponent("pg_ctl").path,
                              ["-D", folder.appendingPathComponent("data").path, "-l", folder.appendingPathComponent("server.log").path,
                               "-o", options, "-w", "-t", "30", "start"], asServer: true)
        guard result.status == 0 else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw TestFailure("the test cluster did not start: \(result.output)\n\(log)")
        }
    }

    private static func binFolder() -> URL? {
        if let path = ProcessInfo.processInfo.environment["SAKYUM_PG_BIN"] { return URL(fileURLWithPath: path) }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.last.map { URL(fileURLWithPath: "\(root)/\($0)/bin") }
    }

    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a PostgreSQL program and waits; as `nobody` when `asServer` and this process is root.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: Process learns of the end of a child through
    /// a descriptor the child inherits, and the server pg_ctl starts inherits it too, so pg_ctl never "ends".
    @discardableResult
    static func run(_ program: String, _ arguments: [String], asServer: Bool) -> (status: Int32, output: String) {
        // From /tmp, which nobody may enter (the test's own folder may not be).
        let command = ["/usr/bin/env", "-C", "/tmp"] + (asServer && getuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", program] + arguments
            : [program] + arguments)
        let file = NSTemporaryDirectory() + "sakyum-pg-output-\(UUID().uuidString)"
        defer { unlink(file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { return (-1, "\(command[0]) did not start: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, output)
    }
}
