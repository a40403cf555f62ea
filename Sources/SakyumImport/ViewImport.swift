/// views.yaml for each app and project.yaml's `routes:` from the `@blueprint.route(...)` functions of
/// views.py and routes.py. A view that only renders a template (with constants and
/// `Model.query…` results) becomes a page view; one with Python logic keeps its URL and endpoint
/// (so `url_for` still builds) on a page saying it is not ported yet, with what to write instead.
struct ViewImport {
    /// Views by blueprint: an app's name, or `base` for routes.py.
    private(set) var views: [String: [View]] = [:]
    private let models: Set<String>

    struct View {
        var entry: [YAMLValue.Entry]
        /// The suggested declarative view, written commented out above a placeholder.
        var suggestion: YAMLValue?
        var origin: String
        var ported: Bool
    }

    static let notPortedTemplate = "sakyum_import/not_ported.html"

    /// sakyum.utils.footer_style, as sakyum 0.0.12 computes it.
    static let footerStyle: YAMLValue = .list([.string("============================="), .string(" @ sakyum software - v0.0.12 ")])

    init(source: SakyumSource, models: Set<String>, report: inout ImportReport) {
        self.models = models
        if let routes = source.module(source.package + "/routes.py") {
            read(routes, blueprint: "base", report: &report)
        }
        for app in source.apps {
            if let module = source.module(app + "/views.py") { read(module, blueprint: app, report: &report) }
        }
    }

    var endpoints: Set<String> {
        Set(views.flatMap { blueprint, views in
            views.compactMap { view in
                view.entry.first { $0.key == "endpoint" }.flatMap { if case .string(let name) = $0.value { "\(blueprint).\(name)" } else { nil } }
            }
        })
    }

    func yaml(app: String) -> String {
        var document = YAMLDocument()
        document.comment("Views of the \(app) app, imported from sakyum (\(app)/views.py). See docs/project-format.md, \"Views\".")
        for view in views[app] ?? [] {
            write(view, into: &document)
        }
        if (views[app] ?? []).isEmpty { document.raw("[]") }
        return document.text
    }

    /// project.yaml's `routes:` block.
    func routesBlock() -> [String] {
        var document = YAMLDocument()
        for view in views["base"] ?? [] { write(view, into: &document) }
        return document.lines.map { $0.isEmpty ? $0 : "  " + $0 }
    }

    private func write(_ view: View, into document: inout YAMLDocument) {
        document.blank()
        if !view.ported {
            document.comment("\(view.origin) is Python logic: this page says so until you port it (see IMPORT.md).")
            if let suggestion = view.suggestion {
                document.comment("A declarative view that may do the same; check it, then use it instead of the next line:\n- " + suggestion.flow)
            }
        }
        document.item(.map(view.entry))
    }

    private mutating func read(_ module: PythonModule, blueprint: String, report: inout ImportReport) {
        let blueprintVariables = Self.blueprintVariables(module)
        for statement in module.statements {
            guard case .functionDef(let function, let parameters, let decorators, let body) = statement.kind else { continue }
            let routes = decorators.filter { decorator in
                guard let callee = decorator.calleeName, callee.hasSuffix(".route") else { return false }
                return blueprintVariables.contains(String(callee.dropLast(".route".count)))
            }
            guard !routes.isEmpty else { continue }
            let location = module.location(statement.line)
            let loginRequired = decorators.contains { ["login_required", "fresh_login_required"].contains($0.dottedName?.split(separator: ".").last.map(String.init) ?? "") }
            for route in routes {
                guard let path = route.positional.first?.stringValue else {
                    report.note(.views, location, "the route of \(function) is not a plain string; not imported")
                    continue
                }
                var entry: [YAMLValue.Entry] = [.init("path", .string(path)),
                                                .init("endpoint", .string(route.keyword("endpoint")?.stringValue ?? function))]
                if case .list(let methods)? = route.keyword("methods") {
                    let names = methods.compactMap(\.stringValue).map { $0.uppercased() }
                    if names != ["GET"] { entry.append(.init("methods", .list(names.map { .string($0) }))) }
                }
                if loginRequired { entry.append(.init("login_required", .bool(true))) }
                var analysis = BodyAnalysis(models: models, routeArguments: Set(parameters))
                if let page = analysis.page(body) {
                    views[blueprint, default: []].append(View(entry: entry + page, suggestion: nil, origin: location, ported: true))
                } else {
                    let suggestion = analysis.suggestion(body).map { YAMLValue.map(entry + $0) }
                    let placeholder = entry + [.init("template", .string(Self.notPortedTemplate)),
                                               .init("context", .map([.init("origin", .string(location))]))]
                    views[blueprint, default: []].append(View(entry: placeholder, suggestion: suggestion, origin: location, ported: false))
                    let line = analysis.logicLine.map { module.location($0) } ?? location
                    report.note(.views, line, "view \(blueprint).\(function) (\(path)) is Python logic (\(analysis.logicReason ?? "more than rendering a template")); "
                                + "its URL shows a \"not ported yet\" page until you write it as a view in "
                                + (blueprint == "base" ? "project.yaml's routes" : "\(blueprint)/views.yaml")
                                + (suggestion == nil ? " (see docs/project-format.md, \"Views that change data\")" : ". A view that may do the same:"),
                                suggestion: suggestion.map { "- " + $0.flow })
                }
            }
        }
    }

    /// Names bound to `Blueprint(...)` in the module.
    private static func blueprintVariables(_ module: PythonModule) -> Set<String> {
        var names: Set<String> = []
        for statement in module.statements {
            if case .assign(let targets, let value) = statement.kind, value.calleeName?.hasSuffix("Blueprint") == true {
                names.formUnion(targets.compactMap(\.dottedName))
            }
        }
        return names
    }
}

/// Reads one view function: either it only renders a template (then `page` gives the view's keys)
/// or it does something else, and says what and where.
struct BodyAnalysis {
    let models: Set<String>
    let routeArguments: Set<String>
    private(set) var logicLine: Int?
    private(set) var logicReason: String?
    private var bindings: [String: YAMLValue] = [:]

    init(models: Set<String>, routeArguments: Set<String>) {
        self.models = models
        self.routeArguments = routeArguments
    }

    mutating func page(_ body: [PythonStatement]) -> [YAMLValue.Entry]? {
        for statement in body {
            switch statement.kind {
            case .expression(.string):
                continue  // a docstring
            case .assign(let targets, let value):
                guard targets.count == 1, case .name(let name) = targets[0] else { return logic(statement.line, "an assignment to \(targets)") }
                guard let bound = contextValue(value) else {
                    return logic(statement.line, value.calleeName.map { "it calls \($0)()" } ?? "\(name) is computed in Python")
                }
                bindings[name] = bound
            case .returnValue(let value?):
                if value.calleeName == "render_template", let template = value.positional.first?.stringValue {
                    var context: [YAMLValue.Entry] = []
                    if value.positional.count > 1 {
                        return logic(statement.line, "render_template is given a value without a name")
                    }
                    if case .call(_, let arguments) = value {
                        for argument in arguments where argument.keyword != nil {
                            let key = argument.keyword!
                            if case .name(let name) = argument.value, name == key, routeArguments.contains(name) { continue }
                            guard let bound = contextValue(argument.value) else {
                                return logic(statement.line, "the template's \(key) is computed in Python")
                            }
                            context.append(.init(key, bound))
                        }
                        if arguments.contains(where: \.starred) { return logic(statement.line, "render_template is given **values") }
                    }
                    var entry: [YAMLValue.Entry] = [.init("template", .string(template))]
                    if !context.isEmpty { entry.append(.init("context", .map(context))) }
                    return entry
                }
                if value.calleeName == "redirect", let target = value.positional.first, target.calleeName == "url_for",
                   let endpoint = target.positional.first?.stringValue, target.keyword("_external") == nil {
                    return [.init("redirect", .string(endpoint))]
                }
                return logic(statement.line, "it returns something other than render_template(...)")
            default:
                return logic(statement.line, Self.describe(statement.kind))
            }
        }
        return logic(body.last?.line ?? 0, "it does not return a page")
    }

    private mutating func logic(_ line: Int, _ reason: String) -> [YAMLValue.Entry]? {
        if logicLine == nil {
            logicLine = line
            logicReason = reason
        }
        return nil
    }

    private static func describe(_ kind: PythonStatement.Kind) -> String {
        switch kind {
        case .ifBlock: "an if statement"
        case .block(let keyword, _): "a \(keyword) statement"
        case .expression(let call): "a call of \(call.calleeName ?? "an expression")"
        case .returnValue: "a bare return"
        default: "a statement that is not rendering a template"
        }
    }

    /// A template value: a constant, a sakyum constant (`footer_style`), a bound name, or a query.
    private func contextValue(_ value: PythonExpression) -> YAMLValue? {
        if case .name(let name) = value {
            if let bound = bindings[name] { return bound }
            if name == "footer_style" { return ViewImport.footerStyle }
            return nil
        }
        if case .dict(let entries) = value {
            var map: [YAMLValue.Entry] = []
            for entry in entries {
                guard let key = entry.key.stringValue else { return nil }
                // sakyum's default page lists the blueprints itself; sakyumd's layout gives `project.apps`.
                if entry.value.calleeName == "rem_blueprint" { continue }
                guard let inner = contextValue(entry.value) else { return nil }
                map.append(.init(key, inner))
            }
            return .map(map)
        }
        if case .list(let items) = value {
            let values = items.compactMap(contextValue)
            return values.count == items.count ? .list(values) : nil
        }
        if let literal = FormImport.literal(value) { return literal }
        return query(value)
    }

    // MARK: Queries

    /// `Model.query.filter_by(…).order_by(…).all()` and friends as a context query.
    func query(_ expression: PythonExpression) -> YAMLValue? {
        var calls: [(name: String, call: PythonExpression)] = []
        var current = expression
        while case .call(.attribute(let base, let method), _) = current {
            calls.insert((method, current), at: 0)
            current = base
        }
        guard case .attribute(.name(let model), "query") = current, models.contains(model), let last = calls.last else { return nil }
        var entry: [YAMLValue.Entry] = []
        var filters: [YAMLValue.Entry] = []
        var order: [YAMLValue] = []
        for (name, call) in calls.dropLast() {
            switch name {
            case "filter_by":
                guard case .call(_, let arguments) = call else { return nil }
                for argument in arguments {
                    guard let key = argument.keyword, let value = filterValue(argument.value) else { return nil }
                    filters.append(.init(key, value))
                }
            case "filter":
                for condition in call.positional {
                    guard let (key, value) = comparison(condition, model: model) else { return nil }
                    filters.append(.init(key, value))
                }
            case "order_by":
                for argument in call.positional {
                    guard let field = orderField(argument, model: model) else { return nil }
                    order.append(.string(field))
                }
            case "limit":
                guard let count = call.positional.first?.integerValue else { return nil }
                entry.append(.init("limit", .int(count)))
            default:
                return nil
            }
        }
        var head: [YAMLValue.Entry]
        switch last.name {
        case "all": head = [.init("query", .string(model))]
        case "first": head = [.init("first", .string(model))]
        case "count": head = [.init("count", .string(model))]
        case "get", "get_or_404":
            guard calls.count == 1, let id = last.call.positional.first, let value = filterValue(id) else { return nil }
            return .map([.init(last.name, .string(model)), .init("id", value)])
        case "paginate":
            let perPage = last.call.keyword("per_page")?.integerValue ?? 20
            head = [.init("query", .string(model)), .init("paginate", .int(perPage))]
        default:
            return nil
        }
        if !filters.isEmpty { head.append(.init("filter", .map(filters))) }
        if !order.isEmpty { head.append(.init("order_by", order.count == 1 ? order[0] : .list(order))) }
        return .map(head + entry)
    }

    /// A value in a filter: a literal, a URL variable, `current_user.FIELD` or `request.args.get('NAME')`.
    private func filterValue(_ value: PythonExpression) -> YAMLValue? {
        if case .name(let name) = value, routeArguments.contains(name) { return .string(name) }
        if let path = value.dottedName, path.hasPrefix("current_user."), path.split(separator: ".").count == 2 { return .string(path) }
        if value.calleeName == "request.args.get", let name = value.positional.first?.stringValue { return .string("request.args.\(name)") }
        if case .string(let text) = value, routeArguments.contains(text) || text.hasPrefix("current_user.") || text.hasPrefix("request.") {
            return .map([.init("value", .string(text))])
        }
        return FormImport.literal(value)
    }

    private func comparison(_ condition: PythonExpression, model: String) -> (String, YAMLValue)? {
        guard case .binary(let op, .attribute(.name(let owner), let field), let right) = condition, owner == model,
              let value = filterValue(right) else { return nil }
        let suffix: String? = switch op {
        case "==": ""
        case "!=": "__ne"
        case "<": "__lt"
        case "<=": "__le"
        case ">": "__gt"
        case ">=": "__ge"
        default: nil
        }
        guard let suffix else { return nil }
        if case .null = value { return (field + "__is_null", .bool(op == "==")) }
        return (field + suffix, value)
    }

    private func orderField(_ argument: PythonExpression, model: String) -> String? {
        switch argument {
        case .string(let field): return field
        case .attribute(.name(let owner), let field) where owner == model: return field
        case .call(.attribute(.attribute(.name(let owner), let field), let direction), []) where owner == model:
            return direction == "desc" ? "-" + field : direction == "asc" ? field : nil
        default:
            if argument.calleeName == "desc" || argument.calleeName == "db.desc", let inner = argument.positional.first,
               case .attribute(.name(model), let field) = inner { return "-" + field }
            return nil
        }
    }

    // MARK: Suggestions

    /// A `create:` view for the common "form, new row, add, commit, flash, redirect" view.
    func suggestion(_ body: [PythonStatement]) -> [YAMLValue.Entry]? {
        var form: String?
        var model: String?
        var set: [YAMLValue.Entry] = []
        var flash: String?
        var redirect: String?
        var template: String?
        func visit(_ statements: [PythonStatement]) {
            for statement in statements {
                switch statement.kind {
                case .assign(_, let value):
                    if let callee = value.calleeName, callee.hasSuffix("Form"), value.positional.isEmpty { form = callee }
                    if let callee = value.calleeName, models.contains(callee), case .call(_, let arguments) = value {
                        model = callee
                        for argument in arguments {
                            guard let key = argument.keyword else { continue }
                            if argument.value == .name("current_user") { set.append(.init(key + "_id", .string("current_user.id"))) }
                            if let path = argument.value.dottedName, path.hasPrefix("current_user.") { set.append(.init(key, .string(path))) }
                        }
                    }
                case .expression(let call) where call.calleeName == "flash":
                    flash = call.positional.first?.stringValue
                case .returnValue(let value?):
                    if value.calleeName == "redirect", let target = value.positional.first, target.calleeName == "url_for" {
                        redirect = target.positional.first?.stringValue
                    }
                    if value.calleeName == "render_template" { template = value.positional.first?.stringValue }
                case .ifBlock(_, let inner, let orElse):
                    visit(inner + orElse)
                case .block(_, let inner):
                    visit(inner)
                default:
                    continue
                }
            }
        }
        visit(body)
        guard let form, let model else { return nil }
        var create: [YAMLValue.Entry] = [.init("model", .string(model)), .init("form", .string(form))]
        if !set.isEmpty { create.append(.init("set", .map(set))) }
        var entry: [YAMLValue.Entry] = []
        if let template { entry.append(.init("template", .string(template))) }
        entry.append(.init("create", .map(create)))
        var success: [YAMLValue.Entry] = []
        if let flash { success.append(.init("flash", .string(flash))) }
        if let redirect { success.append(.init("redirect", .string(redirect))) }
        if !success.isEmpty { entry.append(.init("success", .map(success))) }
        return entry
    }
}
