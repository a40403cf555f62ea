import SakyumSpec

/// Turns a `Query` into parameterized SQL for one model, refusing any column the model does not have.
struct QueryCompiler {
    let layout: RecordLayout
    let dialect: SQLDialect

    private var model: ModelSpec { layout.model }

    func select(_ query: Query) throws(StoreError) -> SQLFragment {
        var fragment = try filtered(query, selecting: layout.quotedColumns)
        var keys = try query.order.map { order throws(StoreError) in
            let field = try model.column(order.column)
            return "\(field.name.quotedIdentifier)\(order.descending ? " DESC" : "")" + dialect.nullsAsSQLite(descending: order.descending, nullable: field.nullable)
        }
        if let last = query.order.last, !query.order.contains(where: { $0.column == model.primaryKey.name }) {
            // The tie-breaker runs the same way as the last key, so an index on that key (whose entries
            // end in the rowid) serves the whole ORDER BY, forwards or backwards, without a sort.
            keys.append(model.primaryKey.name.quotedIdentifier + (last.descending ? " DESC" : ""))
        }
        if !keys.isEmpty { fragment.sql += " ORDER BY " + keys.joined(separator: ", ") }
        if query.limit != nil || query.offset > 0 {
            fragment.sql += " LIMIT ? OFFSET ?"
            let limit = query.limit.map { SQLValue.integer(Int64(max(0, $0))) } ?? dialect.unlimited
            fragment.arguments += [limit, .integer(Int64(max(0, query.offset)))]
        }
        return fragment
    }

    func count(_ query: Query) throws(StoreError) -> SQLFragment {
        try filtered(query, selecting: "COUNT(*)")
    }

    private func filtered(_ query: Query, selecting columns: String) throws(StoreError) -> SQLFragment {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        for filter in query.filters {
            let condition = try self.condition(filter)
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        if let search = query.search {
            let search = try self.search(search, columns: query.searchColumns)
            conditions += search.map(\.sql)
            arguments += search.flatMap(\.arguments)
        }
        var sql = "SELECT \(columns) FROM \(model.table.quotedIdentifier)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return SQLFragment(sql, arguments)
    }

    private func condition(_ filter: Filter) throws(StoreError) -> SQLFragment {
        let field = try model.column(filter.column)
        let column = field.name.quotedIdentifier
        func value() throws(StoreError) -> FieldValue {
            guard filter.values.count == 1 else {
                throw .invalidValue(model: model.name, field: field.name, reason: "\(filter.op.rawValue) takes one value")
            }
            return try filter.values[0].converted(to: field, of: model.name)
        }
        func compare(_ symbol: String) throws(StoreError) -> SQLFragment {
            SQLFragment("\(column) \(symbol) ?", [try value().sqlValue])
        }
        switch filter.op {
        case .eq:
            let value = try value()
            return value.isNull ? SQLFragment("\(column) IS NULL") : SQLFragment("\(column) = ?", [value.sqlValue])
        case .ne:
            let value = try value()
            return value.isNull ? SQLFragment("\(column) IS NOT NULL") : SQLFragment("\(column) != ?", [value.sqlValue])
        case .lt: return try compare("<")
        case .le: return try compare("<=")
        case .gt: return try compare(">")
        case .ge: return try compare(">=")
        case .like, .ilike:
            guard filter.values.count == 1, case .string(let pattern) = filter.values[0] else {
                throw .invalidValue(model: model.name, field: field.name, reason: "\(filter.op.rawValue) takes one text pattern")
            }
            return filter.op == .like
                ? SQLFragment("\(dialect.asText(column, of: field.textKind)) LIKE ?", [.text(pattern)])
                : SQLFragment("lower(\(dialect.asText(column, of: field.textKind))) LIKE lower(?)", [.text(pattern)])
        case .in:
            guard !filter.values.isEmpty else { return SQLFragment("1 != 1") }
            let values = try filter.values.map { value throws(StoreError) in try value.converted(to: field, of: model.name).sqlValue }
            return SQLFragment("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))", values)
        case .isNull: return SQLFragment("\(column) IS NULL")
        case .isNotNull: return SQLFragment("\(column) IS NOT NULL")
        }
    }

    /// Flask-Admin's `_apply_search`: split on spaces; per word one OR over the columns of
    /// `lower(column) LIKE lower(pattern)`, where `^w` → `w%`, `=w` → `w`, otherwise `%w%`.
    private func search(_ text: String, columns: [String]) throws(StoreError) -> [SQLFragment] {
        let fields = try columns.map { name throws(StoreError) in try model.column(name) }
        guard !fields.isEmpty else { return [] }
        return text.split(separator: " ").map { word in
            let pattern: String
            if word.hasPrefix("^") {
                pattern = word.dropFirst() + "%"
            } else if word.hasPrefix("=") {
                pattern = String(word.dropFirst())
            } else {
                pattern = "%" + word + "%"
            }
            let alternatives = fields.map { "lower(\(dialect.asText($0.name.quotedIdentifier, of: $0.textKind))) LIKE lower(?)" }
            return SQLFragment("(" + alternatives.joined(separator: " OR ") + ")",
                               Array(repeating: .text(pattern), count: fields.count))
        }
    }
}

extension FieldSpec {
    var textKind: SQLDialect.FieldTypeKind {
        switch type {
        case .string, .text: .text
        default: .other
        }
    }
}
