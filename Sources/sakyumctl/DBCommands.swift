import ArgumentParser
import SakyumControl

/// `sakyumctl db …`: alembic's commands (flask db …) for a project's database.
struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate a project's database: revision, upgrade, downgrade, current, history.",
        subcommands: [Revision.self, Upgrade.self, Downgrade.self, Current.self, History.self]
    )

    struct Revision: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new revision file under the project's migrations/.")

        @Argument var project: String
        @Flag(help: "Compare models.yaml with the live database and write the steps.") var autogenerate = false
        @Option(name: [.customShort("m"), .long], help: "What the revision does.") var message: String
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            try connection.call(ControlRequest(op: .dbRevision, project: project, message: message, autogenerate: autogenerate)) { result in
                result.message ?? ""
            }
        }
    }

    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply revisions up to REV (default head).")

        @Argument var project: String
        @Argument(help: "A revision id (or a unique prefix of one), or head.") var revision = "head"
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            try connection.call(ControlRequest(op: .dbUpgrade, project: project, target: revision)) { $0.message ?? "" }
        }
    }

    struct Downgrade: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo revisions down to REV, the last N (-N), or all (base).")

        @Argument var project: String
        // `.allUnrecognized` so `-1` reads as a value, as in `alembic downgrade -1`.
        @Argument(parsing: .allUnrecognized, help: "A revision id to stay at, -N (undo the last N; default -1), or base.")
        var revision: [String] = []
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard revision.count <= 1 else { throw ValidationError("give one revision, not \(revision.joined(separator: " "))") }
        }

        func run() throws {
            try connection.call(ControlRequest(op: .dbDowngrade, project: project, target: revision.first ?? "-1")) { $0.message ?? "" }
        }
    }

    struct Current: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the revision the database is at.")

        @Argument var project: String
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            try connection.call(ControlRequest(op: .dbCurrent, project: project)) { $0.message ?? "" }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the revisions, newest first.")

        @Argument var project: String
        @Flag(help: "Show each revision's file, date and steps.") var verbose = false
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            try connection.call(ControlRequest(op: .dbHistory, project: project)) { result in
                let revisions = result.revisions ?? []
                if revisions.isEmpty { return "no revisions" }
                return revisions.map { revision in
                    let marker = revision.id == result.current ? " (current)" : ""
                    var line = "\(revision.parent ?? "<base>") -> \(revision.id)\(marker), \(revision.message)"
                    if verbose {
                        line += "\n  file: \(revision.file)\n  created: \(revision.created)"
                        line += revision.upgrade.map { "\n  upgrade: \($0)" }.joined()
                    }
                    return line
                }.joined(separator: "\n")
            }
        }
    }
}
