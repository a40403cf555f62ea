import Foundation
import SakyumSpec
import SakyumStore
#if canImport(Glibc)
import Glibc
#endif

/// Opens the database a project's description names, or keeps the one it has when that still is it.
struct DatabaseOpener {
    let project: String
    let directory: URL
    /// The daemon's environment, for `PGPASSWORD`.
    var environment: [String: String] = ProcessInfo.processInfo.environment

    func open(_ spec: DatabaseSpec, reusing current: StoreDatabase?) throws(ProjectLoadError) -> StoreDatabase {
        let project = self.project
        let waits: @Sendable (StoreAccess, Duration) -> Void = { access, waited in
            DaemonMetrics.databaseWait(project: project, access: access, waited: waited)
        }
        switch spec {
        case .sqlite(let file):
            let path = directory.appendingPathComponent(file).path
            if let current, current.path == path { return current }
            do {
                return try StoreDatabase(path: path, waits: waits)
            } catch {
                throw ProjectLoadError([Diagnostic(file: file, message: "cannot open the database: \(error)")])
            }
        case .postgres(let location):
            let password = try password(for: location)
            if let current, current.isOpen(on: location, password: password) {
                return current
            }
            do {
                return try StoreDatabase(postgres: location, password: password, waits: waits)
            } catch {
                throw ProjectLoadError([Diagnostic(file: "project.yaml", message: "cannot use the database \(location): \(error)")])
            }
        }
    }

    /// From `password_file` (a file only the daemon's user and group can read, like secret.key), else
    /// `PGPASSWORD` in the daemon's environment, else none (peer or trust authentication).
    func password(for location: PostgresLocation) throws(ProjectLoadError) -> String? {
        guard let file = location.passwordFile else { return environment["PGPASSWORD"] }
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw ProjectLoadError([Diagnostic(file: "project.yaml", message: "database: password_file \(file) cannot be read: \(String(cString: strerror(errno)))")])
        }
        guard status.st_mode & 0o027 == 0 else {
            throw ProjectLoadError([Diagnostic(file: "project.yaml", message:
                "database: password_file \(file) is readable by others or writable by its group (mode \(String(status.st_mode & 0o777, radix: 8))); chmod 0600 or 0640 it")])
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ProjectLoadError([Diagnostic(file: "project.yaml", message: "database: password_file \(file) cannot be read as text")])
        }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else {
            throw ProjectLoadError([Diagnostic(file: "project.yaml", message: "database: password_file \(file) is empty")])
        }
        return password
    }
}
