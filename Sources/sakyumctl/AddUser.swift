import ArgumentParser
import Foundation
import SakyumControl
#if canImport(Glibc)
import Glibc
#endif

/// `sakyumctl add-user`: sakyum's `create_user`, through the daemon. Values not given are asked for on
/// the terminal (the password twice, without echo); without a terminal, a missing value is an error.
struct AddUser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-user",
        abstract: "Add a user to a project (an admin unless --no-admin).",
        discussion: "Username: 3 to 20 characters; a valid email; password: at least 6 characters. Missing values are asked for on the terminal."
    )

    @Argument var project: String
    @Option(name: [.customShort("u"), .long]) var username: String?
    @Option(name: [.customShort("e"), .long]) var email: String?
    @Option(name: [.customShort("p"), .long], help: "Visible to other users of this machine in the process list: prefer the prompt.")
    var password: String?
    @Flag(inversion: .prefixedNo, help: "Give the user the admin (and superuser) flags.") var admin = true
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let terminal = Terminal()
        let username = try self.username ?? terminal.ask("Username: ", missing: "-u/--username")
        let email = try self.email ?? terminal.ask("Email: ", missing: "-e/--email")
        let password = try self.password ?? terminal.askPassword()
        try connection.call(ControlRequest(op: .addUser, project: project, username: username, email: email,
                                           password: password, admin: admin)) { $0.message ?? "" }
    }
}

/// The controlling terminal, for prompts (written to standard error, so standard output stays the result).
struct Terminal {
    let isInteractive = isatty(STDIN_FILENO) == 1

    func ask(_ prompt: String, missing option: String) throws -> String {
        guard isInteractive else { throw Failure(message: "give \(option): there is no terminal to ask on") }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine() else { throw Failure(message: "no \(option) given") }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// Asks twice without echo; the two must match.
    func askPassword() throws -> String {
        guard isInteractive else { throw Failure(message: "give -p/--password: there is no terminal to ask on") }
        let first = try readHidden("Password: ")
        let second = try readHidden("Password (again): ")
        guard first == second else { throw Failure(message: "the two passwords differ") }
        return first
    }

    private func readHidden(_ prompt: String) throws -> String {
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine() else { throw Failure(message: "no password given") }
        return line
    }
}
