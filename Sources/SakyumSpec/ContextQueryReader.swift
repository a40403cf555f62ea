import Foundation

/// Reads one `context` entry of a view: a plain value, or a mapping with one of the query keys
/// (`query`, `first`, `get`, `get_or_404`, `count`) naming a model.
struct ContextValueReader {
    let log: DiagnosticLog

    static let operators: Set<String> = ["eq", "ne", "lt", "le", "gt", "ge", "like", "ilike", "in", "is_null"]

    func read(_ node: SpecNode) -> ContextValue? {
        guard let entries = node.entries,
              let kindName = entries.compactMap({ $0.key.scalarText }).first(where: { ContextQuery.Kind(rawValue: $0) != nil }),
              let kind = ContextQuery.Kind(rawValue: kindName) else {
            return .literal(node.literal)
        }
        guard let reader = MappingReader(node, log: log, what: "context query") else { return nil }
        guard let model = reader.string(kindName) else { return nil }
        return query(reader, node: node, kind: kind, kindKey: kindName, model: model)
    }

    /// `list: {model: M, …, as: name}` (kind `query`) and `detail: {model: M, id: id, as: name}` (`get_or_404`).
    func readShorthand(_ node: SpecNode, kind: ContextQuery.Kind) -> ContextValue? {
        guard let reader = MappingReader(node, log: log, what: kind == .query ? "list" : "detail") else { return nil }
        guard let model = reader.string("model", required: true) else { return nil }
        _ = reader.value("as")
        return query(reader, node: node, kind: kind, kindKey: "model", model: model, extraKeys: ["as"])
    }

    private func query(_ reader: MappingReader, node: SpecNode, kind: ContextQuery.Kind, kindKey: String, model: String,
                       extraKeys: [String] = []) -> ContextValue? {
        let kindName = kind.rawValue
        var known = [kindKey, "filter", "order_by", "limit", "paginate"] + extraKeys
        var conditions: [ContextQuery.Condition] = []
        if kind == .get || kind == .getOr404 {
            known.append("id")
            guard let idNode = reader.value("id") else {
                reader.report("context query: \(kindName) needs 'id' (the primary key to look up)")
                return nil
            }
            conditions.append(ContextQuery.Condition(field: nil, op: "eq", operand: Self.operand(idNode), location: idNode.diagnostic("")))
        }
        if let filterNode = reader.value("filter"), !filterNode.isNull {
            guard let pairs = filterNode.entries else {
                log.report(filterNode.diagnostic("context query: 'filter' must map fields to values"))
                return nil
            }
            for (key, value) in pairs {
                guard let text = key.scalarText else { continue }
                let parts = text.components(separatedBy: "__")
                let op = parts.count > 1 ? parts[parts.count - 1] : "eq"
                guard parts.count <= 2, Self.operators.contains(op) else {
                    let ops = Self.operators.sorted().joined(separator: ", ")
                    log.report(key.diagnostic("context query: '\(text)' must be a field, or field__op with op one of \(ops)"))
                    continue
                }
                conditions.append(ContextQuery.Condition(field: parts[0], op: op, operand: Self.operand(value), location: key.diagnostic("")))
            }
        }
        let orderBy = reader.strings("order_by") ?? []
        let limit = reader.int("limit")
        let perPage = reader.int("paginate")
        reader.finish(known: known)
        if let limit, limit < 0 { reader.report("context query: 'limit' must not be negative", at: "limit") }
        if let perPage, perPage < 1 || perPage > 1000 { reader.report("context query: 'paginate' must be between 1 and 1000 rows", at: "paginate") }
        if perPage != nil, kind != .query { reader.report("context query: 'paginate' only applies to 'query'", at: "paginate") }
        return .query(ContextQuery(kind: kind, model: model, conditions: conditions, orderBy: orderBy,
                                   limit: limit, perPage: perPage, location: node.diagnostic("")))
    }

    /// `current_user.x` and `request.args.x` are references; a text naming a URL argument is resolved
    /// against the rule when the Site is built; `{value: …}` is always literal.
    static func operand(_ node: SpecNode) -> ContextQuery.Operand {
        if let entries = node.entries, entries.count == 1, entries[0].key.scalarText == "value" {
            return .literal(entries[0].value.literal)
        }
        guard node.isPlain, let text = node.scalarText, !node.isNull else { return .literal(node.literal) }
        if text.hasPrefix("current_user."), Identifier.isValid(String(text.dropFirst("current_user.".count))) {
            return .currentUser(String(text.dropFirst("current_user.".count)))
        }
        if text.hasPrefix("request.args."), !text.dropFirst("request.args.".count).isEmpty {
            return .queryParameter(String(text.dropFirst("request.args.".count)))
        }
        if Identifier.isValid(text), case .string = node.literal {
            return .routeArgument(text)
        }
        return .literal(node.literal)
    }
}
