import Foundation
import SakyumScaffold
import SakyumSpec
import SakyumStore

/// `sakyumctl import PATH`: a sakyumd project made from a sakyum project, all at once or not at all.
///
/// The sakyum folder is only read: its Python is parsed, never run, and its SQLite database is copied
/// with SQLite's backup API (a consistent snapshot, the original untouched). The new project is built
/// in a hidden staging folder and renamed into place, so a failure leaves nothing behind.
public struct ProjectImport: Sendable {
    public var source: URL
    /// Default: the sakyum project's name (its package folder).
    public var name: String?
    public var hosts: [String]
    public var prefix: String?

    public init(source: URL, name: String? = nil, hosts: [String] = [], prefix: String? = nil) {
        self.source = source
        self.name = name
        self.hosts = hosts
        self.prefix = prefix
    }

    public struct Outcome: Sendable {
        public var name: String
        public var directory: URL
        public var report: ImportReport
    }

    public static let reportFile = "IMPORT.md"

    /// The new project's hosts and prefix, checked, without writing anything (for conflicts with other projects).
    public func plannedMounts() throws(ScaffoldError) -> (hosts: [String], prefix: String) {
        let name: String
        if let given = self.name { name = given } else { name = try SakyumSource.packageName(in: source) }
        return try ProjectScaffold(name: name, hosts: hosts, prefix: prefix).mounts()
    }

    public func run(into projectsDirectory: URL) throws(ScaffoldError) -> Outcome {
        let sakyum = try SakyumSource(root: source)
        let name = name ?? sakyum.package
        let (hosts, prefix) = try ProjectScaffold(name: name, hosts: self.hosts, prefix: self.prefix).mounts()
        if let clash = sakyum.apps.first(where: { $0.lowercased() == name.lowercased() }) {
            throw ScaffoldError(.invalidName, "the project cannot be named \(name): it has an app \(clash); choose another with --name")
        }
        if FileManager.default.fileExists(atPath: projectsDirectory.appendingPathComponent(name).path) {
            throw ScaffoldError(.alreadyExists, "project '\(name)' already exists; choose another name with --name")
        }
        var report = ImportReport()
        let settings = SakyumSettings(sakyum.module(sakyum.package + "/secret.py"), report: &report)
        let database = try settings.databaseFile.map { file throws(ScaffoldError) -> URL? in
            let url = sakyum.url(file)
            guard SakyumSource.isFile(url) else {
                report.note(.models, file, "the database file does not exist; sakyumd creates an empty one with the models' tables")
                return nil
            }
            return url
        } ?? nil
        var tables: [TableSchema] = []
        if let database {
            do {
                let foreign = ForeignDatabase(path: database.path)
                tables = try foreign.tables()
                let counts = try foreign.rowCounts(tables.map(\.name))
                report.summarize("data: \(database.lastPathComponent) copied as default.db, "
                                 + tables.map { "\($0.name) \(counts[$0.name] ?? 0) rows" }.joined(separator: ", ")
                                 + " (users keep their passwords)")
                if let revision = try foreign.alembicRevision() {
                    report.note(.models, "migrations/", "the database is at alembic revision \(revision); alembic_version is kept as it is. "
                                + "sakyumd's own revisions (`sakyumctl db revision`) start from the schema as it is now; alembic's Python revision files are not carried over")
                }
            } catch {
                throw ScaffoldError(.invalidProject, "\(settings.databaseFile ?? "default.db") cannot be read as a SQLite database: \(error)")
            }
        }

        let models = ModelImport(source: sakyum, project: name, tables: tables, report: &report)
        let forms = FormImport(source: sakyum, report: &report)
        let admin = AdminImport(source: sakyum, report: &report)
        let views = ViewImport(source: sakyum, models: Set(models.models.map(\.name) + ["User"]), report: &report)
        let templates = try TemplateImport(source: sakyum, endpoints: views.endpoints, report: &report)

        for app in sakyum.unregisteredApps {
            report.note(.views, "\(sakyum.package)/routes.py", "app \(app) is not in reg_blueprints, so sakyum did not serve its views; "
                        + "sakyumd registers every app: remove \(app) from project.yaml's blueprints to keep its pages off")
        }
        if SakyumSource.isDirectory(sakyum.url("migrations")), report.findings.allSatisfy({ $0.location != "migrations/" }) {
            report.note(.models, "migrations/", "alembic's migrations folder is not carried over (sakyumd keeps its own revisions in migrations/)")
        }
        report.note(.access, "\(sakyum.package)/secret.py", settings.secretNote)

        var tree = FileTree()
        tree.addFile("project.yaml", text: projectYAML(name: name, hosts: hosts, prefix: prefix, sakyum: sakyum, admin: admin, views: views, settings: settings))
        tree.addFile(ProjectSecret.fileName, text: settings.secretKey + "\n", permissions: 0o600)
        for app in sakyum.apps {
            tree.addFile("\(app)/models.yaml", text: models.yaml(app: app) ?? "# Models of the \(app) app (none in sakyum's \(app)/models.py).\n{}\n")
            tree.addFile("\(app)/forms.yaml", text: forms.yaml(app: app) ?? "# Forms of the \(app) app (none in sakyum's \(app)/forms.py).\n{}\n")
            tree.addFile("\(app)/admin.yaml", text: admin.yaml(app: app) ?? "# Admin views of the \(app) app (none in sakyum's \(app)/admin.py).\n{}\n")
            tree.addFile("\(app)/views.yaml", text: views.yaml(app: app))
        }
        for (path, entry) in templates.tree.entries {
            switch entry {
            case .directory: tree.addDirectory(path)
            case .file(let bytes, let permissions): tree.addFile(path, bytes: bytes, permissions: permissions)
            case .copy(let file, let permissions): tree.addCopy(path, of: file, permissions: permissions)
            }
        }
        for app in sakyum.apps {
            let counts = [("model", models.models.filter { $0.app == app }.count), ("form", forms.forms[app]?.count ?? 0),
                          ("admin view", admin.options[app]?.count ?? 0),
                          ("view", views.views[app]?.filter(\.ported).count ?? 0)]
            let unported = views.views[app]?.filter { !$0.ported }.count ?? 0
            report.summarize("app \(app): " + counts.map { "\($0.1) \($0.0)\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ")
                             + (unported > 0 ? ", \(unported) view\(unported == 1 ? "" : "s") not ported (below)" : ""))
        }
        report.summarize("project: \(views.views["base"]?.count ?? 0) route\(views.views["base"]?.count == 1 ? "" : "s") of routes.py, "
                         + "\(admin.views.count) admin registration\(admin.views.count == 1 ? "" : "s") of config.py, "
                         + "\(templates.copiedFiles) template, static and media files (\(templates.rewrites) url_for endpoint\(templates.rewrites == 1 ? "" : "s") rewritten)")
        tree.addFile(Self.reportFile, text: report.markdown(project: name, source: sakyum.root.path))

        let directory = try ProjectFolder(name: name).create(tree, in: projectsDirectory) { staging throws(ScaffoldError) in
            guard let database else { return }
            do {
                try ForeignDatabase(path: database.path).copy(to: staging.appendingPathComponent("default.db").path)
            } catch {
                throw ScaffoldError(.io, "cannot copy the database \(database.path): \(error)")
            }
        }
        return Outcome(name: name, directory: directory, report: report)
    }

    private func projectYAML(name: String, hosts: [String], prefix: String, sakyum: SakyumSource, admin: AdminImport,
                             views: ViewImport, settings: SakyumSettings) -> String {
        var document = YAMLDocument()
        document.comment("\(name): imported from the sakyum project in \(sakyum.root.path) by `sakyumctl import`.\n"
                         + "IMPORT.md lists what needs your attention. The format is in docs/project-format.md.")
        document.blank()
        document.key("name", .string(name))
        document.raw("hosts:")
        for host in hosts { document.raw("  - " + YAMLValue.scalar(host)) }
        document.key("prefix", .string(prefix))
        document.blank()
        document.key("database", .string("sqlite:default.db"))
        document.key("debug", .bool(false))
        document.blank()
        document.comment("sakyum's reg_blueprints: the built-ins, then the apps.")
        document.raw("blueprints:")
        for blueprint in ["default", "errors", "auth", "base"] + sakyum.apps { document.raw("  - " + YAMLValue.scalar(blueprint)) }
        document.blank()
        document.comment("config.py's Admin(...) and admin.add_view(...) calls.")
        document.raw("admin:")
        document.raw("  name: " + YAMLValue.scalar(admin.name ?? name))
        if admin.views.isEmpty {
            document.raw("  views: []")
        } else {
            document.raw("  views:")
            for view in admin.views { document.raw("    - " + view.flow) }
        }
        document.blank()
        document.comment("secret.py's UPLOAD_FOLDER, ALLOWED_EXTENSIONS and MAX_CONTENT_LENGTH.")
        document.raw("uploads:")
        document.raw("  folder: media")
        document.raw("  allowed_extensions: " + YAMLValue.list(settings.allowedExtensions.map { .string($0) }).flow)
        let size = settings.maxContentLength
        document.raw("  max_content_length: " + (size % 1_048_576 == 0 ? "\(size / 1_048_576)MiB" : size % 1024 == 0 ? "\(size / 1024)KiB" : "\(size)"))
        document.blank()
        document.key("errors", .map([]))
        document.blank()
        document.comment("routes.py's views (the `base` blueprint).")
        let routes = views.routesBlock()
        if routes.allSatisfy({ $0.isEmpty }) {
            document.raw("routes: []")
        } else {
            document.raw("routes:")
            for line in routes where !line.isEmpty { document.raw(line) }
        }
        return document.text
    }
}

/// What secret.py's `Config` says: the secret key, the database file and the upload limits.
struct SakyumSettings {
    var secretKey: String
    var secretNote: String
    /// Relative to the project folder; nil when the database is not a SQLite file there.
    var databaseFile: String?
    var allowedExtensions = ["png", "jpg", "jpeg"]
    var maxContentLength = 16 * 1024 * 1024

    init(_ module: PythonModule?, report: inout ImportReport) {
        var assignments: [String: (PythonExpression, Int)] = [:]
        for statement in module?.statements ?? [] {
            switch statement.kind {
            case .assign(let targets, let value):
                for case .name(let name) in targets { assignments[name] = (value, statement.line) }
            case .classDef(_, _, _, let body):
                for inner in body {
                    if case .assign(let targets, let value) = inner.kind {
                        for case .name(let name) in targets { assignments[name] = (value, inner.line) }
                    }
                }
            default:
                continue
            }
        }
        let location = module?.path ?? "secret.py"
        let sessions = "sakyum's session and remember cookies (Flask's itsdangerous format) are not sakyumd's, so everyone logs in once more after the move; passwords are unchanged."
        if let (value, _) = assignments["SECRET_KEY"], let key = value.stringValue, key.utf8.count >= 32 {
            secretKey = key
            secretNote = "secret.key holds sakyum's SECRET_KEY. " + sessions
        } else {
            secretKey = SecretKey.generate().trimmingCharacters(in: .whitespacesAndNewlines)
            secretNote = (assignments["SECRET_KEY"]?.0.stringValue != nil
                          ? "sakyum's SECRET_KEY is shorter than the 32 bytes sakyumd needs, so secret.key holds a new random key. "
                          : "sakyum's SECRET_KEY is not written in secret.py, so secret.key holds a new random key. ") + sessions
        }
        databaseFile = "default.db"
        if let (value, line) = assignments["SQLALCHEMY_DATABASE_URI"] {
            let literals = Self.strings(in: value)
            if let url = literals.first, !url.hasPrefix("sqlite") {
                report.note(.models, "\(location):\(line)", "the database is not SQLite (\(url.prefix { $0 != ":" })); only SQLite databases are copied, so the new project starts with an empty default.db")
                databaseFile = nil
            } else if let last = literals.last, last.hasSuffix(".db") || last.hasSuffix(".sqlite") || last.hasSuffix(".sqlite3") {
                let file = last.split(separator: "/").last.map(String.init) ?? last
                databaseFile = file
            }
        }
        if let (value, _) = assignments["ALLOWED_EXTENSIONS"] {
            let items: [PythonExpression]? = switch value {
            case .tuple(let items), .list(let items): items
            default: nil
            }
            if let items, !items.isEmpty, items.allSatisfy({ $0.stringValue != nil }) { allowedExtensions = items.compactMap(\.stringValue) }
        }
        if let (value, _) = assignments["MAX_CONTENT_LENGTH"], let bytes = Self.integer(value), bytes > 0 {
            maxContentLength = bytes
        }
    }

    private static func strings(in value: PythonExpression) -> [String] {
        switch value {
        case .string(let text): [text]
        case .binary(_, let left, let right): strings(in: left) + strings(in: right)
        default: []
        }
    }

    private static func integer(_ value: PythonExpression) -> Int? {
        if let number = value.integerValue { return number }
        if case .binary("*", let left, let right) = value, let a = integer(left), let b = integer(right) {
            return a.multipliedReportingOverflow(by: b).overflow ? nil : a * b
        }
        return nil
    }
}
