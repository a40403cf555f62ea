import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `create-app`: adds an app to a project and registers it in project.yaml, all or nothing.
///
/// project.yaml is edited as text (see ``BlueprintList``) so comments and key order stay as the
/// user wrote them, and replaced through a temporary file and rename(2). If any step fails,
/// the files created so far are removed and project.yaml is left unchanged.
public struct AppScaffold: Sendable {
    /// The app name: its folder, blueprint, template and static folder name.
    public var app: String

    /// Describes the app to create; nothing is checked until `create(inProject:)`.
    public init(app: String) {
        self.app = app
    }

    /// Creates the app in the project folder and returns the created paths relative to it
    /// (folders end in `/`), followed by `project.yaml`, which was edited.
    @discardableResult
    public func create(inProject projectDirectory: URL) throws(ScaffoldError) -> [String] {
        let root = projectDirectory.standardizedFileURL.path
        let project = projectDirectory.standardizedFileURL.lastPathComponent
        guard FileCreator.isDirectory(root) else {
            throw ScaffoldError(.notFound, "project folder '\(root)' does not exist")
        }
        let projectFile = root + "/project.yaml"
        let original = try Self.read(projectFile, project: project)
        let blueprints = try BlueprintList(projectYAML: original)
        try NameRules.validateAppName(app, project: project, existingApps: blueprints.names)

        let tree = fileTree()
        for top in [app, "templates/\(app)", "static/\(app)"] where FileCreator.exists(root + "/" + top) {
            throw ScaffoldError(.alreadyExists, "app name '\(app)' is already used in project '\(project)': '\(top)' exists")
        }

        var creator = FileCreator()
        do {
            try creator.create(tree, in: root)
            try Self.replace(projectFile, with: blueprints.appending(app))
        } catch {
            creator.removeCreated()
            throw error
        }
        return tree.paths + ["project.yaml"]
    }

    /// The files of the app, relative to the project folder.
    func fileTree() -> FileTree {
        var tree = FileTree()
        tree.addFile("\(app)/models.yaml", text: AppFiles.modelsYAML(app: app))
        tree.addFile("\(app)/forms.yaml", text: AppFiles.formsYAML(app: app))
        tree.addFile("\(app)/admin.yaml", text: AppFiles.adminYAML(app: app))
        tree.addFile("\(app)/views.yaml", text: AppFiles.viewsYAML(app: app))
        tree.addFile("templates/\(app)/index.html", text: AppFiles.indexPage(app: app))
        tree.addFile("static/\(app)/index.js", text: StarterAssets.script(blueprint: app))
        tree.addFile("static/\(app)/style.css", text: StarterAssets.styleSheet(blueprint: app))
        tree.addDirectory("static/\(app)/media")
        return tree
    }

    private static func read(_ path: String, project: String) throws(ScaffoldError) -> String {
        guard FileCreator.exists(path) else {
            throw ScaffoldError(.invalidProject, "project '\(project)' has no project.yaml")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScaffoldError(.io, "cannot read '\(path)': \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScaffoldError(.invalidProject, "'\(path)' is not UTF-8 text")
        }
        return text
    }

    /// Writes `text` to a temporary file beside `path`, with the same permissions, then renames it over `path`.
    private static func replace(_ path: String, with text: String) throws(ScaffoldError) {
        var status = stat()
        let permissions = stat(path, &status) == 0 ? UInt16(status.st_mode & 0o7777) : 0o644
        let directory = (path as NSString).deletingLastPathComponent
        var generator = SystemRandomNumberGenerator()
        let temporary = "\(directory)/.project.yaml.\(String(UInt32.random(in: .min ... .max, using: &generator), radix: 16))"
        var creator = FileCreator()
        do throws(ScaffoldError) {
            try creator.makeFile(temporary, bytes: Array(text.utf8), permissions: permissions)
            chmod(temporary, mode_t(permissions))  // open(2) applied the umask
            guard rename(temporary, path) == 0 else {
                throw FileCreator.ioError("cannot replace", path, errno)
            }
        } catch {
            creator.removeCreated()
            throw error
        }
    }
}
