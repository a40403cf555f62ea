import Foundation
import Synchronization
import Testing
import SakyumTestSupport

/// The real `sakyumd` binary, started on a free loopback port with a temporary projects directory.
final class TestDaemon: Sendable {
    let projects: URL
    let controlSocket: String
    let port: Int
    private let process: Process
    private let output: OutputCollector

    /// Starts the daemon and waits until it listens. `setUp` may fill the projects directory first.
    init(dev: Bool = true, extraArguments: [String] = [], environment: [String: String] = [:], setUp: (URL) throws -> Void = { _ in }) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-e2e-\(UUID().uuidString.prefix(8))")
        projects = root.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        controlSocket = root.appendingPathComponent("control.sock").path
        try setUp(projects)

        process = Process()
        process.executableURL = BuildProducts.url(of: "sakyumd")
        process.arguments = (dev ? ["--dev"] : []) + ["--projects", projects.path, "--listen", "127.0.0.1:0", "--control", controlSocket] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        output = OutputCollector(pipe: pipe)
        try process.run()

        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = output.listeningPort()
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            process.terminate()
            throw TestFailure("sakyumd did not start listening:\n\(output.text)")
        }
        port = found
        while !FileManager.default.fileExists(atPath: controlSocket), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: projects.deletingLastPathComponent())
    }

    /// Everything the daemon logged so far.
    var log: String { output.text }

    var isRunning: Bool { process.isRunning }

    var processIdentifier: Int32 { process.processIdentifier }

    /// The port of the first HTTPS listener, once it logged it.
    var httpsPort: Int? { output.listeningPort(scheme: "https") }

    /// Waits for the daemon to exit by itself; returns the exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGTERM and waits; returns the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func get(_ path: String, host: String? = nil, headers: [(String, String)] = []) throws -> HTTPReply {
        try RawHTTP.send(port: port, method: "GET", target: path, host: host ?? "127.0.0.1:\(port)", headers: headers)
    }

    func request(_ method: String, _ path: String, host: String? = nil, headers: [(String, String)] = [], body: String = "") throws -> HTTPReply {
        try RawHTTP.send(port: port, method: method, target: path, host: host ?? "127.0.0.1:\(port)", headers: headers, body: Data(body.utf8))
    }

    func ctl(_ arguments: String...) throws -> CommandResult {
        try ctl(arguments)
    }

    func ctl(_ arguments: [String]) throws -> CommandResult {
        try Sakyumctl.run(arguments, socket: controlSocket)
    }

    /// Polls until `condition` holds (live reload is asynchronous); fails after `seconds`.
    func eventually(_ what: String, seconds: Double = 10, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestFailure("timed out waiting for: \(what)\n--- daemon log ---\n\(log)")
    }
}

/// Collects a child's output on a background thread.
final class OutputCollector: Sendable {
    private let buffer = Mutex(Data())

    init(pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.withLock { $0.append(chunk) }
            }
        }
        thread.start()
    }

    var text: String { buffer.withLock { String(decoding: $0, as: UTF8.self) } }

    func listeningPort(scheme: String = "http") -> Int? {
        let text = self.text
        guard let range = text.range(of: "listening on \(scheme)://127.0.0.1:") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}


/// Where `swift build` put the executables under test.
enum BuildProducts {
    static func url(of name: String) -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [testBinary.deletingLastPathComponent()]
        // XCTest bundles on Linux: .../debug/sakyumdPackageTests.xctest
        candidates.append(testBinary.deletingLastPathComponent().deletingLastPathComponent())
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repository.appendingPathComponent(".build/debug/\(name)")
    }
}

struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the real `sakyumctl`.
enum Sakyumctl {
    static func run(_ arguments: [String], socket: String?, environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = BuildProducts.url(of: "sakyumctl")
        process.arguments = arguments + (socket.map { ["--socket", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SAKYUM_SOCKET")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
