import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Compiles a `ProjectSpec` into a `Site`: routes built, every template parsed, every reference checked.
/// Anything wrong is reported as diagnostics and no Site is made, so a broken edit never replaces a good Site.
/// Only a description that compiles touches the database (`StoreDatabase.synchronize`).
public struct SiteBuilder: Sendable {
    public let spec: ProjectSpec
    public let directory: URL
    /// The project's database, kept open across reloads by the caller; nil builds a Site without data.
    public let database: StoreDatabase?
    /// `--dev`: new nullable columns are added without a migration.
    public let applyingAdditive: Bool
    /// Requests that failed with a 500, kept by the caller across reloads.
    public let runtimeErrors: RuntimeErrorLog
    /// Error pages show the cause, its template lines and the request, as with `debug: true` (`--dev`).
    public let showsErrorDetail: Bool

    public init(spec: ProjectSpec, directory: URL, database: StoreDatabase? = nil, applyingAdditive: Bool = false,
                runtimeErrors: RuntimeErrorLog = RuntimeErrorLog(),
                showsErrorDetail: Bool = false) {
        self.spec = spec
        self.directory = directory
        self.database = database
        self.applyingAdditive = applyingAdditive
        self.runtimeErrors = runtimeErrors
        self.showsErrorDetail = showsErrorDetail
    }

    /// Loads the description in `directory` and compiles it.
    public static func load(directory: URL, database: StoreDatabase? = nil, applyingAdditive: Bool = false) throws(ProjectLoadError) -> Site {
        let spec = try ProjectLoader(directory: directory).load()
        return try SiteBuilder(spec: spec, directory: directory, database: database, applyingAdditive: applyingAdditive).build()
    }

    public func build() throws(ProjectLoadError) -> Site {
        var diagnostics: [Diagnostic] = []
        let templatesRoot = directory.appendingPathComponent("templates")
        let loader = DirectoryLoader(root: templatesRoot)
        let config = Value.dict([("PROJECT_NAME", .string(spec.name)), ("DEBUG", .bool(spec.debug))])
        let templates = TemplateEnvironment(loader: loader, fallback: BuiltinTemplates.library, globals: ["config": config])

        var forms: [String: FormDefinition] = [:]
        for app in spec.apps {
            for form in app.forms {
                if let definition = FormDefinition(form, app: app.name, models: spec.models, diagnostics: &diagnostics) {
                    forms["\(app.name).\(form.name)"] = definition
                }
            }
        }
        var rules: [RoutingRule] = []
        var handlers: [SiteRoute] = []
        var redirects: [(endpoint: String, blueprint: String, target: String, location: Diagnostic)] = []
        let blueprintViews = [("base", spec.routes)] + spec.apps.map { ($0.name, $0.views) }
        for (blueprint, specs) in blueprintViews {
            for view in specs {
                let endpoint = "\(blueprint).\(view.endpoint)"
                let rule: RoutingRule
                do {
                    rule = try RoutingRule(view.path, endpoint: endpoint, methods: Set(view.methods))
                } catch {
                    diagnostics.append(view.location.with(message: "view '\(endpoint)': \(error)"))
                    continue
                }
                if let template = view.template, !Self.exists(template, loader: loader) {
                    diagnostics.append(view.location.with(message: "view '\(endpoint)': template '\(template)' not found in templates/"))
                }
                var constants: [(String, Value)] = []
                var queries: [PageQuery] = []
                for (name, value) in view.context {
                    switch value {
                    case .literal(let literal):
                        constants.append((name, literal.templateValue))
                    case .query(let query):
                        if let compiled = PageQuery(name: name, query: query, models: spec.models,
                                                    routeArguments: rule.argumentNames, diagnostics: &diagnostics) {
                            queries.append(compiled)
                        }
                    }
                }
                var compiled = CompiledView(template: view.template, context: constants, queries: queries)
                compiled.loginRequired = view.loginRequired
                compiled.adminRequired = view.adminRequired
                compiled.success = view.success
                let actions = ActionCompiler(spec: spec, app: blueprint, routeArguments: rule.argumentNames, endpoint: endpoint, forms: forms)
                if let action = view.action {
                    compiled.action = actions.compile(action, diagnostics: &diagnostics)
                    if case .redirect(let target) = action, let name = target.endpoint {
                        redirects.append((endpoint, blueprint, name, target.location))
                    }
                }
                if let target = view.success.redirect {
                    compiled.successRedirect = actions.redirect(target, diagnostics: &diagnostics)
                    if let name = target.endpoint { redirects.append((endpoint, blueprint, name, target.location)) }
                }
                rules.append(rule)
                handlers.append(SiteRoute(handler: .view(compiled), endpoint: endpoint, blueprint: blueprint))
            }
        }
        do {
            rules.append(try RoutingRule("/static/<path:filename>", endpoint: "static"))
            handlers.append(SiteRoute(handler: .staticFiles, endpoint: "static", blueprint: nil))
            if spec.blueprints.contains("auth") {
                for page in AuthPage.allCases {
                    rules.append(try RoutingRule(page.path, endpoint: page.endpoint, methods: page.methods))
                    handlers.append(SiteRoute(handler: .auth(page), endpoint: page.endpoint, blueprint: "auth"))
                }
                rules.append(try RoutingRule(AuthPage.adminHome.path, endpoint: AuthPage.adminHome.endpoint))
                handlers.append(SiteRoute(handler: .adminHome, endpoint: AuthPage.adminHome.endpoint, blueprint: "admin"))
            }
        } catch {
            preconditionFailure("the built-in rules are valid: \(error)")
        }
        let admins = AdminBuilder(spec: spec, templates: templates).build(diagnostics: &diagnostics)
        for admin in admins {
            for action in AdminAction.allCases {
                let endpoint = action.endpoint(of: admin)
                do {
                    rules.append(try RoutingRule("/admin/\(admin.endpoint)/\(action.pathSuffix)", endpoint: endpoint, methods: action.methods))
                    handlers.append(SiteRoute(handler: .admin(admin, action), endpoint: endpoint, blueprint: admin.endpoint))
                } catch {
                    diagnostics.append(Diagnostic(file: ProjectLoader.projectFile, message: "admin view \(admin.endpoint): \(error)"))
                }
            }
        }

        for (code, template) in spec.errorTemplates.sorted(by: { $0.key < $1.key }) where !Self.exists(template, loader: loader) {
            diagnostics.append(Diagnostic(file: ProjectLoader.projectFile, message: "errors: template '\(template)' for \(code) not found in templates/"))
        }
        diagnostics += compileAll(templates, projectTemplates: TemplateFiles.names(in: templatesRoot))

        let routes: RouteTable
        do {
            routes = try RouteTable(rules: rules, aliases: spec.blueprints.contains("auth") ? AuthPage.sakyumAliases : [:])
        } catch {
            diagnostics.append(Diagnostic(file: ProjectLoader.projectFile, message: "routes: \(error)"))
            throw ProjectLoadError(diagnostics)
        }
        let strings = ModelStrings(models: spec.models, environment: templates, diagnostics: &diagnostics)
        if let home = spec.authHome, !routes.hasEndpoint(home) {
            diagnostics.append(Diagnostic(file: ProjectLoader.projectFile, message: "auth: home '\(home)' is not an endpoint of this project"))
        }
        for redirect in redirects {
            let target = redirect.target.hasPrefix(".") ? redirect.blueprint + redirect.target : redirect.target
            if !routes.hasEndpoint(target) {
                diagnostics.append(redirect.location.with(message: "view '\(redirect.endpoint)': redirect to '\(redirect.target)': no such endpoint"))
            }
        }
        guard diagnostics.isEmpty else { throw ProjectLoadError(diagnostics) }
        var store: Store?
        var schema: SchemaStatus?
        if let database {
            do {
                schema = try database.synchronize(models: spec.models, applyingAdditive: applyingAdditive)
            } catch {
                var isTemporary = false
                if case .unavailable = error { isTemporary = true }
                throw ProjectLoadError([Diagnostic(file: spec.databaseFile ?? ProjectLoader.projectFile, message: "cannot prepare the database: \(error)")],
                                       isTemporary: isTemporary)
            }
            store = Store(database: database, models: spec.models)
        }
        let data = SiteData(store: store, strings: strings, schema: schema, projectName: spec.name)
        let auth = SiteAuth(secret: secret(), store: store)
        let pages = PageRenderer(templates: templates,
                                 errorPages: ErrorPages(templates: templates, customTemplates: spec.errorTemplates, debug: spec.debug || showsErrorDetail),
                                 auth: auth, projectValues: projectValues(routes: routes),
                                 adminMenus: Dictionary(uniqueKeysWithValues: mounts.map { ($0, AdminMenu.value(admins, routes: routes, mount: $0)) }),
                                 renderTimer: SiteMetrics.renderTimer(project: spec.name))
        return Site(spec: spec, directory: directory, routes: routes, handlers: handlers.map { withBlueprintIndex($0, routes: routes) },
                    pages: pages, data: data, auth: auth, runtimeErrors: runtimeErrors)
    }

    /// The mounts a Site can be reached at: the root (by Host) and its prefix.
    private var mounts: [SiteMount] {
        [SiteMount.root] + [spec.prefix].compactMap { $0.map(SiteMount.init) }
    }

    /// `project` in templates, per mount: its apps link to their index pages.
    private func projectValues(routes: RouteTable) -> [SiteMount: Value] {
        Dictionary(uniqueKeysWithValues: mounts.map { mount in
            let apps: [Value] = spec.appNames.map { app in
                let index = try? routes.build(endpoint: "\(app).index", values: [])
                return .dict([("name", .string(app)), ("index_url", index.map { .string(mount.scriptRoot + $0) } ?? .none)])
            }
            let signup = try? routes.build(endpoint: "base.signup", values: [])
            return (mount, .dict([
                ("name", .string(spec.name)),
                ("signup_url", signup.map { .string(mount.scriptRoot + $0) } ?? .none),
                ("hosts", .array(spec.hosts.map(Value.string))),
                ("prefix", spec.prefix.map(Value.string) ?? .none),
                ("apps", .array(apps)),
            ]))
        })
    }

    /// A view learns its blueprint's `index` endpoint, where it goes after a change without a redirect of its own.
    private func withBlueprintIndex(_ route: SiteRoute, routes: RouteTable) -> SiteRoute {
        guard case .view(var view) = route.handler, let blueprint = route.blueprint else { return route }
        let index = "\(blueprint).index"
        view.blueprintIndex = routes.hasEndpoint(index) ? index : nil
        return SiteRoute(handler: .view(view), endpoint: route.endpoint, blueprint: blueprint)
    }

    /// secret.key's bytes (the supervisor makes sure it exists); without one, a random key for this Site only,
    /// so sessions simply do not outlive it.
    private func secret() -> [UInt8] {
        let file = directory.appendingPathComponent("secret.key")
        if let text = try? TextFile.read(file) {
            let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if key.utf8.count >= 32 { return Array(key.utf8) }
        }
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private static func exists(_ name: String, loader: DirectoryLoader) -> Bool {
        (try? loader.load(name)) != nil || BuiltinTemplates.library.contains(name)
    }

    /// Parses every template now, so a syntax error is a load diagnostic instead of a 500 later.
    private func compileAll(_ templates: TemplateEnvironment, projectTemplates: [String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Built-ins are compiled once per process (and checked by SiteBuilderTests); a project's
        // file of the same name replaces one and is compiled here with the rest of its templates.
        let names = projectTemplates
        for name in names {
            do {
                _ = try templates.template(named: name)
            } catch let error as TemplateError {
                let file = projectTemplates.contains(error.templateName) ? "templates/\(error.templateName)" : error.templateName
                diagnostics.append(Diagnostic(file: file, line: error.line, column: 0, message: error.message))
            } catch {
                diagnostics.append(Diagnostic(file: "templates/\(name)", message: "\(error)"))
            }
        }
        return diagnostics
    }
}

/// The template names under a templates/ folder (relative paths, text templates only).
enum TemplateFiles {
    static let extensions: Set<String> = ["html", "htm", "xml", "txt", "j2", "jinja", "jinja2"]

    static func names(in root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return []
        }
        let rootPath = root.standardizedFileURL.path
        var names: [String] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension.lowercased()) {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath + "/") else { continue }
            names.append(String(path.dropFirst(rootPath.count + 1)))
        }
        return names.sorted()
    }
}

extension Diagnostic {
    func with(message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message)
    }
}

extension LiteralValue {
    var templateValue: Value {
        switch self {
        case .none: .none
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(\.templateValue))
        case .map(let pairs): .dict(pairs.map { ($0.key, $0.value.templateValue) })
        }
    }
}
