import Foundation
import Logging
import NIOPosix
import SakyumSite
import SakyumSpec
import SakyumStore

/// Owns every project of the projects directory: keeps a record of each, has it compiled, keeps the last
/// good Site when a reload fails, and publishes a new `SiteTable` after every change.
///
/// At start only each project.yaml's routing keys are read (`ProjectHead`); a project is compiled on the
/// first request that reaches it (`activate`), and dropped again after `idleUnload` without requests, so a
/// box holds thousands of mostly idle projects. `eager` (and a project's `preload: true`) compile at start
/// and never unload. Compiling runs off the actor (`ProjectCompiler`, on NIO's blocking thread pool): the
/// actor only hands out what a load needs and swaps in what it made, so status, control requests and the
/// watchdog never wait behind a slow project.
actor Supervisor {
    nonisolated let projectsDirectory: URL
    nonisolated let table: SiteTableBox
    private let defaultProject: String?
    private let compiler: ProjectCompiler
    /// Compile every project at start and keep it (`--eager`, `--dev`).
    private let eager: Bool
    /// Seconds without a request after which a compiled project is dropped; nil: never.
    private let idleUnload: Int?
    /// Told to watch a project's every folder before it is compiled, and to stop when it is unloaded.
    private let watcher: Watcher?
    private let logger: Logger
    /// Told "N projects, M with errors" after every change (systemd's STATUS=).
    private let onPublish: @Sendable (_ summary: String) -> Void

    private var records: [String: ProjectRecord] = [:]
    /// Projects in the order they were first seen: on a host or prefix conflict the earlier one wins.
    private var order: [String] = []
    /// The number of the latest load started per project: a load that finishes after a later one started
    /// is dropped, so an older description never replaces a newer one.
    private var latestLoad: [String: Int] = [:]
    /// Projects waiting to be compiled again because their database server could not be reached.
    private var retrying: Set<String> = []
    static let retryDelay = 5
    /// First-request compiles under way: the requests that arrive meanwhile wait for the same one.
    private var activations: [String: Task<Site?, Never>] = [:]
    /// The table last published, and each project's route in it: a compile, failure or unload changes its
    /// route's target in place, a new host or prefix replaces its entries, instead of rebuilding a table of
    /// ten thousand.
    private var published = SiteTable()
    private var routes: [String: ProjectRoute] = [:]
    /// What `summary` counts, kept per project so a change to one does not walk them all.
    private var counted: [String: (loaded: Bool, failing: Bool)] = [:]
    private var loadedCount = 0
    private var failingCount = 0
    /// Projects left out of the last full rebuild for a taken host or prefix: while there are any, every
    /// change rebuilds (a project going away may let one of them in).
    private var conflicting = 0

    init(projectsDirectory: URL, defaultProject: String?, applyingAdditiveSchema: Bool = false, eager: Bool = true,
         idleUnload: Int? = nil, watcher: Watcher? = nil, logger: Logger,
         onPublish: @escaping @Sendable (_ summary: String) -> Void = { _ in }) {
        self.projectsDirectory = projectsDirectory.standardizedFileURL
        self.table = SiteTableBox()
        self.defaultProject = defaultProject
        self.eager = eager
        self.idleUnload = eager ? nil : idleUnload
        self.watcher = watcher
        self.compiler = ProjectCompiler(projectsDirectory: self.projectsDirectory, applyingAdditiveSchema: applyingAdditiveSchema,
                                        logger: logger)
        self.logger = logger
        self.onPublish = onPublish
    }

    /// "3 projects, 1 with errors".
    var summary: String {
        let (failing, loaded) = (failingCount, loadedCount)
        let projects = "\(records.count) project\(records.count == 1 ? "" : "s")"
        return eager ? "\(projects), \(failing) with errors" : "\(projects) (\(loaded) loaded), \(failing) with errors"
    }

    /// Reads every project directory (a folder with a project.yaml; hidden folders skipped): its routing keys,
    /// and all of it for the projects compiled at start.
    func loadAll() async {
        for name in ProjectDirectories.names(in: projectsDirectory) {
            readHead(name)
            if compilesAtOnce(name) { await load(name) }
        }
        publish()
    }

    /// The Site of a routed project that is not compiled yet; one compile however many requests wait for it.
    /// Nil when it does not compile (then its route answers 503 until its files change).
    func activate(_ name: String) async -> Site? {
        if let site = records[name]?.site { return site }
        if let running = activations[name] { return await running.value }
        let compile = Task { () -> Site? in
            guard records[name] != nil else { return nil }
            await load(name)
            publish([name])
            return records[name]?.site
        }
        activations[name] = compile
        let site = await compile.value
        activations[name] = nil
        return site
    }

    /// The watcher saw files of `name` change. A compiled project is compiled again at once (as a reload);
    /// one that is not only has its routing keys read again: it costs nothing until it is requested.
    func changed(_ name: String) async {
        if records[name]?.site != nil || compilesAtOnce(name) {
            await reload(name)
        } else {
            readHead(name)
            publish([name])
        }
    }

    /// Drops the Site and database of every compiled project idle for `idleUnload` seconds (requests in flight
    /// keep theirs); their next request compiles them again.
    func unloadIdle(now: Int = ProjectActivity.now) {
        guard let idleUnload else { return }
        var unloaded: [String] = []
        for (name, record) in records where record.site != nil && record.head?.preload != true {
            let loadedAt = record.site.map { Int($0.builtAt.timeIntervalSince1970) } ?? 0
            let lastUse = max(record.activity.lastRequestTime ?? 0, loadedAt)
            guard now - lastUse >= idleUnload else { continue }
            records[name]?.site = nil
            records[name]?.database = nil
            watcher?.unwatchTree(of: name)
            unloaded.append(name)
        }
        guard !unloaded.isEmpty else { return }
        logger.info("unloaded \(unloaded.count) idle project(s): \(unloaded.sorted().joined(separator: ", "))")
        publish(unloaded)
    }

    /// How often the idle sweep should look: a quarter of the idle time, between 1 s and a minute.
    nonisolated var idleSweepInterval: Duration? {
        idleUnload.map { .seconds(min(60, max(1, $0 / 4))) }
    }

    private func compilesAtOnce(_ name: String) -> Bool {
        eager || records[name]?.head?.preload == true
    }

    /// The record of a project whose project.yaml exists, made when new; a project whose project.yaml is
    /// gone is removed (false).
    private func ensureRecord(_ name: String) -> Bool {
        let projectFile = projectsDirectory.appendingPathComponent(name).appendingPathComponent(ProjectLoader.projectFile)
        guard FileManager.default.fileExists(atPath: projectFile.path) else {
            remove(name)
            return false
        }
        if records[name] == nil {
            records[name] = ProjectRecord(name: name)
            order.append(name)
        }
        return true
    }

    /// Reads project.yaml's routing keys.
    private func readHead(_ name: String) {
        guard ensureRecord(name) else { return }
        let directory = projectsDirectory.appendingPathComponent(name)
        do {
            records[name]?.head = try ProjectLoader(directory: directory).head()
            records[name]?.diagnostics = []
        } catch {
            records[name]?.head = nil
            records[name]?.diagnostics = error.diagnostics.map { name + "/" + $0.description }
        }
        records[name]?.loadFailed = false
    }

    private func remove(_ name: String) {
        guard records.removeValue(forKey: name) != nil else { return }
        // Its database closes when the last Site over it is gone (requests in flight keep theirs).
        order.removeAll { $0 == name }
        latestLoad[name] = nil
        logger.info("project \(name) removed", metadata: ["project": "\(name)"])
    }

    /// Reloads one project from disk (removing it if its directory is gone) and republishes; nil when
    /// there is no such project.
    @discardableResult
    func reload(_ name: String) async -> ProjectRecord? {
        let start = ContinuousClock.now
        await load(name)
        publish([name])
        records[name]?.reloadTimes.record(start.duration(to: .now))
        return records[name]
    }

    /// Reloads every known project and picks up new or removed directories.
    func reloadAll() async -> [ProjectRecord] {
        let names = Set(ProjectDirectories.names(in: projectsDirectory)).union(records.keys)
        var loadTimes: [String: Duration] = [:]
        for name in names.sorted() {
            if records[name]?.site == nil {
                readHead(name)
                guard compilesAtOnce(name) else { continue }
            }
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
        if let name { return records[name].map { [$0] } ?? [] }
        return order.compactMap { records[$0] }
    }

    func hasProject(_ name: String) -> Bool { records[name] != nil }

    /// The project that already serves one of `hosts` or `prefix`, with what it claims.
    func claim(hosts: [String], prefix: String) -> String? {
        for other in records.values {
            guard let routing = other.routing else { continue }
            if let host = hosts.first(where: { routing.hosts.contains($0.lowercased()) }) {
                return "host '\(host)' is already served by project '\(other.name)'"
            }
            if routing.prefix == prefix {
                return "prefix '\(prefix)' is already used by project '\(other.name)'"
            }
        }
        return nil
    }

    // MARK: - Loading and publishing

    private func load(_ name: String) async {
        guard ensureRecord(name) else { return }
        await watcher?.watchTree(of: name)
        let ticket = (latestLoad[name] ?? 0) + 1
        latestLoad[name] = ticket
        let current = records[name]!
        let start = ContinuousClock.now
        let compiled = await compiler.compile(name, database: current.database, runtimeErrors: current.runtimeErrors)
        DaemonMetrics.reload(project: name, succeeded: compiled.site != nil, duration: start.duration(to: .now))
        guard latestLoad[name] == ticket, var record = records[name] else { return }
        record.compileTime = start.duration(to: .now)
        if let site = compiled.site {
            // A database the new Site does not use any more is dropped here, not closed: the previous Site
            // may still be answering requests with it, and it closes when the last of them is done.
            record.site = site
            if let database = compiled.database, database !== record.database {
                // A migration another daemon ran on a shared database: compile again, as after `db upgrade` here.
                database.whenSchemaChanges { [weak self] in
                    Task { _ = await self?.reload(name) }
                }
            }
            record.database = compiled.database
            record.diagnostics = []
            record.loadFailed = false
            record.head = ProjectHead(site)
            records[name] = record
        } else {
            // project.yaml alone may still route the project (to its 503) while the rest does not load.
            records[name] = record
            readHead(name)
            records[name]?.diagnostics = compiled.diagnostics
            records[name]?.loadFailed = true
            if compiled.isTemporary { retryLater(name) }
        }
    }

    /// A project that failed only because its database server could not be reached is compiled again every
    /// few seconds until it loads (or its files change, or it goes away): it comes back by itself with the server.
    private func retryLater(_ name: String) {
        guard retrying.insert(name).inserted else { return }
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(Self.retryDelay))
            await self?.retry(name)
        }
    }

    private func retry(_ name: String) async {
        retrying.remove(name)
        guard records[name]?.loadFailed == true else { return }
        _ = await reload(name)
    }

    /// Publishes the routing table after a change: to `projects` alone when given and nothing conflicts, else
    /// rebuilt from scratch.
    private func publish(_ projects: [String]? = nil) {
        if let projects, conflicting == 0, projects.allSatisfy({ update($0) }) {
            projects.forEach(recount)
        } else {
            rebuild()
            for name in Array(counted.keys) where records[name] == nil { recount(name) }
            for name in records.keys { recount(name) }
        }
        onPublish(summary)
    }

    /// Brings `project`'s route up to date: its target in place when its hosts and prefix are the same, else
    /// a table with its entries replaced. False when its new routing collides with another project's (the
    /// rebuild then decides by order, and reports the conflict).
    private func update(_ project: String) -> Bool {
        let routing = records[project]?.routing
        if let route = routes[project], let record = records[project], route.head == routing {
            route.target = target(of: record)
            records[project]?.conflicts = []
            return true
        }
        var table = published
        if let old = routes[project]?.head {
            for host in old.hosts where table.byHost[host]?.head.name == project { table.byHost[host] = nil }
            if let prefix = old.prefix, table.byPrefix[String(prefix.dropFirst())]?.head.name == project {
                table.byPrefix[String(prefix.dropFirst())] = nil
            }
            if table.fallback?.head.name == project { table.fallback = nil }
        }
        routes[project] = nil
        if let record = records[project], let routing {
            guard routing.hosts.allSatisfy({ table.byHost[$0] == nil }),
                  routing.prefix.map({ table.byPrefix[String($0.dropFirst())] == nil }) ?? true else { return false }
            let route = ProjectRoute(head: routing, target: target(of: record), activity: record.activity)
            for host in routing.hosts { table.byHost[host] = route }
            if let prefix = routing.prefix { table.byPrefix[String(prefix.dropFirst())] = route }
            if project == defaultProject { table.fallback = route }
            routes[project] = route
            records[project]?.conflicts = []
        }
        published = table
        self.table.replace(with: table)
        return true
    }

    /// Builds the routing table from scratch; a later project that claims a taken host or prefix is left out.
    /// A compiled project is routed by its Site's hosts and prefix (a stale Site keeps the ones it was built
    /// with), one that is not by its project.yaml's.
    private func rebuild() {
        var table = SiteTable()
        routes = [:]
        conflicting = 0
        for name in order {
            guard var record = records[name] else { continue }
            record.conflicts = []
            defer { records[name] = record }
            guard let routing = record.routing else { continue }
            for host in routing.hosts {
                if let owner = table.byHost[host] { record.conflicts.append("host '\(host)' is already served by project '\(owner.head.name)'") }
            }
            if let prefix = routing.prefix, let owner = table.byPrefix[String(prefix.dropFirst())] {
                record.conflicts.append("prefix '\(prefix)' is already used by project '\(owner.head.name)'")
            }
            guard record.conflicts.isEmpty else {
                conflicting += 1
                logger.error("project \(name) is not served: \(record.conflicts.joined(separator: "; "))", metadata: ["project": "\(name)"])
                continue
            }
            let route = ProjectRoute(head: routing, target: target(of: record), activity: record.activity)
            for host in routing.hosts { table.byHost[host] = route }
            if let prefix = routing.prefix { table.byPrefix[String(prefix.dropFirst())] = route }
            if name == defaultProject { table.fallback = route }
            routes[name] = route
        }
        published = table
        self.table.replace(with: table)
    }

    private func target(of record: ProjectRecord) -> ProjectRoute.Target {
        record.site.map { .loaded($0) } ?? (record.loadFailed ? .failed : .unloaded)
    }

    /// Updates the summary's counts for one project.
    private func recount(_ name: String) {
        let now = records[name].map { (loaded: $0.site != nil, failing: $0.state == .stale || $0.state == .failed) }
        if let before = counted[name] {
            loadedCount -= before.loaded ? 1 : 0
            failingCount -= before.failing ? 1 : 0
        }
        counted[name] = now
        if let now {
            loadedCount += now.loaded ? 1 : 0
            failingCount += now.failing ? 1 : 0
        }
    }
}

/// What the supervisor knows of one project.
struct ProjectRecord: Sendable {
    enum State: Sendable {
        /// The latest edit loaded and is served.
        case serving
        /// The latest edit failed; the previous version is served.
        case stale
        /// Routed, compiled on its next request.
        case unloaded
        /// Nothing is served: it does not load, or another project has its host or prefix.
        case failed
    }

    let name: String
    /// project.yaml's routing keys as last read; nil when they do not read.
    var head: ProjectHead?
    /// Its last compile failed and its files did not change since: requests get 503, not a compile each.
    var loadFailed = false
    /// How long its latest compile took.
    var compileTime: Duration?
    /// When it last had a request; kept across unloads.
    let activity: ProjectActivity
    /// The last version that loaded; kept while newer edits fail.
    var site: Site?
    /// The database `site` uses, kept for the next Site built from the project.
    var database: StoreDatabase?
    /// Requests that failed with a 500, across reloads.
    let runtimeErrors = RuntimeErrorLog()
    /// Of the latest load attempt, as `project/file:line:col: message`.
    var diagnostics: [String] = []
    /// Hosts or prefixes another project had first.
    var conflicts: [String] = []
    var reloadTimes = ReloadTimes()

    init(name: String) {
        self.name = name
        self.activity = ProjectActivity(name: name)
    }

    var state: State {
        if !conflicts.isEmpty { return .failed }
        if site == nil { return head != nil && !loadFailed && diagnostics.isEmpty ? .unloaded : .failed }
        return diagnostics.isEmpty ? .serving : .stale
    }

    /// What it is routed by: its Site's hosts and prefix when compiled, else project.yaml's.
    var routing: ProjectHead? {
        guard let site else { return head }
        return ProjectHead(site)
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

extension ProjectHead {
    /// The routing keys a compiled Site was built with.
    init(_ site: Site) {
        self.init(name: site.name, hosts: site.hosts, prefix: site.prefix, preload: site.preload)
    }
}
