import Foundation
import Glibc
import SakyumTestSupport

/// A child started with posix_spawn, its output going to a file.
///
/// For programs that close every descriptor they did not expect, as systemd-socket-activate
/// does: Foundation's `Process` watches a descriptor it leaves in the child and takes its
/// closing for the child's exit, then blocks in waitpid.
final class SpawnedProcess {
    let pid: pid_t
    let outputFile: String
    private var exitStatus: Int32?

    init(_ path: String, _ arguments: [String]) throws {
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-spawn-\(UUID().uuidString.prefix(8)).log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, nil, argv, environ)
        guard result == 0 else { throw TestFailure("cannot start \(path): \(String(cString: strerror(result)))") }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = waitForExit()
        }
        unlink(outputFile)
    }

    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the child to end; its exit status, or 128 + the signal that ended it.
    func waitForExit() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }
}
