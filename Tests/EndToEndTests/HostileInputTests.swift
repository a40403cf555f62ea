import Foundation
import Testing
import SakyumTestSupport

@Suite("Hostile HTTP input gets a 4xx, never a crash")
struct HostileInputTests {
    @Test func hostileRequestsAreAnsweredAndTheDaemonSurvives() throws {
        let daemon = try TestDaemon { projects in try ProjectFixture.write(name: "site", in: projects) }

        let hugeURL = try daemon.get("/site/" + String(repeating: "a", count: 20_000))
        #expect(hugeURL.status == 414)
        #expect(try daemon.get("/site/%zz").status == 400)
        #expect(try daemon.get("/site/", host: "bad host!").status == 400)
        #expect(try daemon.get("/site/", host: "x:notaport").status == 400)

        let hugeHeader = try RawHTTP.exchange(port: daemon.port, bytes: Data(
            "GET /site/ HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "b", count: 200_000))\r\n\r\n".utf8))
        let hugeHeaderStatus = String(decoding: hugeHeader.prefix(12), as: UTF8.self)
        #expect(hugeHeaderStatus.hasPrefix("HTTP/1.1 4"), "\(hugeHeaderStatus)")

        let garbage = try RawHTTP.exchange(port: daemon.port, bytes: Data("NOT HTTP AT ALL\r\n\r\n".utf8))
        #expect(String(decoding: garbage.prefix(12), as: UTF8.self) == "HTTP/1.1 400")

        #expect(daemon.isRunning)
        #expect(try daemon.get("/site/").status == 200)
    }
}
