import Foundation
import Yams

/// Reads a project directory into a `ProjectSpec`, reporting every problem with its file:line:col.
public struct ProjectLoader: Sendable {
    public static let projectFile = "project.yaml"
    public static let appFiles = ["models.yaml", "forms.yaml", "admin.yaml", "views.yaml"]
    static let errorCodes: Set<Int> = [400, 401, 403, 404, 406, 415, 429, 500, 501, 502, 503, 504]
    static let httpMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Loads and validates the whole project; throws `ProjectLoadError` with all diagnostics.
    public func load() throws(ProjectLoadError) -> ProjectSpec {
        let log = DiagnosticLog()
        let spec = read(log: log)
        guard log.isEmpty, let spec else {
            throw ProjectLoadError(log.diagnostics)
        }
        return spec
    }

    private func read(log: DiagnosticLog) -> ProjectSpec? {
        guard let root = parse(Self.projectFile, log: log, required: true),
              let project = MappingReader(root, log: log, what: Self.projectFile)
        else { return nil }

        let head = readHead(project)
        let (name, hosts, prefix) = (head.name, head.hosts, head.prefix)
        let database = readDatabase(project.value("database"), log: log)
        let debug = project.bool("debug") ?? false
        let blueprints = readBlueprints(project, log: log)
        let admin = readAdmin(project.value("admin"), projectName: name, log: log)
        let uploads = readUploads(project.value("uploads"), log: log)
        let errorTemplates = readErrorTemplates(project.value("errors"), log: log)
        let authHome = readAuth(project.value("auth"), log: log)
        let accessLog = project.bool("access_log") ?? true
        let routes = project.value("routes").map { readViews($0, what: "routes", log: log) } ?? []
        project.finish(known: ["name", "hosts", "prefix", "database", "debug", "blueprints", "admin", "uploads", "errors", "auth", "access_log", "routes", "preload"])

        var relationships: [ModelReader.DeclaredRelationship] = []
        var apps = blueprints.filter { !ProjectSpec.builtinBlueprints.contains($0) }.compactMap {
            readApp($0, relationships: &relationships, log: log)
        }
        let models = ModelResolver(log: log).resolve(ProjectSpec.builtinModels + apps.flatMap(\.models), declared: relationships)
        for index in apps.indices {
            apps[index].models = models.filter { $0.app == apps[index].name }
        }
        var spec = ProjectSpec(
            name: name, hosts: hosts, prefix: prefix, database: database, debug: debug,
            blueprints: blueprints, admin: admin, uploads: uploads, errorTemplates: errorTemplates,
            routes: routes, builtinModels: models.filter { $0.app == "auth" }, apps: apps
        )
        spec.authHome = authHome
        spec.accessLog = accessLog
        spec.preload = head.preload
        return spec
    }

    /// `database: sqlite:FILE` or `database: postgresql://USER@HOST/DB`, or the mapping form
    /// `{url: …, password_file: FILE, pool_size: N, pool_timeout: SECONDS}` (PostgreSQL only).
    private func readDatabase(_ node: SpecNode?, log: DiagnosticLog) -> DatabaseSpec {
        guard let node, !node.isNull else { return .default }
        if let url = node.scalarText {
            return readDatabaseURL(url, at: node, log: log) ?? .default
        }
        guard let reader = MappingReader(node, log: log, what: "database") else { return .default }
        defer { reader.finish(known: ["url", "password_file", "pool_size", "pool_timeout"]) }
        guard let url = reader.string("url", required: true), let urlNode = reader.value("url"),
              let spec = readDatabaseURL(url, at: urlNode, log: log) else { return .default }
        guard case .postgres(var location) = spec else {
            if reader.keys.contains(where: { $0 != "url" }) {
                reader.report("database: password_file, pool_size and pool_timeout apply to PostgreSQL only")
            }
            return spec
        }
        if let file = reader.string("password_file") {
            if file.isEmpty || file.split(separator: "/").contains("..") {
                reader.report("database: 'password_file' must be a file inside the project folder or an absolute path", at: "password_file")
            } else {
                location.passwordFile = file
            }
        }
        if let size = reader.int("pool_size") {
            if (1...200).contains(size) {
                location.poolSize = size
            } else {
                reader.report("database: 'pool_size' must be from 1 to 200", at: "pool_size")
            }
        }
        if let seconds = reader.int("pool_timeout") {
            if (1...300).contains(seconds) {
                location.poolTimeout = seconds
            } else {
                reader.report("database: 'pool_timeout' must be from 1 to 300 seconds", at: "pool_timeout")
            }
        }
        return .postgres(location)
    }

    private func readDatabaseURL(_ url: String, at node: SpecNode, log: DiagnosticLog) -> DatabaseSpec? {
        if url.hasPrefix("sqlite:") {
            let file = url.dropFirst("sqlite:".count)
            if file.isEmpty || file.hasPrefix("/") || file.split(separator: "/").contains("..") {
                log.report(node.diagnostic("database '\(url)': FILE must be a path inside the project folder"))
                return nil
            }
            return .sqlite(file: String(file))
        }
        do {
            return .postgres(try PostgresLocation(url: url))
        } catch {
            // The URL is not echoed: it may hold a password the user should not see in a log.
            log.report(node.diagnostic("database: \(error)"))
            return nil
        }
    }

    /// `auth: {home: ENDPOINT}`; the endpoint is checked against the routes when the Site is built.
    private func readAuth(_ node: SpecNode?, log: DiagnosticLog) -> String? {
        guard let node, !node.isNull, let reader = MappingReader(node, log: log, what: "auth") else { return nil }
        let home = reader.string("home")
        reader.finish(known: ["home"])
        return home
    }

    /// Parses one YAML file; nil (and a diagnostic) when it is missing, unreadable or malformed.
    func parse(_ file: String, log: DiagnosticLog, required: Bool) -> SpecNode? {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { log.report(Diagnostic(file: file, message: "file is missing")) }
            return nil
        }
        let text: String
        do {
            text = try TextFile.read(url)
        } catch {
            log.report(Diagnostic(file: file, message: "cannot be read as UTF-8 text"))
            return nil
        }
        do {
            // The basic resolver: scalars are typed by the readers (SpecNode.literal), and the default one
            // resolves every key's tag with regular expressions when Yams checks for duplicate keys, a fifth
            // of a project's compile time.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return SpecNode(node: .scalar(.init("", .init(.null))), file: file)
            }
            return SpecNode(node: node, file: file)
        } catch let error as YamlError {
            log.report(Self.diagnostic(for: error, file: file))
            return nil
        } catch {
            log.report(Diagnostic(file: file, message: "invalid YAML: \(error)"))
            return nil
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return Diagnostic(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(file: file, line: context.mark.line, column: context.mark.column,
                              message: "invalid YAML: duplicated keys \(duplicates.joined(separator: ", "))")
        default:
            return Diagnostic(file: file, message: "invalid YAML: \(error)")
        }
    }

    private func readBlueprints(_ project: MappingReader, log: DiagnosticLog) -> [String] {
        guard let node = project.value("blueprints") else {
            project.report("project.yaml: 'blueprints' is required (the built-ins \(ProjectSpec.builtinBlueprints.joined(separator: ", ")) and your apps)")
            return []
        }
        guard let items = node.items else {
            log.report(node.diagnostic("'blueprints' must be a list of blueprint names"))
            return []
        }
        var names: [String] = []
        for item in items {
            guard let name = item.scalarText, Identifier.isValid(name) else {
                log.report(item.diagnostic("blueprint names are letters, digits and '_', not starting with a digit"))
                continue
            }
            if names.contains(name) {
                log.report(item.diagnostic("blueprint '\(name)' is registered twice"))
                continue
            }
            if !ProjectSpec.builtinBlueprints.contains(name) {
                var isDirectory: ObjCBool = false
                let folder = directory.appendingPathComponent(name).path
                if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                    log.report(item.diagnostic("blueprint '\(name)' has no app folder \(name)/ (create it with `sakyumctl create-app`)"))
                    continue
                }
            }
            names.append(name)
        }
        return names
    }

    private func readAdmin(_ node: SpecNode?, projectName: String, log: DiagnosticLog) -> AdminSpec {
        guard let node, !node.isNull, let admin = MappingReader(node, log: log, what: "admin") else {
            return AdminSpec(name: projectName)
        }
        let name = admin.string("name") ?? projectName
        var views: [AdminViewSpec] = []
        if let list = admin.value("views"), !list.isNull {
            if let items = list.items {
                views = items.compactMap(AdminReader(log: log).readView)
            } else {
                log.report(list.diagnostic("admin: 'views' must be a list"))
            }
        }
        admin.finish(known: ["name", "views"])
        return AdminSpec(name: name, views: views)
    }

    private func readUploads(_ node: SpecNode?, log: DiagnosticLog) -> UploadsSpec {
        var uploads = UploadsSpec()
        guard let node, !node.isNull, let reader = MappingReader(node, log: log, what: "uploads") else { return uploads }
        if let folder = reader.string("folder") {
            if folder.isEmpty || folder == "/" || folder.split(separator: "/").contains("..") {
                reader.report("uploads: 'folder' must be a folder inside the project, or an absolute path without '..'", at: "folder")
            } else {
                uploads.folder = folder
            }
        }
        if let extensions = reader.strings("allowed_extensions") {
            uploads.allowedExtensions = extensions.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        }
        if let sizeNode = reader.value("max_content_length"), !sizeNode.isNull {
            if let bytes = ByteSize.parse(sizeNode.scalarText ?? "") {
                uploads.maxContentLength = bytes
            } else {
                log.report(sizeNode.diagnostic("uploads: 'max_content_length' must be a size like 16MiB, 500KB or 1048576"))
            }
        }
        reader.finish(known: ["folder", "allowed_extensions", "max_content_length"])
        return uploads
    }

    private func readErrorTemplates(_ node: SpecNode?, log: DiagnosticLog) -> [Int: String] {
        guard let node, !node.isNull else { return [:] }
        guard let entries = node.entries else {
            log.report(node.diagnostic("'errors' must map status codes to templates, e.g. {404: schoolsite/404.html}"))
            return [:]
        }
        var templates: [Int: String] = [:]
        for (key, value) in entries {
            guard let code = key.scalarText.flatMap(Int.init), Self.errorCodes.contains(code) else {
                let codes = Self.errorCodes.sorted().map(String.init).joined(separator: " ")
                log.report(key.diagnostic("errors: '\(key.scalarText ?? "?")' is not one of the error pages \(codes)"))
                continue
            }
            guard let template = value.scalarText, !template.isEmpty else {
                log.report(value.diagnostic("errors: the template for \(code) must be a template name"))
                continue
            }
            templates[code] = template
        }
        return templates
    }

    private func readApp(_ name: String, relationships: inout [ModelReader.DeclaredRelationship], log: DiagnosticLog) -> AppSpec? {
        func forms() -> [FormSpec] {
            let path = "\(name)/forms.yaml"
            guard let node = parse(path, log: log, required: false) else { return [] }
            return FormReader(log: log, path: path).read(node)
        }
        func adminViews() -> [(name: String, options: ModelViewOptions)] {
            let path = "\(name)/admin.yaml"
            guard let node = parse(path, log: log, required: false), !node.isNull else { return [] }
            guard let entries = node.entries else {
                log.report(node.diagnostic("\(path) must be a mapping of view names to options ({} when empty)"))
                return []
            }
            let reader = AdminReader(log: log)
            return entries.compactMap { key, value in
                guard let viewName = key.scalarText, Identifier.isValid(viewName) else {
                    log.report(key.diagnostic("\(path): '\(key.scalarText ?? "?")' is not a valid name"))
                    return nil
                }
                return reader.readOptions(value, name: viewName).map { (viewName, $0) }
            }
        }
        let viewsPath = "\(name)/views.yaml"
        let views = parse(viewsPath, log: log, required: false).map { readViews($0, what: viewsPath, log: log) } ?? []
        let modelsPath = "\(name)/models.yaml"
        let models = parse(modelsPath, log: log, required: false).map { ModelReader(app: name, path: modelsPath, log: log).read($0) }
        relationships += models?.relationships ?? []
        return AppSpec(
            name: name, views: views,
            models: models?.models ?? [], forms: forms(), adminViews: adminViews()
        )
    }

    private func readViews(_ node: SpecNode, what: String, log: DiagnosticLog) -> [ViewSpec] {
        if node.isNull { return [] }
        guard let items = node.items else {
            log.report(node.diagnostic("\(what) must be a list of views ([] when empty)"))
            return []
        }
        var views: [ViewSpec] = []
        var endpoints: Set<String> = []
        for item in items {
            guard let reader = MappingReader(item, log: log, what: "view") else { continue }
            let path = reader.string("path", required: true)
            let endpoint = reader.string("endpoint", required: true)
            let template = reader.string("template")
            let methods = (reader.strings("methods") ?? ["GET"]).map { $0.uppercased() }
            var context: [(key: String, value: ContextValue)] = []
            if let contextNode = reader.value("context"), !contextNode.isNull {
                if let pairs = contextNode.entries {
                    let values = ContextValueReader(log: log)
                    context = pairs.compactMap { key, value in
                        guard let name = key.scalarText else { return nil }
                        return values.read(value).map { (name, $0) }
                    }
                } else {
                    log.report(contextNode.diagnostic("view: 'context' must map names to values"))
                }
            }
            let actions = ViewActionReader(log: log)
            context += actions.shorthandQueries(reader)
            let action = actions.action(reader)
            let success = actions.success(reader.value("success"))
            let loginRequired = reader.bool("login_required") ?? false
            let adminRequired = reader.bool("admin_required") ?? false
            reader.finish(known: ["path", "endpoint", "template", "methods", "context", "list", "detail", "login_required",
                                  "admin_required", "success"] + ViewActionReader.actionKeys)

            if let path, !path.hasPrefix("/") {
                reader.report("view: path '\(path)' must start with '/'", at: "path")
            }
            if let endpoint {
                if !Identifier.isValid(endpoint) {
                    reader.report("view: endpoint '\(endpoint)' must be letters, digits and '_'", at: "endpoint")
                } else if !endpoints.insert(endpoint).inserted {
                    reader.report("view: endpoint '\(endpoint)' is declared twice", at: "endpoint")
                }
            }
            for method in methods where !Self.httpMethods.contains(method) {
                reader.report("view: '\(method)' is not an HTTP method", at: "methods")
            }
            let needsTemplate: Bool
            switch action {
            case nil, .create?, .update?: needsTemplate = true
            case .delete?, .redirect?, .json?: needsTemplate = false
            }
            if needsTemplate && template == nil {
                log.report(item.diagnostic("view: 'template' is required"))
            }
            // create and update answer GET with the form and POST with the result; delete only POST.
            var allowed = methods
            if reader.keys.contains("methods") == false {
                switch action {
                case .create?, .update?: allowed = ["GET", "POST"]
                case .delete?: allowed = ["POST"]
                default: break
                }
            }
            if let path, let endpoint, !needsTemplate || template != nil {
                views.append(ViewSpec(path: path, endpoint: endpoint, methods: allowed, template: template,
                                      context: context, location: item.diagnostic(""), action: action,
                                      loginRequired: loginRequired || adminRequired, adminRequired: adminRequired, success: success))
            }
        }
        return views
    }
}
