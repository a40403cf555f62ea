/// Reads one app's models.yaml into `ModelSpec`s, checking everything that one file can show.
/// References to other models are checked later by `ModelResolver`, once every app is read.
struct ModelReader {
    /// A relationship as written, before its direction is known.
    struct DeclaredRelationship {
        var owner: String
        var name: String
        var model: String
        var backref: String?
        var foreignKey: String?
        var location: Diagnostic
        var modelLocation: Diagnostic
        var backrefLocation: Diagnostic
    }

    static let modelKeys = ["str", "table", "fields", "relationships"]
    static let fieldKeys = ["type", "length", "primary_key", "nullable", "unique", "index", "default", "foreign_key", "on_delete", "choices"]
    static let relationshipKeys = ["model", "backref", "foreign_key"]

    let app: String
    let path: String
    let log: DiagnosticLog

    func read(_ node: SpecNode) -> (models: [ModelSpec], relationships: [DeclaredRelationship]) {
        if node.isNull { return ([], []) }
        guard let entries = node.entries else {
            log.report(node.diagnostic("\(path) must be a mapping of names to descriptions ({} when empty)"))
            return ([], [])
        }
        var models: [ModelSpec] = []
        var relationships: [DeclaredRelationship] = []
        for (key, value) in entries {
            guard let name = key.scalarText, Identifier.isValid(name) else {
                log.report(key.diagnostic("\(path): '\(key.scalarText ?? "?")' is not a valid name"))
                continue
            }
            if let (model, declared) = readModel(name, key: key, node: value) {
                models.append(model)
                relationships += declared
            }
        }
        return (models, relationships)
    }

    private func readModel(_ name: String, key: SpecNode, node: SpecNode) -> (ModelSpec, [DeclaredRelationship])? {
        let location = key.diagnostic("")
        if node.isNull { return (withPrimaryKey(ModelSpec(name: name, app: app, fields: [], location: location)), []) }
        guard let reader = MappingReader(node, log: log, what: "model \(name)") else { return nil }
        let str = reader.string("str")
        let table = reader.string("table")
        if let table, !Identifier.isValid(table) || table.lowercased().hasPrefix("sqlite_") {
            reader.report("model \(name): table '\(table)' must be letters, digits and '_', not starting with a digit or sqlite_", at: "table")
        }
        var fields: [FieldSpec] = []
        if let fieldsNode = reader.value("fields"), !fieldsNode.isNull {
            if let entries = fieldsNode.entries {
                for (fieldKey, fieldNode) in entries {
                    guard let fieldName = fieldKey.scalarText, Identifier.isValid(fieldName) else {
                        log.report(fieldKey.diagnostic("model \(name): field '\(fieldKey.scalarText ?? "?")' must be letters, digits and '_', not starting with a digit"))
                        continue
                    }
                    if let field = readField(fieldName, model: name, key: fieldKey, node: fieldNode) { fields.append(field) }
                }
            } else {
                log.report(fieldsNode.diagnostic("model \(name): 'fields' must map field names to descriptions"))
            }
        }
        var relationships: [DeclaredRelationship] = []
        if let relationshipsNode = reader.value("relationships"), !relationshipsNode.isNull {
            if let entries = relationshipsNode.entries {
                for (relationshipKey, relationshipNode) in entries {
                    guard let relationshipName = relationshipKey.scalarText, Identifier.isValid(relationshipName) else {
                        log.report(relationshipKey.diagnostic("model \(name): relationship '\(relationshipKey.scalarText ?? "?")' must be letters, digits and '_'"))
                        continue
                    }
                    if fields.contains(where: { $0.name == relationshipName }) {
                        log.report(relationshipKey.diagnostic("model \(name): relationship '\(relationshipName)' has the name of a field"))
                        continue
                    }
                    if let relationship = readRelationship(relationshipName, model: name, key: relationshipKey, node: relationshipNode) {
                        relationships.append(relationship)
                    }
                }
            } else {
                log.report(relationshipsNode.diagnostic("model \(name): 'relationships' must map names to {model: …, backref: …}"))
            }
        }
        reader.finish(known: Self.modelKeys)

        let keys = fields.filter(\.primaryKey)
        if keys.count > 1 {
            reader.report("model \(name): composite primary keys are not supported (\(keys.map(\.name).joined(separator: ", ")))", at: "fields")
        }
        let model = ModelSpec(name: name, app: app, table: table.flatMap { Identifier.isValid($0) ? $0 : nil },
                              str: str, fields: fields, location: location)
        return (withPrimaryKey(model), relationships)
    }

    /// A model without a primary key gets `id: {type: integer, primary_key: true}` first, as Django does.
    private func withPrimaryKey(_ model: ModelSpec) -> ModelSpec {
        guard !model.fields.contains(where: \.primaryKey) else { return model }
        if let id = model.field("id") {
            log.report(id.location.with(message: "model \(model.name): field 'id' must be the primary key (add primary_key: true), or give another field primary_key: true"))
            return model
        }
        var model = model
        model.fields.insert(FieldSpec(name: "id", type: .integer, primaryKey: true, location: model.location), at: 0)
        return model
    }

    private func readField(_ name: String, model: String, key: SpecNode, node: SpecNode) -> FieldSpec? {
        let what = "field \(model).\(name)"
        guard let reader = MappingReader(node, log: log, what: what) else { return nil }
        let typeName = reader.string("type", required: true)
        let length = reader.int("length")
        let primaryKey = reader.bool("primary_key") ?? false
        let nullable = reader.bool("nullable")
        let unique = reader.bool("unique") ?? false
        let index = reader.bool("index") ?? false
        let foreignKeyText = reader.string("foreign_key")
        let onDeleteText = reader.string("on_delete")
        let defaultNode = reader.value("default")
        let choicesNode = reader.value("choices")
        reader.finish(known: Self.fieldKeys)

        guard let typeName else { return nil }
        guard let type = FieldType(name: typeName, length: length) else {
            var message = "\(what): unknown type '\(typeName)'; use one of \(FieldType.names.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: typeName, among: FieldType.names) { message += " (did you mean '\(suggestion)'?)" }
            reader.report(message, at: "type")
            return nil
        }
        var valid = true
        func problem(_ message: String, at key: String) {
            reader.report("\(what): \(message)", at: key)
            valid = false
        }
        if let length {
            if case .string = type {
                if length < 1 { problem("'length' must be a positive number", at: "length") }
            } else {
                problem("'length' applies to string fields only", at: "length")
            }
        }
        if primaryKey {
            if nullable == true { problem("a primary key cannot be nullable", at: "nullable") }
            switch type {
            case .integer, .string: break
            default: problem("a primary key must be an integer or a string, not \(type.name)", at: "type")
            }
        }
        var foreignKey: ForeignKeySpec?
        if let foreignKeyText {
            let parts = foreignKeyText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, Identifier.isValid(parts[0]), Identifier.isValid(parts[1]) {
                let location = reader.value("foreign_key").map { $0.diagnostic("") } ?? key.diagnostic("")
                foreignKey = ForeignKeySpec(table: parts[0], column: parts[1], location: location)
            } else {
                problem("foreign_key '\(foreignKeyText)' must be TABLE.COLUMN, e.g. user.id", at: "foreign_key")
            }
        }
        if let onDeleteText {
            if let action = ForeignKeySpec.Action(spelling: onDeleteText) {
                if foreignKeyText == nil {
                    problem("'on_delete' needs a foreign_key", at: "on_delete")
                } else if action == .setNull, nullable == false || primaryKey {
                    problem("on_delete: set null needs a nullable field", at: "on_delete")
                }
                foreignKey?.onDelete = action
            } else {
                let actions = ForeignKeySpec.Action.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", ")
                problem("on_delete '\(onDeleteText)' must be one of \(actions)", at: "on_delete")
            }
        }
        var choices: [FieldSpec.Choice] = []
        if let choicesNode, !choicesNode.isNull {
            choices = readChoices(choicesNode, type: type, what: what)
            if choices.isEmpty { valid = false }
        }
        var defaultValue: FieldSpec.Default?
        if let defaultNode, !defaultNode.isNull {
            let literal = defaultNode.literal
            if literal == .string("now"), defaultNode.isPlain, type == .date || type == .datetime {
                defaultValue = .now
            } else if Self.literal(literal, fits: type) {
                if !choices.isEmpty, !choices.contains(where: { $0.value == literal }) {
                    problem("the default is not one of the choices", at: "default")
                }
                defaultValue = .value(literal)
            } else {
                let hint = type == .date || type == .datetime ? " (or now)" : ""
                problem("default \(defaultNode.scalarText.map { "'\($0)'" } ?? "value") is not a valid \(Self.valueDescription(type))\(hint)", at: "default")
            }
        }
        guard valid else { return nil }
        return FieldSpec(name: name, type: type, primaryKey: primaryKey, nullable: nullable, unique: unique, index: index,
                         defaultValue: defaultValue, foreignKey: foreignKey, choices: choices, location: key.diagnostic(""))
    }

    /// `[a, b]` or `[[a, Label A], [b, Label B]]`; every value must fit the field's type.
    private func readChoices(_ node: SpecNode, type: FieldType, what: String) -> [FieldSpec.Choice] {
        guard let items = node.items, !items.isEmpty else {
            log.report(node.diagnostic("\(what): 'choices' must be a non-empty list of values or [value, label] pairs"))
            return []
        }
        var choices: [FieldSpec.Choice] = []
        for item in items {
            let choice: FieldSpec.Choice
            if let pair = item.items {
                guard pair.count == 2, let label = pair[1].scalarText else {
                    log.report(item.diagnostic("\(what): a choice pair is [value, label]"))
                    return []
                }
                choice = FieldSpec.Choice(value: pair[0].literal, label: label)
            } else {
                choice = FieldSpec.Choice(value: item.literal, label: item.scalarText ?? "")
            }
            guard Self.literal(choice.value, fits: type), choice.value != .none else {
                log.report(item.diagnostic("\(what): choice '\(item.scalarText ?? "?")' is not a valid \(Self.valueDescription(type))"))
                return []
            }
            if choices.contains(where: { $0.value == choice.value }) {
                log.report(item.diagnostic("\(what): choice '\(item.scalarText ?? "?")' is listed twice"))
                return []
            }
            choices.append(choice)
        }
        return choices
    }

    private func readRelationship(_ name: String, model: String, key: SpecNode, node: SpecNode) -> DeclaredRelationship? {
        let what = "relationship \(model).\(name)"
        guard let reader = MappingReader(node, log: log, what: what) else { return nil }
        let target = reader.string("model", required: true)
        let backref = reader.string("backref")
        let foreignKey = reader.string("foreign_key")
        reader.finish(known: Self.relationshipKeys)
        if let backref, !Identifier.isValid(backref) {
            reader.report("\(what): backref '\(backref)' must be letters, digits and '_'", at: "backref")
            return nil
        }
        if let foreignKey, !Identifier.isValid(foreignKey) {
            reader.report("\(what): foreign_key '\(foreignKey)' must name a field", at: "foreign_key")
            return nil
        }
        guard let target else { return nil }
        let location = key.diagnostic("")
        return DeclaredRelationship(
            owner: model, name: name, model: target, backref: backref, foreignKey: foreignKey, location: location,
            modelLocation: reader.value("model")?.diagnostic("") ?? location,
            backrefLocation: reader.value("backref")?.diagnostic("") ?? location
        )
    }

    static func literal(_ literal: LiteralValue, fits type: FieldType) -> Bool {
        switch (type, literal) {
        case (.json, _), (_, .none): true
        case (.integer, .int), (.float, .int), (.float, .double), (.boolean, .bool), (.string, .string), (.text, .string): true
        case (.date, .string(let text)): DateValue(parsing: text) != nil
        case (.datetime, .string(let text)): DateTimeValue(parsing: text) != nil
        default: false
        }
    }

    static func valueDescription(_ type: FieldType) -> String {
        switch type {
        case .integer: "whole number"
        case .float: "number"
        case .boolean: "true or false"
        case .string, .text: "text"
        case .date: "date YYYY-MM-DD"
        case .datetime: "date and time YYYY-MM-DD HH:MM:SS"
        case .json: "JSON value"
        }
    }
}
