import Foundation
import Testing
import SakyumTestSupport

@Suite("A failure in one project's request handling stays in that request")
struct IsolationTests {
    @Test func failingAndHostilePagesAre500sAndEverythingElseKeepsServing() throws {
        let daemon = try TestDaemon { projects in
            try ProjectFixture.write(name: "good", in: projects)
            try ProjectFixture.write(name: "bad", in: projects, extraYAML: """
                  - {path: /divide/, endpoint: divide, template: bad/divide.html}
                  - {path: /loop/, endpoint: loop, template: bad/loop.html}
                  - {path: /huge/, endpoint: huge, template: bad/huge.html}
                  - {path: /deep/, endpoint: deep, template: bad/deep.html}
                """.replacingOccurrences(of: "    - ", with: "  - "))
            let templates = projects.appendingPathComponent("bad/templates/bad")
            try "{{ 1 // 0 }}".write(to: templates.appendingPathComponent("divide.html"), atomically: true, encoding: .utf8)
            try "{% include 'bad/loop.html' %}".write(to: templates.appendingPathComponent("loop.html"), atomically: true, encoding: .utf8)
            try "{% for i in range(10**12) %}x{% endfor %}".write(to: templates.appendingPathComponent("huge.html"), atomically: true, encoding: .utf8)
            try "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}".write(to: templates.appendingPathComponent("deep.html"), atomically: true, encoding: .utf8)
        }
        for path in ["/bad/divide/", "/bad/loop/", "/bad/huge/", "/bad/deep/"] {
            let reply = try daemon.get(path)
            #expect(reply.status == 500, "\(path)")
            #expect(try daemon.get("/good/").status == 200, "after \(path)")
            #expect(try daemon.get("/bad/").status == 200, "the failing project's other pages, after \(path)")
        }
        #expect(daemon.isRunning)
        #expect(daemon.log.contains("bad: GET /bad/loop/ failed"))
    }
}
