/// Checks what links models across apps — unique model and table names, foreign keys, relationships —
/// and resolves each relationship's direction and backref, once every app's models.yaml is read.
struct ModelResolver {
    let log: DiagnosticLog

    /// `models` holds the built-in ones first, then each app's in blueprint order; returns them resolved,
    /// without the ones whose name or table is taken by an earlier model.
    func resolve(_ models: [ModelSpec], declared: [ModelReader.DeclaredRelationship]) -> [ModelSpec] {
        var resolved: [ModelSpec] = []
        for model in models {
            if let earlier = resolved.first(where: { $0.name == model.name }) {
                log.report(model.location.with(message: "model '\(model.name)' is already declared \(Self.place(of: earlier))"))
            } else if let earlier = resolved.first(where: { $0.table.lowercased() == model.table.lowercased() }) {
                log.report(model.location.with(message: "model '\(model.name)': table '\(model.table)' is already the table of model '\(earlier.name)' \(Self.place(of: earlier)); give one of them another name or `table:`"))
            } else if TableName.reserved.contains(model.table.lowercased()) {
                log.report(model.location.with(message: "model '\(model.name)': table '\(model.table)' is reserved for migrations"))
            } else {
                resolved.append(model)
            }
        }
        for model in resolved {
            for field in model.fields {
                if let foreignKey = field.foreignKey { check(foreignKey, of: field, in: model, models: resolved) }
            }
        }
        for relationship in declared {
            add(relationship, to: &resolved)
        }
        return resolved
    }

    private static func place(of model: ModelSpec) -> String {
        model.location.line > 0 ? "at \(model.location.location)" : "(built in)"
    }

    private func check(_ foreignKey: ForeignKeySpec, of field: FieldSpec, in model: ModelSpec, models: [ModelSpec]) {
        let what = "field \(model.name).\(field.name): foreign_key '\(foreignKey.target)'"
        guard let target = models.first(where: { $0.table == foreignKey.table }) else {
            var message = "\(what): no model has the table '\(foreignKey.table)'"
            if let suggestion = Suggestion.closest(to: foreignKey.table, among: models.map(\.table)) {
                message += " (did you mean '\(suggestion)'?)"
            }
            log.report(foreignKey.location.with(message: message))
            return
        }
        guard let column = target.field(foreignKey.column) else {
            var message = "\(what): model \(target.name) has no field '\(foreignKey.column)'"
            if let suggestion = Suggestion.closest(to: foreignKey.column, among: target.fields.map(\.name)) {
                message += " (did you mean '\(suggestion)'?)"
            }
            log.report(foreignKey.location.with(message: message))
            return
        }
        if !column.primaryKey && !column.unique {
            log.report(foreignKey.location.with(message: "\(what): \(target.name).\(column.name) is neither the primary key nor unique"))
        }
        if column.type.name != field.type.name {
            log.report(foreignKey.location.with(message: "\(what): the field is \(field.type.name) but \(foreignKey.target) is \(column.type.name)"))
        }
    }

    private func add(_ declared: ModelReader.DeclaredRelationship, to models: inout [ModelSpec]) {
        guard let ownerIndex = models.firstIndex(where: { $0.name == declared.owner }) else { return }
        let what = "relationship \(declared.owner).\(declared.name)"
        guard let targetIndex = models.firstIndex(where: { $0.name == declared.model }) else {
            var message = "\(what): no model is named '\(declared.model)'"
            if let suggestion = Suggestion.closest(to: declared.model, among: models.map(\.name)) {
                message += " (did you mean '\(suggestion)'?)"
            }
            log.report(declared.modelLocation.with(message: message))
            return
        }
        let owner = models[ownerIndex], target = models[targetIndex]
        func linking(_ from: ModelSpec, to table: String) -> [String] {
            from.fields.filter { $0.foreignKey?.table == table }.map(\.name)
        }
        let local = owner.name == target.name ? [] : linking(owner, to: target.table)
        let remote = linking(target, to: owner.table)
        let kind: RelationshipSpec.Kind
        let foreignKey: String
        if let named = declared.foreignKey {
            if local.contains(named) {
                (kind, foreignKey) = (.manyToOne, named)
            } else if remote.contains(named) {
                (kind, foreignKey) = (.oneToMany, named)
            } else {
                log.report(declared.location.with(message: "\(what): foreign_key '\(named)' is neither a field of \(owner.name) referencing \(target.table) nor a field of \(target.name) referencing \(owner.table)"))
                return
            }
        } else if local.count + remote.count == 1 {
            (kind, foreignKey) = local.isEmpty ? (.oneToMany, remote[0]) : (.manyToOne, local[0])
        } else if local.isEmpty && remote.isEmpty {
            log.report(declared.location.with(message: "\(what): no foreign key links \(owner.name) and \(target.name); add a field like {type: integer, foreign_key: \(target.table).\(target.primaryKey.name)}"))
            return
        } else {
            let candidates = (local.map { "\(owner.name).\($0)" } + remote.map { "\(target.name).\($0)" }).joined(separator: ", ")
            log.report(declared.location.with(message: "\(what): several foreign keys link \(owner.name) and \(target.name) (\(candidates)); name one with foreign_key:"))
            return
        }
        if owner.relationship(declared.name) != nil {
            log.report(declared.location.with(message: "\(what): \(owner.name) already has a relationship '\(declared.name)' (a backref of another model)"))
            return
        }
        models[ownerIndex].relationships.append(RelationshipSpec(
            name: declared.name, model: target.name, kind: kind, foreignKey: foreignKey,
            backref: declared.backref, location: declared.location
        ))
        guard let backref = declared.backref else { return }
        let current = models[targetIndex]
        if current.field(backref) != nil || current.relationship(backref) != nil {
            log.report(declared.backrefLocation.with(message: "\(what): backref '\(backref)' clashes with a field or relationship of \(target.name)"))
            return
        }
        models[targetIndex].relationships.append(RelationshipSpec(
            name: backref, model: owner.name, kind: kind == .manyToOne ? .oneToMany : .manyToOne, foreignKey: foreignKey,
            backref: declared.name, isBackref: true, location: declared.backrefLocation
        ))
    }
}
