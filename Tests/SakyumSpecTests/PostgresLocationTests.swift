import SakyumSpec
import Testing

@Suite struct PostgresLocationTests {
    @Test func readsTheURLsLibpqTakes() throws {
        let tcp = try PostgresLocation(url: "postgresql://school@db.internal:6432/schoolsite?sslmode=verify-full")
        #expect(tcp.endpoint == .tcp(host: "db.internal", port: 6432))
        #expect(tcp.user == "school" && tcp.database == "schoolsite" && tcp.tls == .verifyFull)
        #expect(tcp.poolSize == PostgresLocation.defaultPoolSize && tcp.passwordFile == nil)
        #expect(tcp.description == "postgresql://school@db.internal:6432/schoolsite?sslmode=verify-full")

        let socket = try PostgresLocation(url: "postgres://sch%40ool@/school%20site?host=/run/postgresql")
        #expect(socket.endpoint == .unixSocket(folder: "/run/postgresql", port: 5432))
        #expect(socket.endpoint.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(socket.user == "sch@ool" && socket.database == "school site")
        #expect(try PostgresLocation(url: socket.description) == socket, "the description reads back as the same place")

        let ipv6 = try PostgresLocation(url: "postgresql://u@[::1]:5433/d")
        #expect(ipv6.endpoint == .tcp(host: "::1", port: 5433))
        #expect(ipv6.description == "postgresql://u@[::1]:5433/d")
    }

    @Test func refusesAPasswordWithoutRepeatingIt() {
        do {
            _ = try PostgresLocation(url: "postgresql://u:s3cr3t@db/d")
            Issue.record("accepted a password")
        } catch {
            #expect(!error.description.contains("s3cr3t"))
        }
        #expect(throws: DatabaseURLError.self) { try PostgresLocation(url: "postgresql://u@/d?host=/run/postgresql&sslmode=require") }
    }
}
