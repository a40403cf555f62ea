import Foundation
import Testing
import SakyumTestSupport

@Suite("HTTPS: an optional TLS listener with the configured certificate")
struct TLSTests {
    /// A self-signed certificate for localhost and 127.0.0.1, made with the openssl command.
    static func makeCertificate(in folder: URL) throws {
        let result = try runProgram("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
        ])
        guard result.status == 0 else { throw TestFailure("openssl failed: \(result.stderr)") }
    }

    @Test func servesProjectsOverHTTPSWithTheConfiguredCertificate() throws {
        let etc = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: etc) }
        try Self.makeCertificate(in: etc)
        // Relative paths start at the configuration file's folder.
        let config = etc.appendingPathComponent("sakyumd.yaml")
        try "tls_listen: 127.0.0.1:0\ntls_certificate: cert.pem\ntls_key: key.pem\nidle_timeout: 30\n".write(to: config, atomically: true, encoding: .utf8)

        let daemon = try TestDaemon(extraArguments: ["--config", config.path]) { projects in try ProjectFixture.write(name: "blog", in: projects) }
        try daemon.eventually("the HTTPS listener") { daemon.httpsPort != nil }
        let port = try #require(daemon.httpsPort)
        let curl = try runProgram("/usr/bin/curl", [
            "--silent", "--show-error", "--cacert", etc.appendingPathComponent("cert.pem").path,
            "--resolve", "localhost:\(port):127.0.0.1", "--write-out", "\n%{http_code} %{ssl_verify_result}",
            "https://localhost:\(port)/blog/",
        ])
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(curl.stdout.contains("blog home"))
        #expect(curl.stdout.hasSuffix("\n200 0"), "\(curl.stdout)")
        // Plain HTTP still answers on its own listener.
        #expect(try daemon.get("/blog/").status == 200)
    }

    @Test func aTLSListenerWithoutAKeyRefusesToStartWithFileAndLine() throws {
        let etc = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: etc) }
        try Self.makeCertificate(in: etc)
        let config = etc.appendingPathComponent("sakyumd.yaml")
        try "listen: [127.0.0.1:0]\ntls_listen: [127.0.0.1:0]\ntls_certificate: cert.pem\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try runProgram(BuildProducts.url(of: "sakyumd").path, ["--config", config.path, "--projects", etc.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("sakyumd.yaml:2:"), "\(result.stderr)")
        #expect(result.stderr.contains("tls_listen needs tls_key too"), "\(result.stderr)")
    }
}
