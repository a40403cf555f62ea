import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `create-project`: writes a new project folder, all at once or not at all.
///
/// The tree is built in a hidden folder (`.NAME.creating-XXXXXXXX`) inside the projects
/// directory and renamed into place when complete, so a watcher never sees half a project
/// and a failure leaves nothing behind.
public struct ProjectScaffold: Sendable {
    /// The project name, also its folder name.
    public var name: String
    /// Host names that see the project at `/`; empty means `NAME.localhost`.
    public var hosts: [String]
    /// The path prefix; nil means `/NAME`.
    public var prefix: String?

    /// Describes the project to create; nothing is checked until `create(in:)`.
    public init(name: String, hosts: [String] = [], prefix: String? = nil) {
        self.name = name
        self.hosts = hosts
        self.prefix = prefix
    }

    /// Creates the project in `projectsDirectory` and returns its folder.
    @discardableResult
    public func create(in projectsDirectory: URL) throws(ScaffoldError) -> URL {
        let tree = try fileTree()
        let parent = projectsDirectory.standardizedFileURL.path
        guard FileCreator.isDirectory(parent) else {
            throw ScaffoldError(.notFound, "projects directory '\(parent)' does not exist")
        }
        let destination = parent + "/" + name
        if FileCreator.exists(destination) {
            throw ScaffoldError(.alreadyExists, "project '\(name)' already exists in '\(parent)'")
        }

        var creator = FileCreator()
        do {
            let staging = try makeStagingDirectory(in: parent, creator: &creator)
            try creator.create(tree, in: staging)
            try Self.moveIntoPlace(staging, destination, name: name)
        } catch {
            creator.removeCreated()
            throw error
        }
        return URL(fileURLWithPath: destination, isDirectory: true)
    }

    /// Everything the project folder holds, after checking the name, hosts and prefix.
    func fileTree() throws(ScaffoldError) -> FileTree {
        try NameRules.validateProjectName(name)
        let hostNames = try normalizedHosts()
        let prefixPath = try normalizedPrefix()

        var tree = FileTree()
        tree.addFile("project.yaml", text: ProjectFiles.projectYAML(name: name, hosts: hostNames, prefix: prefixPath))
        tree.addFile("secret.key", text: SecretKey.generate(), permissions: 0o600)
        tree.addFile("templates/admin/index.html", text: ProjectFiles.adminIndex(name: name))
        tree.addFile("templates/\(name)/index.html", text: ProjectFiles.landingPage(name: name))
        tree.addFile("static/\(name)/index.js", text: StarterAssets.script(blueprint: name))
        tree.addFile("static/\(name)/style.css", text: StarterAssets.styleSheet(blueprint: name))
        tree.addDirectory("static/\(name)/media")
        tree.addFile("media/default_img.png", bytes: DefaultProfileImage.png())
        return tree
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

    private func makeStagingDirectory(in parent: String, creator: inout FileCreator) throws(ScaffoldError) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let suffix = String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
            let path = "\(parent)/.\(name).creating-\(suffix)"
            do {
                try creator.makeDirectory(path, allowExisting: false)
                return path
            } catch where error.code == .alreadyExists {
                continue
            }
        }
    }

    private static func moveIntoPlace(_ staging: String, _ destination: String, name: String) throws(ScaffoldError) {
        // rename(2) would replace an empty folder created meanwhile; check once more right before.
        if FileCreator.exists(destination) {
            throw ScaffoldError(.alreadyExists, "project '\(name)' already exists")
        }
        guard rename(staging, destination) == 0 else {
            let error = errno
            if error == EEXIST || error == ENOTEMPTY || error == ENOTDIR {
                throw ScaffoldError(.alreadyExists, "project '\(name)' already exists")
            }
            throw FileCreator.ioError("cannot move the new project to", destination, error)
        }
    }
}
