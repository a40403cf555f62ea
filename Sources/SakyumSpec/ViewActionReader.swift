/// Reads the parts of a views.yaml item beyond a plain page: `create`, `update`, `delete`, `redirect`,
/// `json`, the `list`/`detail` shorthands, and `success`.
struct ViewActionReader {
    let log: DiagnosticLog

    static let actionKeys = ["create", "update", "delete", "redirect", "json"]

    func action(_ reader: MappingReader) -> ViewAction? {
        let present = Self.actionKeys.filter { reader.keys.contains($0) }
        guard let key = present.first else { return nil }
        if present.count > 1 {
            reader.report("view: only one of \(Self.actionKeys.joined(separator: ", ")) (found \(present.joined(separator: " and ")))", at: present[1])
        }
        guard let node = reader.value(key) else { return nil }
        switch key {
        case "create", "update", "delete":
            guard let action = modelAction(node, kind: key) else { return nil }
            return key == "create" ? .create(action) : key == "update" ? .update(action) : .delete(action)
        case "redirect":
            return redirectTarget(node).map(ViewAction.redirect)
        default:
            guard case .query(let query)? = ContextValueReader(log: log).read(node) else {
                log.report(node.diagnostic("view: json needs a query ({query: MODEL, …} or {get_or_404: MODEL, id: id}, …)"))
                return nil
            }
            return .json(query)
        }
    }

    private func modelAction(_ node: SpecNode, kind: String) -> ModelAction? {
        guard let reader = MappingReader(node, log: log, what: kind) else { return nil }
        let model = reader.string("model", required: true)
        let form = reader.string("form")
        var owner: String?
        var parentOwner: ParentOwner?
        if let ownerNode = reader.value("owner"), !ownerNode.isNull {
            if ownerNode.entries != nil {
                parentOwner = self.parentOwner(ownerNode)
            } else {
                owner = ownerNode.scalarText
            }
        }
        let id = reader.value("id").map(ContextValueReader.operand) ?? .routeArgument("id")
        var set: [(String, ContextQuery.Operand)] = []
        if let setNode = reader.value("set"), !setNode.isNull {
            for (key, value) in setNode.entries ?? [] {
                guard let field = key.scalarText else { continue }
                set.append((field, ContextValueReader.operand(value)))
            }
        }
        reader.finish(known: kind == "delete" ? ["model", "id", "owner"] : ["model", "form", "id", "owner", "set"])
        if kind != "delete", form == nil { reader.report("\(kind): a form is needed (form: FormName)") }
        guard let model else { return nil }
        var action = ModelAction(model: model, form: form, id: id, owner: owner, set: set, location: node.diagnostic(""))
        action.parentOwner = parentOwner
        return action
    }

    /// `owner: {model: M, id: id, field: user_id}`.
    private func parentOwner(_ node: SpecNode) -> ParentOwner? {
        guard let reader = MappingReader(node, log: log, what: "owner") else { return nil }
        let model = reader.string("model", required: true)
        let field = reader.string("field", required: true)
        let id = reader.value("id").map(ContextValueReader.operand) ?? .routeArgument("id")
        reader.finish(known: ["model", "id", "field"])
        guard let model, let field else { return nil }
        return ParentOwner(model: model, id: id, field: field, location: node.diagnostic(""))
    }

    /// `exam.index`, `{endpoint: exam.detail, id: id}` or `{url: /somewhere/}`.
    func redirectTarget(_ node: SpecNode) -> RedirectTarget? {
        if let endpoint = node.scalarText, node.isPlain {
            return RedirectTarget(endpoint: endpoint, location: node.diagnostic(""))
        }
        guard let entries = node.entries else {
            log.report(node.diagnostic("redirect: an endpoint, or {endpoint: E, VARIABLE: value}, or {url: /path/}"))
            return nil
        }
        var target = RedirectTarget(location: node.diagnostic(""))
        for (key, value) in entries {
            switch key.scalarText {
            case "endpoint": target.endpoint = value.scalarText
            case "url":
                guard let url = value.scalarText, url.hasPrefix("/"), !url.hasPrefix("//"), !url.contains("\\") else {
                    log.report(value.diagnostic("redirect: url must be a path on this site, starting with one '/'"))
                    return nil
                }
                target.url = url
            case let name?: target.values.append((name, ContextValueReader.operand(value)))
            case nil: continue
            }
        }
        guard (target.endpoint == nil) != (target.url == nil) else {
            log.report(node.diagnostic("redirect: give an endpoint or a url"))
            return nil
        }
        return target
    }

    func success(_ node: SpecNode?) -> SuccessSpec {
        guard let node, !node.isNull, let reader = MappingReader(node, log: log, what: "success") else { return SuccessSpec() }
        var success = SuccessSpec()
        success.flash = reader.string("flash")
        success.category = reader.string("category") ?? "success"
        success.redirect = reader.value("redirect").flatMap(redirectTarget)
        reader.finish(known: ["flash", "category", "redirect"])
        return success
    }

    /// `list:` and `detail:`: context queries under their `as` name (`object_list`, `object` by default).
    func shorthandQueries(_ reader: MappingReader) -> [(key: String, value: ContextValue)] {
        var queries: [(key: String, value: ContextValue)] = []
        for (key, kind, defaultName) in [("list", ContextQuery.Kind.query, "object_list"), ("detail", .getOr404, "object")] {
            guard let node = reader.value(key), !node.isNull else { continue }
            let name = node.entries?.first { $0.key.scalarText == "as" }?.value.scalarText ?? defaultName
            if let query = ContextValueReader(log: log).readShorthand(node, kind: kind) {
                queries.append((name, query))
            }
        }
        return queries
    }
}
