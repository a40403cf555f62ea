import Foundation
import SakyumTestSupport
import Testing

/// The access log and what a trusted proxy may say about a request.
@Suite("Access log: a line per request, X-Request-ID, trusted proxies")
struct AccessLogTests {
    /// A daemon with project `school` (an admin ada) and project `quiet` (access_log: false), started with `config`.
    static func daemon(config: String = "") throws -> TestDaemon {
        let folder = TemporaryFolder("sakyum-access")
        let configFile = try folder.write("sakyumd.yaml", config.isEmpty ? "{}\n" : config)
        let daemon = try TestDaemon(extraArguments: ["--config", configFile.path]) { projects in
            try ProjectFixture.write(name: "school", in: projects)
            try ProjectFixture.write(name: "quiet", in: projects, extraYAML: "access_log: false")
        }
        #expect(try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1").status == 0)
        folder.remove()
        return daemon
    }

    /// The access lines of the daemon's output (stderr in a test run).
    static func accessLines(_ daemon: TestDaemon) -> [String] {
        daemon.log.split(separator: "\n").map(String.init).filter { $0.contains(" request_id=") || $0.hasPrefix("{\"") }
    }

    @Test func everyRequestGetsACombinedLineAndAnEchoedRequestID() throws {
        let daemon = try Self.daemon()
        let page = try daemon.get("/school/?page=2", headers: [("User-Agent", "Probe/1.0 \"quoted\""), ("Referer", "http://elsewhere/")])
        #expect(page.status == 200)
        let id = try #require(page.header("X-Request-ID"))
        #expect(id.count == 16)
        let browser = Browser(daemon)
        try browser.logIn("ada", "lovelace1", next: "/school/?secret=1")
        #expect(try browser.get("/school/").status == 200)
        #expect(try daemon.get("/quiet/").status == 200)
        #expect(try daemon.get("/nowhere/").status == 404)
        try daemon.eventually("the lines written") { Self.accessLines(daemon).count >= 5 }
        let lines = Self.accessLines(daemon)
        let first = try #require(lines.first { $0.contains("request_id=\(id)") }, "\(lines)")
        #expect(first.hasPrefix("127.0.0.1 - - ["))
        #expect(first.contains("\"GET /school/?page=2 HTTP/1.1\" 200 "))
        #expect(first.contains("\"http://elsewhere/\" \"Probe/1.0 \\x22quoted\\x22\" project=school request_id="), "quotes escaped: \(first)")
        #expect(first.contains(" duration_ms="))
        #expect(lines.contains { $0.contains("\"POST /school/admin/login/ HTTP/1.1\" 302") }, "a POST's query string is not logged: \(lines)")
        #expect(lines.contains { $0.hasPrefix("127.0.0.1 - 1 [") && $0.contains("\"GET /school/ HTTP/1.1\" 200") }, "the user id of a logged-in request")
        #expect(!lines.contains { $0.contains("project=quiet") }, "access_log: false")
        #expect(lines.contains { $0.contains("\"GET /nowhere/ HTTP/1.1\" 404") && $0.contains("project=-") })
        #expect(!daemon.log.contains("secret=1") && !daemon.log.contains("session="), "no login query, no cookie")
    }

    @Test func jsonLinesToAFile() throws {
        let folder = TemporaryFolder("sakyum-access-file")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("access.log")
        let daemon = try Self.daemon(config: "access_log: {format: json, file: \(file.path)}\n")
        _ = try daemon.get("/school/")
        try daemon.eventually("the line written") { ((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains("\n") }
        let line = try #require(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["project"] as? String == "school")
        #expect(object["status"] as? Int == 200)
        #expect(object["path"] as? String == "/school/")
        #expect(object["request_id"] is String && object["duration_ms"] is Double)
        #expect(Self.accessLines(daemon).isEmpty, "not on stderr as well")
    }

    /// A file's lines are gathered and written each second; a stop writes what is left.
    @Test func aStopWritesTheLinesStillGathered() throws {
        let folder = TemporaryFolder("sakyum-access-stop")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("access.log")
        let daemon = try Self.daemon(config: "access_log: {file: \(file.path)}\n")
        for number in 0..<5 { _ = try daemon.get("/school/?n=\(number)") }
        #expect(daemon.stop() == 0)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect((0..<5).allSatisfy { number in lines.contains { $0.contains("GET /school/?n=\(number) HTTP/1.1") } }, "\(lines)")
    }

    @Test func onlyATrustedProxyIsBelieved() throws {
        let forwarded = [("X-Forwarded-For", "203.0.113.7, 127.0.0.1"), ("X-Forwarded-Proto", "https"), ("X-Request-ID", "edge-42")]
        let untrusting = try Self.daemon()
        let ignored = try untrusting.get("/school/admin/login/", headers: forwarded)
        #expect(ignored.header("X-Request-ID") != "edge-42")
        #expect(ignored.header("Set-Cookie")?.contains("Secure") != true)
        try untrusting.eventually("logged") { !Self.accessLines(untrusting).isEmpty }
        #expect(Self.accessLines(untrusting).allSatisfy { $0.hasPrefix("127.0.0.1 ") })

        let trusting = try Self.daemon(config: "trusted_proxies: [127.0.0.1/32, \"::1\"]\n")
        let believed = try trusting.get("/school/admin/login/", headers: forwarded)
        #expect(believed.header("X-Request-ID") == "edge-42")
        #expect(believed.header("Set-Cookie")?.contains("Secure") == true, "https at the proxy: Secure cookies")
        try trusting.eventually("logged") { Self.accessLines(trusting).contains { $0.contains("request_id=edge-42") } }
        #expect(Self.accessLines(trusting).contains { $0.hasPrefix("203.0.113.7 - - [") }, "the client behind the proxy")
    }

    @Test func aProxyThatIsNotAnAddressIsAConfigurationError() throws {
        let folder = TemporaryFolder("sakyum-access-bad")
        defer { folder.remove() }
        let config = try folder.write("sakyumd.yaml", "trusted_proxies: [10.0.0.0/8, not-an-ip]\naccess_log: {format: apache}\n")
        let result = try runProgram(BuildProducts.url(of: "sakyumd").path, ["--config", config.path, "--projects", folder.url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("trusted_proxies: 'not-an-ip' is not an address or a CIDR range"), "\(result.stderr)")
        #expect(result.stderr.contains("access_log: format 'apache' is not one of combined, json"))
    }
}

@Suite("Metrics: Prometheus text on its own listener")
struct MetricsTests {
    @Test func requestsReloadsConnectionsAndRenderTimesAreExported() throws {
        let port = try FreePort.pick()
        let daemon = try AccessLogTests.daemon(config: "metrics_listen: 127.0.0.1:\(port)\n")
        #expect(try daemon.get("/school/").status == 200)
        #expect(try daemon.get("/school/nope").status == 404)
        for _ in 0..<3 { #expect(try daemon.get("/school/static/default/style.css").status == 200) }
        #expect(try daemon.ctl("reload", "--wait", "school").status == 0)
        #expect(try daemon.ctl("add-user", "school", "-u", "grace", "-e", "grace@example.com", "-p", "hopper123").status == 0)
        let metrics = try RawHTTP.send(port: port, method: "GET", target: "/metrics", host: "127.0.0.1")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = metrics.text
        #expect(text.contains(#"sakyum_http_requests_total{project="school",method="GET",status="2xx"}"#), "\(text.prefix(3000))")
        #expect(text.contains(#"sakyum_http_requests_total{project="school",method="GET",status="4xx"} 1"#))
        #expect(text.contains(#"sakyum_http_requests_total{project="school",method="GET",status="2xx"} 4"#), "each request counted once")
        #expect(text.contains("sakyum_http_request_duration_seconds_count{project=\"school\"} 5"))
        #expect(text.contains("sakyum_http_request_duration_seconds_bucket{project=\"school\""))
        #expect(text.contains(#"sakyum_reloads_total{project="school",result="ok"}"#))
        #expect(text.contains("sakyum_reload_duration_seconds_count{project=\"school\"}"))
        #expect(text.contains("sakyum_template_render_seconds_count{project=\"school\"}"))
        #expect(text.contains("sakyum_http_open_connections"))
        #expect(text.contains("sakyum_http_response_bytes_total{project=\"school\"}"))
        #expect(text.contains(#"sakyum_database_wait_seconds_count{project="school",access="write"}"#))
        #expect(try RawHTTP.send(port: port, method: "GET", target: "/", host: "127.0.0.1").status == 404)
        #expect(try daemon.get("/metrics").status == 404, "not on the sites' port")
    }
}
