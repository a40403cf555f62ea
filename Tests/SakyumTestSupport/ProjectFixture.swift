import Foundation

/// Writes small hand-made projects, the way a person would with an editor.
public enum ProjectFixture {
    public static func write(name: String, in projects: URL, hosts: [String]? = nil, prefix: String? = nil,
                      extraYAML: String = "", index: String? = nil) throws {
        let directory = projects.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("templates/\(name)"), withIntermediateDirectories: true)
        let hostList = (hosts ?? ["\(name).localhost"]).joined(separator: ", ")
        let yaml = """
            # \(name), written by hand
            name: \(name)
            hosts: [\(hostList)]
            prefix: \(prefix ?? "/\(name)")
            blueprints: [default, errors, auth, base]
            routes:
              - {path: /, endpoint: index, template: \(name)/index.html}
            \(extraYAML)
            """
        try yaml.write(to: directory.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try (index ?? "<h1>\(name) home</h1><a href=\"{{ url_for('base.index') }}\">home</a>\n")
            .write(to: directory.appendingPathComponent("templates/\(name)/index.html"), atomically: true, encoding: .utf8)
    }

    public static func file(_ relative: String, in project: URL, _ text: String) throws {
        try TemporaryFolder.write(text, to: project.appendingPathComponent(relative))
    }
}
