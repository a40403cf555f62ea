import SakyumSpec

/// The Store's operations inside one transaction (`Store.read` or `Store.write`): several changes
/// commit together or not at all. Writes fail inside `Store.read`.
public struct StoreTransaction {
    let connection: any SQLConnection
    let schema: StoreSchema

    private func compiler(_ layout: RecordLayout) -> QueryCompiler {
        QueryCompiler(layout: layout, dialect: connection.dialect)
    }

    /// The row whose primary key is `id`, or nil.
    public func get(_ model: String, id: FieldValue) throws(StoreError) -> Record? {
        let spec = try schema.model(model)
        return try first(Query(model: model, filters: [.eq(spec.primaryKey.name, id)]))
    }

    public func all(_ query: Query) throws(StoreError) -> [Record] {
        let layout = try schema.layout(query.model)
        return try connection.rows(try compiler(layout).select(query)).map { row throws(StoreError) in try record(layout, from: row) }
    }

    public func first(_ query: Query) throws(StoreError) -> Record? {
        var query = query
        query.limit = 1
        return try all(query).first
    }

    /// How many rows match the filters and search (order and window ignored).
    public func count(_ query: Query) throws(StoreError) -> Int {
        let rows = try connection.rows(try compiler(try schema.layout(query.model)).count(query))
        guard case .integer(let count) = rows.first?.first else { return 0 }
        return Int(count)
    }

    public func page(_ query: Query) throws(StoreError) -> Page {
        Page(records: try all(query), total: try count(query))
    }

    /// Inserts a row: missing fields take their default (`now` is the current UTC time), an integer
    /// primary key not given is assigned by the database. Returns the row as stored.
    @discardableResult
    public func insert(_ model: String, values: [String: FieldValue]) throws(StoreError) -> Record {
        let spec = try schema.model(model)
        let given = try checked(values, for: spec)
        var names: [String] = []
        var arguments: [SQLValue] = []
        for field in spec.fields {
            let value = given[field.name] ?? Self.defaultValue(of: field) ?? .null
            if value.isNull, field.primaryKey, field.type == .integer { continue }
            names.append(field.name.quotedIdentifier)
            arguments.append(try Self.validated(value, field: field, model: spec.name).sqlValue)
        }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let sql = names.isEmpty
            ? "INSERT INTO \(spec.table.quotedIdentifier) DEFAULT VALUES"
            : "INSERT INTO \(spec.table.quotedIdentifier) (\(names.joined(separator: ", "))) VALUES (\(placeholders))"
        let generated = try connection.insert(SQLFragment(sql, arguments), generating: spec.primaryKey.name)
        let key = spec.primaryKey
        var id = given[key.name] ?? Self.defaultValue(of: key) ?? .null
        if id.isNull, key.type == .integer, case .integer(let value) = generated { id = .integer(Int(value)) }
        id = try id.converted(to: key, of: spec.name)
        guard let stored = try get(model, id: id) else { throw .notFound(model: model, id: id.displayText) }
        return stored
    }

    /// Changes the given fields of the row `id`; returns the row as stored.
    @discardableResult
    public func update(_ model: String, id: FieldValue, values: [String: FieldValue]) throws(StoreError) -> Record {
        let spec = try schema.model(model)
        let key = try id.converted(to: spec.primaryKey, of: spec.name)
        let given = try checked(values, for: spec)
        guard !given.isEmpty else {
            guard let current = try get(model, id: key) else { throw .notFound(model: model, id: key.displayText) }
            return current
        }
        var assignments: [String] = []
        var arguments: [SQLValue] = []
        for field in spec.fields {
            guard let value = given[field.name] else { continue }
            assignments.append("\(field.name.quotedIdentifier) = ?")
            arguments.append(try Self.validated(value, field: field, model: spec.name).sqlValue)
        }
        arguments.append(key.sqlValue)
        let sql = "UPDATE \(spec.table.quotedIdentifier) SET \(assignments.joined(separator: ", ")) WHERE \(spec.primaryKey.name.quotedIdentifier) = ?"
        let changes = try connection.execute(SQLFragment(sql, arguments))
        guard changes > 0 else { throw .notFound(model: model, id: key.displayText) }
        let newKey = given[spec.primaryKey.name] ?? key
        guard let stored = try get(model, id: newKey) else { throw .notFound(model: model, id: newKey.displayText) }
        return stored
    }

    /// Deletes the row `id`. Like SQLAlchemy's default cascade, rows that point at it through a
    /// relationship without `on_delete` get NULL in their foreign key; when that key cannot be NULL,
    /// nothing is deleted and the error says which rows are in the way.
    public func delete(_ model: String, id: FieldValue) throws(StoreError) {
        let spec = try schema.model(model)
        let key = try id.converted(to: spec.primaryKey, of: spec.name)
        guard let row = try get(model, id: key) else { throw .notFound(model: model, id: key.displayText) }
        for relationship in spec.relationships where relationship.kind == .oneToMany {
            let child = try schema.model(relationship.model)
            guard let foreignKey = child.field(relationship.foreignKey), let reference = foreignKey.foreignKey,
                  reference.onDelete == nil, let referenced = row[reference.column], !referenced.isNull else { continue }
            let children = Query(model: child.name, filters: [.eq(foreignKey.name, referenced)])
            let count = try count(children)
            guard count > 0 else { continue }
            guard foreignKey.nullable else {
                throw .constraintViolation("\(count) \(child.name) row(s) still reference this \(spec.name) through \(foreignKey.name), which cannot be NULL")
            }
            let sql = "UPDATE \(child.table.quotedIdentifier) SET \(foreignKey.name.quotedIdentifier) = NULL WHERE \(foreignKey.name.quotedIdentifier) = ?"
            try connection.execute(SQLFragment(sql, [referenced.sqlValue]))
        }
        let sql = "DELETE FROM \(spec.table.quotedIdentifier) WHERE \(spec.primaryKey.name.quotedIdentifier) = ?"
        try connection.execute(SQLFragment(sql, [key.sqlValue]))
    }

    /// The row a many-to-one relationship points at (`question.user`), or nil when its key is NULL.
    public func related(_ record: Record, _ relationship: String) throws(StoreError) -> Record? {
        let link = try record.model.relationshipNamed(relationship)
        guard link.kind == .manyToOne else {
            throw .invalidValue(model: record.model.name, field: relationship, reason: "is a list; use relatedList")
        }
        guard let field = record.model.field(link.foreignKey), let reference = field.foreignKey,
              let value = record[field.name], !value.isNull else { return nil }
        return try first(Query(model: link.model, filters: [.eq(reference.column, value)]))
    }

    /// The rows of a one-to-many relationship or backref (`question.choices`), by primary key unless `order` is given.
    public func relatedList(_ record: Record, _ relationship: String, order: [Query.Order] = []) throws(StoreError) -> [Record] {
        let link = try record.model.relationshipNamed(relationship)
        guard link.kind == .oneToMany else {
            throw .invalidValue(model: record.model.name, field: relationship, reason: "is a single row; use related")
        }
        let child = try schema.model(link.model)
        guard let field = child.field(link.foreignKey), let reference = field.foreignKey,
              let value = record[reference.column], !value.isNull else { return [] }
        let keys = order.isEmpty ? [Query.Order(child.primaryKey.name)] : order
        return try all(Query(model: child.name, filters: [.eq(field.name, value)], order: keys))
    }

    private func record(_ layout: RecordLayout, from row: [SQLValue]) throws(StoreError) -> Record {
        let model = layout.model
        var values: [FieldValue] = []
        values.reserveCapacity(model.fields.count)
        // By index: `enumerated()` copied every FieldSpec (a large struct) per value read.
        let fields = model.fields
        for index in fields.indices {
            values.append(try FieldValue(stored: row[index], field: fields[index], model: model.name))
        }
        return Record(layout: layout, values: values)
    }

    /// Every key names a field; every value converted to its field's type.
    private func checked(_ values: [String: FieldValue], for model: ModelSpec) throws(StoreError) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for (name, value) in values {
            result[name] = try value.converted(to: try model.column(name), of: model.name)
        }
        return result
    }

    private static func defaultValue(of field: FieldSpec) -> FieldValue? {
        switch field.defaultValue {
        case nil: nil
        case .now: field.type == .date ? .date(DateValue.today()) : .datetime(.now())
        case .value(let literal): FieldValue(literal)
        }
    }

    /// Refuses NULL where the field is NOT NULL and values outside `choices`, with a message a form can show.
    private static func validated(_ value: FieldValue, field: FieldSpec, model: String) throws(StoreError) -> FieldValue {
        let value = try value.converted(to: field, of: model)
        if value.isNull {
            guard field.nullable else { throw .invalidValue(model: model, field: field.name, reason: "a value is required") }
            return value
        }
        if !field.choices.isEmpty {
            let allowed = field.choices.compactMap { try? FieldValue($0.value).converted(to: field, of: model) }
            guard allowed.contains(value) else {
                throw .invalidValue(model: model, field: field.name, reason: "'\(value.displayText)' is not one of the choices")
            }
        }
        return value
    }
}
