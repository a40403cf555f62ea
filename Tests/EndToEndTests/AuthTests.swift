import Foundation
import Testing
import SakyumTestSupport

/// A daemon serving project `school` with an admin `ada` (password `lovelace1`) and a non-admin `bob`.
private func schoolDaemon() throws -> TestDaemon {
    let daemon = try TestDaemon { try ProjectFixture.write(name: "school", in: $0) }
    let ada = try daemon.ctl("add-user", "school", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1")
    guard ada.status == 0 else { throw TestFailure("add-user failed: \(ada.stderr)") }
    let bob = try daemon.ctl("add-user", "school", "-u", "bob", "-e", "bob@example.com", "-p", "builder1", "--no-admin")
    guard bob.status == 0 else { throw TestFailure("add-user failed: \(bob.stderr)") }
    return daemon
}

@Suite("Users and auth: add-user, login, sessions, CSRF, throttling, password change, profile images")
struct AuthTests {
    @Test func addUserFollowsSakyumsRulesAndNeverLogsThePassword() throws {
        let daemon = try schoolDaemon()
        let created = try daemon.ctl("add-user", "school", "-u", "carol", "-e", "carol@example.com", "-p", "s3cret-pw")
        #expect(created.status == 0)
        #expect(created.stdout.contains("created admin user carol in school"))
        for (arguments, message) in [
            (["-u", "ada", "-e", "other@example.com", "-p", "whatever1"], "This username `ada` has been taken!"),
            (["-u", "dora", "-e", "ada@example.com", "-p", "whatever1"], "This email `ada@example.com` is taken"),
            (["-u", "ed", "-e", "ed@example.com", "-p", "whatever1"], "Username must be between 3 and 20 characters"),
            (["-u", String(repeating: "x", count: 21), "-e", "x@example.com", "-p", "whatever1"], "between 3 and 20"),
            (["-u", "fred", "-e", "fred@example", "-p", "whatever1"], "Please use a valid email"),
            (["-u", "gina", "-e", "gina@example.com", "-p", "12345"], "Password must be not less than 6 character"),
        ] {
            let refused = try daemon.ctl(["add-user", "school"] + arguments)
            #expect(refused.status != 0, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        let noTerminal = try daemon.ctl("add-user", "school", "-u", "hank", "-e", "hank@example.com")
        #expect(noTerminal.status != 0)
        #expect(noTerminal.stderr.contains("give -p/--password: there is no terminal to ask on"))
        let unknown = try daemon.ctl("add-user", "nope", "-u", "ivan", "-e", "ivan@example.com", "-p", "whatever1")
        #expect(unknown.stderr.contains("there is no project 'nope'"))
        #expect(!daemon.log.contains("s3cret-pw"))
        #expect(!daemon.log.contains("lovelace1"))
    }
}
