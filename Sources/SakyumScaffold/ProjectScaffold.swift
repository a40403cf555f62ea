import Foundation
import SakyumSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `create-project`: writes a new project folder, all at once or not at all (see `ProjectFolder`).
public struct ProjectScaffold: Sendable {
    /// The project name, also its folder name.
    public var name: String
    /// Host names that see the project at `/`; empty means `NAME.localhost`.
    public var hosts: [String]
    /// The path prefix; nil means `/NAME`.
    public var prefix: String?
    /// project.yaml's `database:`; nil means the SQLite file default.db.
    public var database: String?

    /// Describes the project to create; nothing is checked until `create(in:)`.
    public init(name: String, hosts: [String] = [], prefix: String? = nil, database: String? = nil) {
        self.name = name
        self.hosts = hosts
        self.prefix = prefix
        self.database = database
    }

    /// Creates the project in `projectsDirectory` and returns its folder.
    @discardableResult
    public func create(in projectsDirectory: URL) throws(ScaffoldError) -> URL {
        try ProjectFolder(name: name).create(try fileTree(), in: projectsDirectory)
    }

    /// The checked name, hosts (lowercased, without duplicates; `NAME.localhost` when none) and prefix (`/NAME` when none).
    public func mounts() throws(ScaffoldError) -> (hosts: [String], prefix: String) {
        try NameRules.validateProjectName(name)
        return (try normalizedHosts(), try normalizedPrefix())
    }

    /// Everything the project folder holds, after checking the name, hosts and prefix.
    func fileTree() throws(ScaffoldError) -> FileTree {
        let (hostNames, prefixPath) = try mounts()

        var tree = FileTree()
        tree.addFile("project.yaml", text: ProjectFiles.projectYAML(name: name, hosts: hostNames, prefix: prefixPath, database: try checkedDatabase()))
        tree.addFile("secret.key", text: SecretKey.generate(), permissions: 0o600)
        tree.addFile("templates/admin/index.html", text: ProjectFiles.adminIndex(name: name))
        tree.addFile("templates/\(name)/index.html", text: ProjectFiles.landingPage(name: name))
        tree.addFile("static/\(name)/index.js", text: StarterAssets.script(blueprint: name))
        tree.addFile("static/\(name)/style.css", text: StarterAssets.styleSheet(blueprint: name))
        tree.addDirectory("static/\(name)/media")
        tree.addFile("media/default_img.png", bytes: DefaultProfileImage.png())
        return tree
    }

    /// The database as project.yaml will name it: a SQLite file inside the project, or a PostgreSQL URL
    /// (checked as the loader checks it, and refused with a password in it).
    private func checkedDatabase() throws(ScaffoldError) -> DatabaseSpec {
        guard let database else { return .default }
        if database.hasPrefix("sqlite:") {
            let file = database.dropFirst("sqlite:".count)
            guard !file.isEmpty, !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                throw ScaffoldError(.invalidDatabase, "--database sqlite:FILE must name a file inside the project folder")
            }
            return .sqlite(file: String(file))
        }
        do {
            return .postgres(try PostgresLocation(url: database))
        } catch {
            throw ScaffoldError(.invalidDatabase, "--database: \(error)")
        }
    }

    private func normalizedHosts() throws(ScaffoldError) -> [String] {
        let requested = hosts.isEmpty ? ["\(name).localhost"] : hosts
        var result: [String] = []
        for host in requested {
            let normalized = try NameRules.normalizedHost(host)
            if !result.contains(normalized) { result.append(normalized) }
        }
        return result
    }

    private func normalizedPrefix() throws(ScaffoldError) -> String {
        if let prefix { return try NameRules.normalizedPrefix(prefix) }
        do {
            return try NameRules.normalizedPrefix("/" + name)
        } catch {
            throw ScaffoldError(.invalidName, "project '\(name)' needs another prefix (--prefix /P): \(error.detail)")
        }
    }
}
