import ArgumentParser
import Foundation
import SakyumControl

@main
struct SakyumCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sakyumctl",
        abstract: "Control a running sakyumd: scaffold projects and apps, see their status, reload them.",
        subcommands: [CreateProject.self, CreateApp.self, AddUser.self, SetAdmin.self, Import.self, List.self, Status.self, Reload.self, DB.self]
    )
}

/// Options every subcommand shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The daemon's control socket (default: $SAKYUM_SOCKET, else /run/sakyum/control.sock).", valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Print the daemon's JSON answer instead of text.")
    var json = false

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["SAKYUM_SOCKET"] ?? "/run/sakyum/control.sock"
    }

    /// Sends the request and prints the answer; exits non-zero with a one-line reason on failure.
    func call(_ request: ControlRequest, text: (ControlResult) -> String) throws {
        let response: ControlResponse
        do {
            response = try ControlClient(socketPath: socketPath).send(request)
        } catch {
            throw Failure(message: error.detail)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(response), as: UTF8.self))
            if !response.ok { throw ExitCode(1) }
            return
        }
        guard response.ok, let result = response.result else {
            throw Failure(message: response.error?.detail ?? "the daemon refused without a reason")
        }
        let output = text(result)
        if !output.isEmpty { print(output) }
    }
}

/// A failure reported as one line on stderr with exit status 1.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}


struct CreateProject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a project and start serving it.")

    @Argument(help: "Letters, digits and '_', not starting with a digit.") var name: String
    @Option(name: .customLong("host"), help: "A host name to serve the project at / (repeatable; default NAME.localhost).") var hosts: [String] = []
    @Option(help: "The path prefix to serve it under (default /NAME).") var prefix: String?
    @Option(help: "sqlite:FILE (default sqlite:default.db) or postgresql://USER@HOST:PORT/DB, without the password.") var database: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .createProject, project: name, hosts: hosts.isEmpty ? nil : hosts, prefix: prefix,
                                           database: database)) { result in
            [result.message].compactMap { $0 }.joined()
        }
    }
}

struct CreateApp: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an app (a blueprint) in a project and register it.")

    @Argument var project: String
    @Argument var app: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .createApp, project: project, app: app)) { result in
            result.message ?? ""
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a project from a sakyum (Flask) project folder: models, data, users, forms, admin, views, templates.",
        discussion: "The daemon reads the folder (it must be able to) and never writes it. What could not be carried over is listed in IMPORT.md in the new project."
    )

    @Argument(help: "The sakyum project's folder (the one with thunder.py).") var path: String
    @Option(help: "The new project's name (default: the sakyum project's).") var name: String?
    @Option(name: .customLong("host"), help: "A host name to serve the project at / (repeatable; default NAME.localhost).") var hosts: [String] = []
    @Option(help: "The path prefix to serve it under (default /NAME).") var prefix: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        try connection.call(ControlRequest(op: .importProject, project: name, hosts: hosts.isEmpty ? nil : hosts, prefix: prefix, path: absolute)) { result in
            result.message ?? ""
        }
    }
}

struct SetAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-admin",
        abstract: "Open the admin to an existing user (is_admin and is_superuser), or close it with --revoke."
    )

    @Argument var project: String
    @Argument var username: String
    @Flag(help: "Take the admin away instead.") var revoke = false
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .setAdmin, project: project, username: username, admin: !revoke)) { result in
            result.message ?? ""
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the projects the daemon knows.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .list)) { result in
            let projects = result.projects ?? []
            if projects.isEmpty { return "no projects" }
            return projects.map { project in
                let mounts = (project.hosts + [project.prefix].compactMap { $0 }).joined(separator: " ")
                var state = project.state.rawValue + (project.pendingMigration.isEmpty ? "" : " (pending migration)")
                if let errors = project.runtimeErrorCount { state += " (\(errors) runtime error\(errors == 1 ? "" : "s"))" }
                if project.databaseUnavailable != nil { state += " (database unavailable)" }
                return "\(project.name)\t\(state)\t\(mounts)"
            }.joined(separator: "\n")
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show how each project (or one) is doing, with its diagnostics.")

    @Argument var project: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .status, project: project)) { result in
            (result.projects ?? []).map(StatusText.init).map(\.text).joined(separator: "\n\n")
        }
    }
}

struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reload one project, or all, from disk.")

    @Argument var project: String?
    @Flag(help: "Return once the reload is done, with each project's state and diagnostics (else return at once).")
    var wait = false
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try connection.call(ControlRequest(op: .reload, project: project, wait: wait)) { result in
            if !wait { return result.message ?? "" }
            return (result.projects ?? []).map { project in
                let problems = project.diagnostics.isEmpty ? "" : "\n" + project.diagnostics.map { "  \($0)" }.joined(separator: "\n")
                return "\(project.name): \(project.state.rawValue)\(problems)"
            }.joined(separator: "\n")
        }
    }
}

/// The human-readable block `sakyumctl status` prints for one project.
struct StatusText {
    let text: String

    init(_ project: ProjectStatus) {
        var lines = ["\(project.name): \(project.state.rawValue)"]
        lines.append("  hosts:      \(project.hosts.isEmpty ? "-" : project.hosts.joined(separator: ", "))")
        lines.append("  prefix:     \(project.prefix ?? "-")")
        lines.append("  blueprints: \(project.blueprints.joined(separator: ", "))")
        lines.append("  loaded at:  \(project.loadedAt ?? "never")")
        if let loaded = project.loaded {
            let compile = project.compileMilliseconds.map { String(format: " (latest compile %.1f ms)", $0) } ?? ""
            lines.append("  in memory:  \(loaded ? "yes" : "no, compiled on its next request")\(compile)")
        }
        lines.append("  last request: \(project.lastRequest ?? "none yet")")
        if let database = project.database {
            lines.append("  database:   \(database)")
        }
        if let reason = project.databaseUnavailable {
            lines.append("  database unavailable: \(reason) (pages that need data answer 503 until it is back)")
        }
        if !project.pendingMigration.isEmpty {
            lines.append("  pending migration (pages of the models concerned answer 503; run `sakyumctl db revision \(project.name) --autogenerate -m MSG`, then `sakyumctl db upgrade \(project.name)`):")
            lines += project.pendingMigration.map { "    \($0)" }
        }
        if let times = project.reloadTimes {
            lines.append(String(format: "  reloads:    %d, median %.1f ms, p99 %.1f ms", times.count, times.medianMilliseconds, times.p99Milliseconds))
        }
        if !project.diagnostics.isEmpty {
            lines.append("  diagnostics:")
            lines += project.diagnostics.map { "    \($0)" }
        }
        if let count = project.runtimeErrorCount {
            lines.append("  runtime errors: \(count) since the daemon started\(count > (project.runtimeErrors?.count ?? 0) ? "; the latest:" : ":")")
            lines += (project.runtimeErrors ?? []).map { "    \($0)" }
        }
        text = lines.joined(separator: "\n")
    }
}
