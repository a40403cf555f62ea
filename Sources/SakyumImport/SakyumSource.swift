import Foundation
import SakyumScaffold

/// One parsed Python file of the sakyum project.
struct PythonModule: Sendable {
    /// Relative to the project folder: `exam/models.py`.
    var path: String
    var statements: [PythonStatement]

    func location(_ line: Int) -> String { "\(path):\(line)" }

    /// Top-level classes whose bases include one of `bases` (by last name component: `db.Model` → `Model`).
    func classes(deriving bases: Set<String>) -> [(name: String, line: Int, body: [PythonStatement], bases: [String])] {
        statements.compactMap { statement in
            guard case .classDef(let name, let arguments, _, let body) = statement.kind else { return nil }
            let names = arguments.compactMap { $0.keyword == nil ? $0.value.dottedName : nil }
            guard names.contains(where: { bases.contains(String($0.split(separator: ".").last ?? "")) }) else { return nil }
            return (name, statement.line, body, names)
        }
    }

    /// Every `from … import …` name bound at the top level, to the module it came from.
    var importedNames: [String: String] {
        var names: [String: String] = [:]
        for statement in statements {
            if case .importFrom(let module, let imported) = statement.kind {
                for name in imported { names[name.alias] = module + "." + name.name }
            }
        }
        return names
    }
}

/// A sakyum project folder as `project('NAME')` and `thunder.py create_app` lay it out: the project
/// package (config.py, routes.py, secret.py), its apps (models.py, forms.py, admin.py, views.py),
/// templates/, static/, media/ and the SQLite database. Only read, never run or written.
struct SakyumSource: Sendable {
    let root: URL
    /// The project package: `schoolsite` for schoolsite/config.py.
    let package: String
    /// Apps in the order routes.py registers their blueprints, then any others it does not register.
    let apps: [String]
    /// Apps whose blueprint routes.py does not register.
    let unregisteredApps: [String]
    private let modules: [String: PythonModule]

    static let appFiles = ["models.py", "forms.py", "admin.py", "views.py"]
    private static let notApps: Set<String> = ["templates", "static", "media", "migrations", "venv", "env", ".venv", "__pycache__", "instance"]

    init(root: URL) throws(ScaffoldError) {
        let (root, folders, package) = try Self.layout(of: root)
        self.root = root
        self.package = package

        var modules: [String: PythonModule] = [:]
        for file in ["config.py", "routes.py", "secret.py"] {
            let path = package + "/" + file
            if let module = try Self.parse(path, in: root) { modules[path] = module }
        }
        let appFolders = folders.filter { folder in
            folder != package && !Self.notApps.contains(folder)
                && ["views.py", "models.py"].contains { Self.isFile(root.appendingPathComponent(folder).appendingPathComponent($0)) }
        }
        for app in appFolders {
            for file in Self.appFiles {
                let path = app + "/" + file
                if let module = try Self.parse(path, in: root) { modules[path] = module }
            }
        }
        self.modules = modules

        let registered = Self.registeredApps(routes: modules[package + "/routes.py"], candidates: Set(appFolders))
        apps = registered + appFolders.filter { !registered.contains($0) }
        unregisteredApps = appFolders.filter { !registered.contains($0) }
        for app in apps {
            do {
                try NameRules.validateAppName(app, project: package, existingApps: [])
            } catch {
                throw ScaffoldError(.invalidProject, "app folder '\(app)' cannot be a sakyumd app: \(error.detail)")
            }
        }
    }

    /// The project package's name (the folder with config.py and routes.py), without reading any Python.
    static func packageName(in root: URL) throws(ScaffoldError) -> String {
        try layout(of: root).package
    }

    /// The folder resolved, its visible subfolders, and which of them is the project package.
    private static func layout(of root: URL) throws(ScaffoldError) -> (root: URL, folders: [String], package: String) {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        guard isDirectory(root) else {
            throw ScaffoldError(.notFound, "'\(root.path)' is not a folder the daemon can read. It runs as its own user, and under "
                                + "systemd it cannot see /home, /root or /tmp: copy the sakyum project to a folder it can read, "
                                + "e.g. /var/lib/sakyum/import/ or /srv/, and import it from there")
        }
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted().filter { name in
            !name.hasPrefix(".") && isDirectory(root.appendingPathComponent(name))
        }
        let packages = folders.filter { folder in
            ["config.py", "routes.py"].allSatisfy { isFile(root.appendingPathComponent(folder).appendingPathComponent($0)) }
        }
        guard let package = packages.first else {
            throw ScaffoldError(.invalidProject, "'\(root.path)' is not a sakyum project: no folder in it has config.py and routes.py "
                                + "(sakyum's project('NAME') makes NAME/config.py, NAME/routes.py and thunder.py)")
        }
        guard packages.count == 1 else {
            throw ScaffoldError(.invalidProject, "'\(root.path)' has several project packages (\(packages.joined(separator: ", "))); sakyum makes one")
        }
        return (root, folders, package)
    }

    func module(_ path: String) -> PythonModule? {
        modules[path]
    }

    func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The apps named in routes.py's `reg_blueprints`, through `from APP.views import BLUEPRINT`.
    private static func registeredApps(routes: PythonModule?, candidates: Set<String>) -> [String] {
        guard let routes else { return [] }
        var appOfBlueprint: [String: String] = [:]
        for (name, origin) in routes.importedNames {
            let parts = origin.split(separator: ".")
            if parts.count >= 2, candidates.contains(String(parts[0])) { appOfBlueprint[name] = String(parts[0]) }
        }
        for statement in routes.statements {
            guard case .assign(let targets, .list(let items)) = statement.kind, targets.contains(.name("reg_blueprints")) else { continue }
            var apps: [String] = []
            for item in items {
                if let name = item.dottedName, let app = appOfBlueprint[name], !apps.contains(app) { apps.append(app) }
            }
            return apps
        }
        return []
    }

    private static func parse(_ path: String, in root: URL) throws(ScaffoldError) -> PythonModule? {
        let url = root.appendingPathComponent(path)
        guard isFile(url) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ScaffoldError(.io, "cannot read \(url.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScaffoldError(.invalidProject, "\(path): not UTF-8 text, which Python would refuse")
        }
        do {
            return PythonModule(path: path, statements: try PythonParser.parse(text))
        } catch {
            throw ScaffoldError(.invalidProject, "\(path):\(error.line):\(error.column): \(error.message) (Python would refuse this file, so sakyum cannot run it either)")
        }
    }

    /// The entry itself, not what a symlink points at (FileManager's attributes come from lstat).
    static func isDirectory(_ url: URL) -> Bool {
        fileType(url) == .typeDirectory
    }

    static func isFile(_ url: URL) -> Bool {
        fileType(url) == .typeRegular
    }

    private static func fileType(_ url: URL) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    }
}
