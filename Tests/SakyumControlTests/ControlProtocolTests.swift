import Foundation
import Testing
@testable import SakyumControl

@Suite struct ControlProtocolTests {
    @Test func requestsEncodeAsTheDocumentedJSON() throws {
        let request = ControlRequest(op: .createApp, project: "schoolsite", app: "exam")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(request), as: UTF8.self)
        #expect(json == #"{"app":"exam","op":"create_app","project":"schoolsite"}"#)
        let decoded = try JSONDecoder().decode(ControlRequest.self, from: Data(json.utf8))
        #expect(decoded == request)
        #expect(decoded.operation == .createApp)
    }

    @Test func unknownOperationsDecodeButHaveNoOperation() throws {
        let decoded = try JSONDecoder().decode(ControlRequest.self, from: Data(#"{"op":"explode"}"#.utf8))
        #expect(decoded.operation == nil)
        #expect(decoded.op == "explode")
    }

    @Test func responsesRoundTrip() throws {
        let status = ProjectStatus(name: "a", state: .stale, hosts: ["a.localhost"], prefix: "/a", blueprints: ["default"],
                                   loadedAt: "2026-01-01T00:00:00Z", diagnostics: ["a/project.yaml:1:1: x"])
        for response in [ControlResponse.success(ControlResult(projects: [status], message: "ok")),
                         ControlResponse.failure(.missingField("app", op: "create_app"))] {
            let data = try JSONEncoder().encode(response)
            #expect(try JSONDecoder().decode(ControlResponse.self, from: data) == response)
        }
        let failure = String(decoding: try JSONEncoder().encode(ControlResponse.failure(.notFound("nope"))), as: UTF8.self)
        #expect(failure.contains(#""ok":false"#))
        #expect(failure.contains(#""code":"not_found""#))
    }

    @Test func clientReportsADaemonThatIsNotRunning() {
        let path = "/tmp/sakyum-test-absent-\(UUID().uuidString.prefix(6)).sock"
        #expect(throws: ControlError(code: "not_running", detail: "daemon not running at \(path)")) {
            try ControlClient(socketPath: path).send(ControlRequest(op: .list))
        }
    }

    @Test func clientRefusesOverlongSocketPaths() {
        let path = "/tmp/" + String(repeating: "x", count: 200)
        #expect(throws: ControlError.self) { try ControlClient(socketPath: path).send(ControlRequest(op: .list)) }
    }
}
