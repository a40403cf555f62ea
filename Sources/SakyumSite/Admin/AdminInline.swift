import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A model whose rows point at a model view's row and are edited on its form (Flask-Admin's
/// `inline_models`): a question's choices on the question's page. Inputs are named as Flask-Admin names
/// them, `NAME-INDEX-FIELD`, with `NAME-INDEX-id` for a row that exists and `NAME-INDEX-_delete` to delete it.
struct AdminInline: Sendable {
    /// The input prefix: the parent's relationship to the rows (`choices`), else the child model's name.
    let name: String
    let label: String
    let model: ModelSpec
    /// The child's field that points at the parent, and the parent's column it holds.
    let foreignKey: FieldSpec
    let referencedColumn: String
    /// What the rows show and edit: every field but the primary key and the foreign key to the parent.
    let fields: [FieldSpec]

    /// Empty rows offered for new children.
    static let blankRows = 2
    /// The most rows one submission may carry.
    static let maximumRows = 500

    init?(child: ModelSpec, parent: ModelSpec) {
        guard let foreignKey = child.fields.first(where: { $0.foreignKey?.table == parent.table }), let reference = foreignKey.foreignKey else {
            return nil
        }
        let relationship = parent.relationships.first { $0.kind == .oneToMany && $0.model == child.name && $0.foreignKey == foreignKey.name }
        name = relationship?.name ?? child.name
        label = (relationship?.name ?? child.name).replacingOccurrences(of: "_", with: " ").capitalizedFirst
        model = child
        self.foreignKey = foreignKey
        referencedColumn = reference.column
        fields = child.fields.filter { !$0.primaryKey && $0.name != foreignKey.name }
    }

    func inputName(_ index: Int, _ field: String) -> String { "\(name)-\(index)-\(field)" }
}

/// The rows of one inline on one form: as stored (for a GET), or as submitted, checked, with their messages.
struct AdminInlineRows: Sendable {
    struct Row: Sendable {
        /// The stored row's primary key; nil for a new one.
        var id: FieldValue?
        var texts: [String: String] = [:]
        var errors: [String: [String]] = [:]
        var delete = false
        /// What to write: the converted values (nil for a blank new row, which is skipped).
        var values: [String: FieldValue]?
    }

    let inline: AdminInline
    var rows: [Row] = []

    var hasErrors: Bool { rows.contains { !$0.errors.isEmpty } }

    /// The stored children of `parent` (none for a new parent) and the blank rows.
    init(_ inline: AdminInline, parent: Record?, transaction: StoreTransaction) throws {
        self.inline = inline
        if let parent, let key = parent[inline.referencedColumn] {
            let children = try transaction.all(Query(model: inline.model.name, filters: [.eq(inline.foreignKey.name, key)],
                                                     order: [Query.Order(inline.model.primaryKey.name)], limit: AdminInline.maximumRows))
            rows = children.map { child in
                var row = Row(id: child.id)
                for field in inline.fields { row.texts[field.name] = child[field.name].map { AdminForm.inputText($0, field: field) } ?? "" }
                return row
            }
        }
        rows += Array(repeating: Row(), count: AdminInline.blankRows)
    }

    /// The submitted rows, converted and checked; a row said to be another parent's is refused.
    init(_ inline: AdminInline, submitted form: FormFields, parent: Record?, transaction: StoreTransaction) throws {
        self.inline = inline
        let prefix = inline.name + "-"
        let indices = Set(form.values.compactMap { item -> Int? in
            guard item.name.hasPrefix(prefix) else { return nil }
            return Int(item.name.dropFirst(prefix.count).prefix { $0 != "-" })
        }).filter { $0 >= 0 }.sorted().prefix(AdminInline.maximumRows)
        for index in indices {
            var row = Row()
            var stored: Record?
            row.delete = FormFields.isChecked(form[inline.inputName(index, "_delete")])
            if let idText = form[inline.inputName(index, "id")], !idText.isEmpty {
                let pk = inline.model.primaryKey
                guard let id = try? FieldValue.string(idText).converted(to: pk, of: inline.model.name),
                      let parentKey = parent?[inline.referencedColumn],
                      let found = try transaction.get(inline.model.name, id: id), found[inline.foreignKey.name] == parentKey else {
                    row.errors["_row", default: []].append("This row does not belong to this record.")
                    rows.append(row)
                    continue
                }
                row.id = id
                stored = found
            }
            var values: [String: FieldValue] = [:]
            for field in inline.fields {
                let raw = form[inline.inputName(index, field.name)]
                if field.type == .boolean {
                    values[field.name] = .boolean(FormFields.isChecked(raw))
                    row.texts[field.name] = FormFields.isChecked(raw) ? "y" : ""
                    continue
                }
                let text = (raw ?? "").trimmingCharacters(in: field.type == .text ? .init() : .whitespaces)
                row.texts[field.name] = text
                // As on the main form: a value sent back as shown keeps its exact stored value.
                if let current = stored?[field.name], AdminForm.inputText(current, field: field) == text {
                    values[field.name] = current
                    continue
                }
                if text.isEmpty {
                    if !field.nullable && field.defaultValue == nil { row.errors[field.name, default: []].append("This field is required.") }
                    else if field.nullable { values[field.name] = .null }
                    continue
                }
                do {
                    values[field.name] = try AdminForm.value(typed: text, into: field, of: inline.model.name)
                } catch {
                    row.errors[field.name, default: []].append(error.sentence)
                }
            }
            // A new row left blank is no row: what is required is only asked of rows with something in them.
            let blank = row.id == nil && inline.fields.allSatisfy { field in
                field.type == .boolean ? row.texts[field.name] != "y" : (row.texts[field.name] ?? "").isEmpty
            }
            if blank || row.delete {
                row.errors = row.errors.filter { $0.key == "_row" }
                row.values = blank ? nil : [:]
            } else {
                row.values = values
            }
            rows.append(row)
        }
    }

    /// Writes the rows for `parent` inside the form's transaction: updates, deletes, inserts.
    func save(parent: Record, transaction: StoreTransaction) throws {
        guard let key = parent[inline.referencedColumn] else { return }
        for row in rows {
            switch (row.id, row.delete, row.values) {
            case (let id?, true, _):
                try transaction.delete(inline.model.name, id: id)
            case (let id?, false, let values?):
                _ = try transaction.update(inline.model.name, id: id, values: values)
            case (nil, false, var values?):
                values[inline.foreignKey.name] = key
                _ = try transaction.insert(inline.model.name, values: values)
            default:
                continue
            }
        }
    }

    /// The rows as the form template shows them.
    var templateValue: Value {
        .dict([
            ("name", .string(inline.name)), ("label", .string(inline.label)),
            ("fields", .array(inline.fields.map { field in
                .dict([("name", .string(field.name)), ("label", .string(field.name.replacingOccurrences(of: "_", with: " ").capitalizedFirst)),
                       ("type", .string(Self.inputType(field)))])
            })),
            ("rows", .array(rows.enumerated().map { index, row in
                .dict([
                    ("index", .int(index)), ("id", row.id.map { .string($0.displayText) } ?? .none), ("delete", .bool(row.delete)),
                    ("cells", .array(inline.fields.map { field in
                        .dict([("input", .string(inline.inputName(index, field.name))), ("value", .string(row.texts[field.name] ?? "")),
                               ("type", .string(Self.inputType(field))),
                               ("errors", .array((row.errors[field.name] ?? []).map(Value.string)))])
                    })),
                    ("errors", .array((row.errors["_row"] ?? []).map(Value.string))),
                ])
            })),
        ])
    }

    private static func inputType(_ field: FieldSpec) -> String {
        switch field.type {
        case .boolean: "checkbox"
        case .integer, .float: "number"
        case .date: "date"
        case .datetime: "datetime-local"
        case .string, .text, .json: "text"
        }
    }
}
