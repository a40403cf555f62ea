import Foundation
import Synchronization
import Testing
import SakyumTestSupport

/// sakyumctl under a pseudo-terminal (util-linux `script`), answering each prompt once it shows.
private final class TerminalSession: Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Transcript()

    private final class Transcript: Sendable {
        let text = Mutex("")
    }

    init(_ command: [String]) throws {
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = input
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var transcript: String { output.text.withLock { $0 } }

    /// Waits for `prompt` to appear (after what was already answered), then types `line`.
    func answer(_ prompt: String, with line: String, occurrence: Int = 1) throws {
        let deadline = Date().addingTimeInterval(20)
        while transcript.components(separatedBy: prompt).count - 1 < occurrence {
            guard Date() < deadline, process.isRunning else { throw TestFailure("no prompt '\(prompt)' in:\n\(transcript)") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func finish() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("add-user asks on a terminal for what is missing")
struct AddUserPromptTests {
    @Test func missingValuesArePromptedAndThePasswordIsNotEchoed() throws {
        let daemon = try TestDaemon { try ProjectFixture.write(name: "school", in: $0) }
        let session = try TerminalSession([BuildProducts.url(of: "sakyumctl").path, "add-user", "school", "--socket", daemon.controlSocket])
        try session.answer("Username: ", with: "dora")
        try session.answer("Email: ", with: "dora@example.com")
        try session.answer("Password: ", with: "hidden-pw1")
        try session.answer("Password (again): ", with: "hidden-pw1")
        #expect(session.finish() == 0, "\(session.transcript)")
        #expect(session.transcript.contains("created admin user dora in school"))
        #expect(!session.transcript.contains("hidden-pw1"), "the password is not echoed")
        #expect(try Browser(daemon).logIn("dora", "hidden-pw1").status == 302)
    }

    @Test func passwordsThatDifferAreRefused() throws {
        let daemon = try TestDaemon { try ProjectFixture.write(name: "school", in: $0) }
        let session = try TerminalSession([BuildProducts.url(of: "sakyumctl").path, "add-user", "school", "-u", "eve", "-e", "eve@example.com",
                                           "--socket", daemon.controlSocket])
        try session.answer("Password: ", with: "first-pw1")
        try session.answer("Password (again): ", with: "other-pw1")
        #expect(session.finish() != 0)
        #expect(session.transcript.contains("the two passwords differ"))
    }
}
