import Foundation
import Glibc
import Logging
import Synchronization

/// Watches the projects directory with inotify and reports, debounced, which projects changed.
///
/// Runs on its own thread: inotify is a blocking file descriptor, and this keeps it off the
/// event loops and the cooperative pool. Only descriptions, templates and static files are
/// watched: databases, uploads and migrations change at run time and must not cause reloads.
///
/// Every project's folder is watched (project.yaml, its apps coming and going); the folders inside it only
/// while the project is compiled (`watchTree(of:)` before a compile, `unwatchTree(of:)` on unload), so ten
/// thousand mostly idle projects cost ten thousand watches, not one per folder of each.
final class Watcher: Sendable {
    enum Command: Sendable {
        case watchTree(String, done: CheckedContinuation<Void, Never>)
        case unwatchTree(String)
    }

    /// Folders of a project that never affect its Site.
    static let ignoredFolders: Set<String> = ["media", "migrations", "__pycache__"]
    static let quietPeriod: Int32 = 150  // milliseconds without events before a batch is reported

    let changes: AsyncStream<Set<String>>
    private let continuation: AsyncStream<Set<String>>.Continuation
    private let root: URL
    private let logger: Logger
    private let stopping = Atomic(false)
    /// Commands for the watcher thread; `closed` once it has taken its last ones, so a command sent while it
    /// stops is answered at once instead of waiting for ever.
    private let commands = Mutex<(pending: [Command], closed: Bool)>(([], false))
    /// The watcher thread polls the read end with inotify; a byte on the write end wakes it for a command.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init(projectsDirectory: URL, logger: Logger) throws {
        (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        self.root = projectsDirectory
        self.logger = logger
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw WatcherError(message: "pipe failed: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        (wakeRead, wakeWrite) = (ends[0], ends[1])
    }

    deinit {
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    /// Starts the watching thread; it ends when `stop()` is called.
    func start() throws {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw WatcherError(message: "inotify_init1 failed: \(String(cString: strerror(errno)))")
        }
        let thread = Thread { [self] in
            var state = WatchState(descriptor: descriptor, root: root, logger: logger)
            state.watchRoot()
            run(&state)
            Glibc.close(descriptor)
        }
        thread.name = "sakyum.watcher"
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        continuation.finish()
        wake()
    }

    /// Watches every folder of `project`; returns once the watches are in place, so a compile that starts
    /// afterwards misses no edit.
    func watchTree(of project: String) async {
        await withCheckedContinuation { done in
            if !send(.watchTree(project, done: done)) { done.resume() }
        }
    }

    /// Back to watching only the project's own folder.
    func unwatchTree(of project: String) {
        send(.unwatchTree(project))
    }

    /// Queues `command` for the watcher thread and wakes it; false when the thread has stopped taking commands.
    @discardableResult
    private func send(_ command: Command) -> Bool {
        let queued = commands.withLock { commands in
            guard !commands.closed else { return false }
            commands.pending.append(command)
            return true
        }
        if queued { wake() }
        return queued
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }

    private func run(_ state: inout WatchState) {
        var pending: Set<String> = []
        while !stopping.load(ordering: .relaxed) {
            var pollers = [pollfd(fd: state.descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let timeout: Int32 = pending.isEmpty ? 500 : Self.quietPeriod
            let ready = poll(&pollers, 2, timeout)
            if ready > 0 {
                if pollers[1].revents != 0 { perform(&state) }
                if pollers[0].revents != 0 { pending.formUnion(state.readEvents()) }
            } else if ready == 0, !pending.isEmpty {
                continuation.yield(pending)
                pending = []
            }
        }
        perform(&state, last: true)  // a compile waiting for its watches must not wait for ever
    }

    private func perform(_ state: inout WatchState, last: Bool = false) {
        var drained = [UInt8](repeating: 0, count: 256)
        while Glibc.read(wakeRead, &drained, drained.count) > 0 {}
        let taken = commands.withLock { commands in
            defer { commands.pending = [] }
            commands.closed = last
            return commands.pending
        }
        for command in taken {
            switch command {
            case .watchTree(let project, let done):
                state.watchTree(of: project)
                done.resume()
            case .unwatchTree(let project):
                state.unwatchTree(of: project)
            }
        }
    }
}

struct WatcherError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The watch descriptors and what they belong to; owned by the watcher thread alone.
struct WatchState {
    let descriptor: Int32
    let root: URL
    let logger: Logger
    /// Watch descriptor → (project name, or nil for the projects directory itself; folder path).
    private var watches: [Int32: (project: String?, path: String)] = [:]
    /// Projects whose every folder is watched (compiled ones); the others only have their own folder watched.
    private var deep: Set<String> = []

    init(descriptor: Int32, root: URL, logger: Logger) {
        self.descriptor = descriptor
        self.root = root
        self.logger = logger
    }

    static let directoryMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)
    static let projectMask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ONLYDIR)

    mutating func watchRoot() {
        add(path: root.path, project: nil, mask: Self.directoryMask)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in entries where !name.hasPrefix(".") {
            watchProject(name)
        }
    }

    /// The project's own folder only.
    mutating func watchProject(_ name: String) {
        if deep.contains(name) {
            watchTree(root.appendingPathComponent(name).path, project: name, depth: 0)
        } else {
            add(path: root.appendingPathComponent(name).path, project: name, mask: Self.projectMask)
        }
    }

    mutating func watchTree(of project: String) {
        guard deep.insert(project).inserted else { return }
        watchTree(root.appendingPathComponent(project).path, project: project, depth: 0)
    }

    mutating func unwatchTree(of project: String) {
        guard deep.remove(project) != nil else { return }
        let projectRoot = root.appendingPathComponent(project).path
        for (watch, target) in watches where target.project == project && target.path != projectRoot {
            inotify_rm_watch(descriptor, watch)
            watches[watch] = nil
        }
    }

    private mutating func watchTree(_ path: String, project: String, depth: Int) {
        guard depth < 16, add(path: path, project: project, mask: Self.projectMask) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in entries where !name.hasPrefix(".") && !(depth == 0 && Watcher.ignoredFolders.contains(name)) {
            var isDirectory: ObjCBool = false
            let child = path + "/" + name
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                watchTree(child, project: project, depth: depth + 1)
            }
        }
    }

    @discardableResult
    private mutating func add(path: String, project: String?, mask: UInt32) -> Bool {
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else { return false }
        watches[watch] = (project, path)
        return true
    }

    /// Drains the queued events; returns the projects they concern.
    mutating func readEvents() -> Set<String> {
        var changed: Set<String> = []
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            if count <= 0 { break }
            var offset = 0
            while offset < count {
                let event = (buffer + offset).assumingMemoryBound(to: inotify_event.self).pointee
                let nameLength = Int(event.len)
                let name = nameLength > 0 ? String(cString: (buffer + offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + nameLength
                if let project = handle(event, name: name) { changed.insert(project) }
            }
        }
        return changed
    }

    private mutating func handle(_ event: inotify_event, name: String) -> String? {
        if event.mask & UInt32(IN_IGNORED) != 0 {
            watches[event.wd] = nil
            return nil
        }
        guard let watch = watches[event.wd], !name.hasPrefix("."), !Self.isScratchFile(name) else { return nil }
        let isDirectory = event.mask & UInt32(IN_ISDIR) != 0
        let appeared = event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        guard let project = watch.project else {
            // The projects directory itself: a project folder came or went.
            if isDirectory && appeared { watchProject(name) }
            return isDirectory ? name : nil
        }
        let isProjectRoot = watch.path == root.appendingPathComponent(project).path
        if isDirectory && appeared && deep.contains(project) && !(isProjectRoot && Watcher.ignoredFolders.contains(name)) {
            watchTree(watch.path + "/" + name, project: project, depth: 1)
        }
        if isProjectRoot && (Watcher.ignoredFolders.contains(name) || Self.isRuntimeFile(name)) { return nil }
        return project
    }

    /// Files the daemon itself writes while serving.
    static func isRuntimeFile(_ name: String) -> Bool {
        name.hasSuffix(".db") || name.hasSuffix(".db-wal") || name.hasSuffix(".db-shm") || name.hasSuffix(".db-journal")
            || name == "secret.key"
    }

    /// Editor backups and swap files.
    static func isScratchFile(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasPrefix("#")
    }
}
