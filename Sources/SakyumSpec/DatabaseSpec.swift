/// Where a project keeps its data: project.yaml's `database:`.
public enum DatabaseSpec: Sendable, Hashable, CustomStringConvertible {
    /// `sqlite:FILE`: a file inside the project folder, the embedded default.
    case sqlite(file: String)
    /// `postgresql://USER@HOST:PORT/DB`: a server several daemons can share.
    case postgres(PostgresLocation)

    public static let `default` = DatabaseSpec.sqlite(file: "default.db")

    /// As project.yaml writes it, without a password.
    public var description: String {
        switch self {
        case .sqlite(let file): "sqlite:\(file)"
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL database as project.yaml names it. It never holds the password: that is read when the
/// database is opened, from `password_file` or the daemon's `PGPASSWORD`, so status and logs can show
/// `description` as it is.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The folder of the server's socket (`?host=/run/postgresql`); the file is `.s.PGSQL.PORT` in it.
        case unixSocket(folder: String, port: Int)

        public var socketPath: String? {
            guard case let .unixSocket(folder, port) = self else { return nil }
            return (folder.hasSuffix("/") ? folder : folder + "/") + ".s.PGSQL.\(port)"
        }
    }

    /// libpq's `sslmode`, the values that mean something here.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable
        /// Encrypted, the server's certificate not checked (libpq's `require`).
        case require
        /// Encrypted, the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public static let defaultPort = 5432
    public static let defaultPoolSize = 10
    /// How long a request waits for a free connection before it is answered 503.
    public static let defaultPoolTimeout = 5

    public var endpoint: Endpoint
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// A file holding the password (relative to the project folder, or absolute), or nil for `PGPASSWORD`
    /// or a server that asks for none.
    public var passwordFile: String?
    /// Connections this daemon keeps open to the database for this project, at most.
    public var poolSize: Int
    /// Seconds a request waits for one of them.
    public var poolTimeout: Int

    public init(endpoint: Endpoint, user: String, database: String, tls: TLSMode = .disable, passwordFile: String? = nil,
                poolSize: Int = Self.defaultPoolSize, poolTimeout: Int = Self.defaultPoolTimeout) {
        self.endpoint = endpoint
        self.user = user
        self.database = database
        self.tls = tls
        self.passwordFile = passwordFile
        self.poolSize = poolSize
        self.poolTimeout = poolTimeout
    }

    /// `postgresql://USER@HOST[:PORT]/DB[?host=/socket/folder&port=N&sslmode=MODE]` (also `postgres://`).
    /// Throws a message for project.yaml's diagnostics; a password in the URL is refused, never echoed.
    public init(url: String) throws(DatabaseURLError) {
        let scheme = ["postgresql://", "postgres://"].first { url.hasPrefix($0) }
        guard let scheme else {
            let kind = url.prefix { $0.isLetter || $0.isNumber || $0 == "+" }
            throw DatabaseURLError("\(kind.isEmpty ? "this database" : "'\(kind)'") is not supported: use sqlite:FILE or postgresql://USER@HOST:PORT/DB")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var parameters: [(String, String)] = []
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let key = Self.decoded(parts[0]), let value = Self.decoded(parts[1]) else {
                    throw DatabaseURLError("the query part must be key=value pairs joined by &")
                }
                parameters.append((key, value))
            }
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw DatabaseURLError("the URL must end in /DATABASE") }
        guard let database = Self.decoded(rest[rest.index(after: slash)...]), !database.isEmpty, !database.contains("/") else {
            throw DatabaseURLError("the URL must end in /DATABASE")
        }
        let authority = rest[..<slash]
        guard let at = authority.lastIndex(of: "@") else {
            throw DatabaseURLError("the URL must name the user: postgresql://USER@HOST/DB")
        }
        let userInfo = authority[..<at]
        guard !userInfo.contains(":") else {
            throw DatabaseURLError("the password must not be in project.yaml: give password_file, or PGPASSWORD in the daemon's environment")
        }
        guard let user = Self.decoded(userInfo), !user.isEmpty else {
            throw DatabaseURLError("the URL must name the user: postgresql://USER@HOST/DB")
        }
        var hostPart = authority[authority.index(after: at)...]
        var port = Self.defaultPort
        if let colon = hostPart.lastIndex(of: ":"), !hostPart.hasSuffix("]") {
            guard let number = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(number) else {
                throw DatabaseURLError("the port must be a number from 1 to 65535")
            }
            port = number
            hostPart = hostPart[..<colon]
        }
        var host = String(hostPart.filter { $0 != "[" && $0 != "]" })
        var tls = TLSMode.disable
        for (key, value) in parameters {
            switch key {
            case "host": host = value
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw DatabaseURLError("the port must be a number from 1 to 65535")
                }
                port = number
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw DatabaseURLError("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "password":
                throw DatabaseURLError("the password must not be in project.yaml: give password_file, or PGPASSWORD in the daemon's environment")
            default:
                throw DatabaseURLError("unknown parameter '\(key)' (known: host, port, sslmode)")
            }
        }
        guard !host.isEmpty else { throw DatabaseURLError("the URL must name a host, or a socket folder with ?host=/path") }
        if host.hasPrefix("/") {
            guard tls == .disable else { throw DatabaseURLError("sslmode applies to TCP connections, not to a Unix socket") }
            endpoint = .unixSocket(folder: host, port: port)
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        self.user = user
        self.database = database
        self.tls = tls
        self.passwordFile = nil
        self.poolSize = Self.defaultPoolSize
        self.poolTimeout = Self.defaultPoolTimeout
    }

    /// The URL without any secret, as status, logs and diagnostics show it.
    public var description: String {
        var text = "postgresql://\(user)@"
        var query: [String] = []
        switch endpoint {
        case let .tcp(host, port):
            text += host.contains(":") ? "[\(host)]" : host
            if port != Self.defaultPort { text += ":\(port)" }
        case let .unixSocket(folder, port):
            query.append("host=\(folder)")
            if port != Self.defaultPort { query.append("port=\(port)") }
        }
        text += "/\(database)"
        if tls != .disable { query.append("sslmode=\(tls.rawValue)") }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    private static func decoded(_ text: Substring) -> String? {
        PercentEncoding.decode(text)
    }
}

/// Why a `database:` URL was refused, in words for a diagnostic.
public struct DatabaseURLError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
