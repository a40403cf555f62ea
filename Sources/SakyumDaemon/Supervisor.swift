import Foundation
import Logging
import NIOPosix
import SakyumSite
import SakyumSpec
import SakyumStore

/// Owns every project of the projects directory: keeps a record of each, has it compiled, keeps the last
/// good Site when a reload fails, and publishes a new `SiteTable` after every change.
///
/// Compiling runs off the actor (`ProjectCompiler`, on NIO's blocking thread pool): the actor only hands
/// out what a load needs and swaps in what it made, so status, control requests and the watchdog never
/// wait behind a slow project.
actor Supervisor {
    nonisolated let projectsDirectory: URL
    nonisolated let table: SiteTableBox
    private let defaultProject: String?
    private let compiler: ProjectCompiler
    private let logger: Logger
    /// Told "N projects, M with errors" after every change (systemd's STATUS=).
    private let onPublish: @Sendable (_ summary: String) -> Void

    private var records: [String: ProjectRecord] = [:]
    /// Projects in the order they were first seen: on a host or prefix conflict the earlier one wins.
    private var order: [String] = []
    /// The number of the latest load started per project: a load that finishes after a later one started
    /// is dropped, so an older description never replaces a newer one.
    private var latestLoad: [String: Int] = [:]

    init(projectsDirectory: URL, defaultProject: String?, applyingAdditiveSchema: Bool = false, logger: Logger,
         onPublish: @escaping @Sendable (_ summary: String) -> Void = { _ in }) {
        self.projectsDirectory = projectsDirectory.standardizedFileURL
        self.table = SiteTableBox()
        self.defaultProject = defaultProject
        self.compiler = ProjectCompiler(projectsDirectory: self.projectsDirectory, applyingAdditiveSchema: applyingAdditiveSchema,
                                        logger: logger)
        self.logger = logger
        self.onPublish = onPublish
    }

    /// "3 projects, 1 with errors".
    var summary: String {
        let failing = records.values.filter { $0.state != .serving }.count
        return "\(records.count) project\(records.count == 1 ? "" : "s"), \(failing) with errors"
    }

    /// Loads every project directory (a folder with a project.yaml; hidden folders skipped).
    func loadAll() async {
        for name in ProjectDirectories.names(in: projectsDirectory) {
            await load(name)
        }
        publish()
    }

    /// Reloads one project from disk (removing it if its directory is gone) and republishes; nil when
    /// there is no such project.
    @discardableResult
    func reload(_ name: String) async -> ProjectRecord? {
        let start = ContinuousClock.now
        await load(name)
        publish()
        records[name]?.reloadTimes.record(start.duration(to: .now))
        return records[name]
    }

    /// Reloads every known project and picks up new or removed directories.
    func reloadAll() async -> [ProjectRecord] {
        let names = Set(ProjectDirectories.names(in: projectsDirectory)).union(records.keys)
        var loadTimes: [String: Duration] = [:]
        for name in names.sorted() {
            let start = ContinuousClock.now
            await load(name)
            loadTimes[name] = start.duration(to: .now)
        }
        let publishStart = ContinuousClock.now
        publish()
        let publishTime = publishStart.duration(to: .now)
        for (name, time) in loadTimes { records[name]?.reloadTimes.record(time + publishTime) }
        return self.records(nil)
    }

    /// The records of every project (or of `name`), in the order they were first seen.
    func records(_ name: String?) -> [ProjectRecord] {
        order.compactMap { records[$0] }.filter { name == nil || $0.name == name }
    }

    func hasProject(_ name: String) -> Bool { records[name] != nil }

    /// The project that already serves one of `hosts` or `prefix`, with what it claims.
    func claim(hosts: [String], prefix: String) -> String? {
        for other in records.values {
            guard let site = other.site else { continue }
            if let host = hosts.first(where: { site.hosts.contains($0.lowercased()) }) {
                return "host '\(host)' is already served by project '\(other.name)'"
            }
            if site.prefix == prefix {
                return "prefix '\(prefix)' is already used by project '\(other.name)'"
            }
        }
        return nil
    }

    // MARK: - Loading and publishing

    private func load(_ name: String) async {
        guard FileManager.default.fileExists(atPath: projectsDirectory.appendingPathComponent(name).appendingPathComponent(ProjectLoader.projectFile).path) else {
            if records.removeValue(forKey: name) != nil {
                // Its database closes when the last Site over it is gone (requests in flight keep theirs).
                order.removeAll { $0 == name }
                latestLoad[name] = nil
                logger.info("project \(name) removed", metadata: ["project": "\(name)"])
            }
            return
        }
        if records[name] == nil {
            records[name] = ProjectRecord(name: name)
            order.append(name)
        }
        let ticket = (latestLoad[name] ?? 0) + 1
        latestLoad[name] = ticket
        let current = records[name]!
        let start = ContinuousClock.now
        let compiled = await compiler.compile(name, database: current.database, loginThrottle: current.loginThrottle,
                                              runtimeErrors: current.runtimeErrors)
        DaemonMetrics.reload(project: name, succeeded: compiled.site != nil, duration: start.duration(to: .now))
        guard latestLoad[name] == ticket, var record = records[name] else { return }
        if let site = compiled.site {
            // A database the new Site does not use any more is dropped here, not closed: the previous Site
            // may still be answering requests with it, and it closes when the last of them is done.
            record.site = site
            record.database = compiled.database
            record.diagnostics = []
        } else {
            record.diagnostics = compiled.diagnostics
        }
        records[name] = record
    }

    /// Builds the routing table from scratch; a later project that claims a taken host or prefix is left out.
    private func publish() {
        var table = SiteTable()
        for name in order {
            guard var record = records[name] else { continue }
            record.conflicts = []
            defer { records[name] = record }
            guard let site = record.site else { continue }
            for host in site.hosts {
                if let owner = table.byHost[host] { record.conflicts.append("host '\(host)' is already served by project '\(owner.name)'") }
            }
            if let prefix = site.prefix, let owner = table.byPrefix[String(prefix.dropFirst())] {
                record.conflicts.append("prefix '\(prefix)' is already used by project '\(owner.name)'")
            }
            guard record.conflicts.isEmpty else {
                logger.error("project \(name) is not served: \(record.conflicts.joined(separator: "; "))", metadata: ["project": "\(name)"])
                continue
            }
            for host in site.hosts { table.byHost[host] = site }
            if let prefix = site.prefix { table.byPrefix[String(prefix.dropFirst())] = site }
            if name == defaultProject { table.fallback = site }
        }
        self.table.replace(with: table)
        onPublish(summary)
    }
}

/// What the supervisor knows of one project.
struct ProjectRecord: Sendable {
    enum State: Sendable {
        /// The latest edit loaded and is served.
        case serving
        /// The latest edit failed; the previous version is served.
        case stale
        /// Nothing is served: it never loaded, or another project has its host or prefix.
        case failed
    }

    let name: String
    /// The last version that loaded; kept while newer edits fail.
    var site: Site?
    /// The database `site` uses, kept for the next Site built from the project.
    var database: StoreDatabase?
    /// Failed logins; kept across reloads so a reload does not reset the brute-force limit.
    let loginThrottle = LoginThrottle()
    /// Requests that failed with a 500, across reloads.
    let runtimeErrors = RuntimeErrorLog()
    /// Of the latest load attempt, as `project/file:line:col: message`.
    var diagnostics: [String] = []
    /// Hosts or prefixes another project had first.
    var conflicts: [String] = []
    var reloadTimes = ReloadTimes()

    init(name: String) {
        self.name = name
    }

    var state: State {
        if site == nil || !conflicts.isEmpty { return .failed }
        return diagnostics.isEmpty ? .serving : .stale
    }
}

/// The project folders of a projects directory.
enum ProjectDirectories {
    static func names(in directory: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { name in
            !name.hasPrefix(".") && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).appendingPathComponent(ProjectLoader.projectFile).path)
        }.sorted()
    }
}
