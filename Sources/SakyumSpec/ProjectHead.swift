import Foundation

/// What routing needs of a project, read from project.yaml alone: cheap enough to read for every project at
/// start, so a Site is compiled only when a request reaches it.
public struct ProjectHead: Sendable, Equatable {
    public var name: String
    public var hosts: [String]
    public var prefix: String?
    /// `preload: true`: compiled at start and never unloaded when idle.
    public var preload: Bool

    public init(name: String, hosts: [String], prefix: String?, preload: Bool = false) {
        self.name = name
        self.hosts = hosts
        self.prefix = prefix
        self.preload = preload
    }
}

extension ProjectLoader {
    /// Reads and checks project.yaml's name, hosts, prefix and preload; the rest of the project is left for `load()`.
    public func head() throws(ProjectLoadError) -> ProjectHead {
        let log = DiagnosticLog()
        guard let root = parse(Self.projectFile, log: log, required: true),
              let project = MappingReader(root, log: log, what: Self.projectFile)
        else { throw ProjectLoadError(log.diagnostics) }
        let head = readHead(project)
        guard log.isEmpty else { throw ProjectLoadError(log.diagnostics) }
        return head
    }

    func readHead(_ project: MappingReader) -> ProjectHead {
        let directoryName = directory.lastPathComponent
        let name = project.string("name", required: true) ?? directoryName
        if name != directoryName {
            project.report("name '\(name)' must match the project's directory name '\(directoryName)'", at: "name")
        }
        let hosts = (project.strings("hosts") ?? []).compactMap { host -> String? in
            let normalized = host.lowercased()
            guard HostName.isValid(normalized) else {
                project.report("'\(host)' is not a valid host name", at: "hosts")
                return nil
            }
            return normalized
        }
        let prefix = project.string("prefix").flatMap { value -> String? in
            guard PathPrefix.isValid(value) else {
                project.report("prefix '\(value)' must be one path segment like /\(name) (letters, digits, '-', '_')", at: "prefix")
                return nil
            }
            return value
        }
        return ProjectHead(name: name, hosts: hosts, prefix: prefix, preload: project.bool("preload") ?? false)
    }
}
