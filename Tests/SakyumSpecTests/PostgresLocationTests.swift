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

@Suite struct CivilCalendarTests {
    @Test func daysAndDatesRoundTrip() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 1, day: 1) == 10_957)
        #expect(CivilCalendar.date(fromDays: -1) == (1969, 12, 31))
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            let (year, month, day) = CivilCalendar.date(fromDays: days)
            #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
        }
        #expect(CivilCalendar.date(fromDays: CivilCalendar.days(year: 2024, month: 2, day: 29)) == (2024, 2, 29))
    }
}
