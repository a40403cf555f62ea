import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// A registered model view, resolved against its model: what the list shows, what can be searched,
/// filtered, sorted and edited. Built once per Site by `AdminBuilder`.
struct ModelAdmin: Sendable {
    let endpoint: String
    let name: String
    let category: String?
    let model: ModelSpec
    let options: ModelViewOptions
    /// In display order; a foreign key shows its related row through its many-to-one relationship.
    let listColumns: [AdminColumn]
    /// The details page's rows: every field, less the User's password hash and `authenticated` on UserAdmin.
    let detailColumns: [AdminColumn]
    let searchable: [String]
    let filters: [AdminFilter]
    /// Names of list columns that may be sorted.
    let sortable: Set<String>
    let defaultSort: (field: String, descending: Bool)?
    let formFields: [FieldSpec]
    let formatters: [String: Template]
    /// The built-in UserAdmin: the password is write-only and hashed.
    let isUserAdmin: Bool
    /// Rows of other models edited on this model's form.
    let inlines: [AdminInline]
    /// Field → the validators of `form_args`, checked as forms.yaml's are.
    let validators: [String: [ValidatorSpec]]
    /// Foreign key → the related model's fields that must equal fields of the form (`limit_choices_to`).
    let choiceLimits: [String: [(relatedField: FieldSpec, formField: FieldSpec)]]

    /// What one row is called: `singular`, else the view's name in lower case without its plural ending
    /// ("Questions" → "question", "Categories" → "category").
    var singular: String {
        if let singular = options.singular { return singular }
        let name = self.name.lowercased()
        if name.hasSuffix("ies"), name.count > 3 { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("sses") || name.hasSuffix("xes") || name.hasSuffix("ches") || name.hasSuffix("shes") { return String(name.dropLast(2)) }
        if name.hasSuffix("s"), !name.hasSuffix("ss"), name.count > 1 { return String(name.dropLast()) }
        return name
    }

    /// The view's name for several rows ("questions").
    var plural: String { name.lowercased() }

    func label(_ field: String) -> String {
        ModelAdmin.label(field, options: options)
    }

    /// What a list column, filter, form field or detail row of `field` is called: `column_labels` by the
    /// field's name, else by its relationship's (`question_id` shown through `selector`), else the name made
    /// readable, a foreign key without its `_id` (`user_id` → "User"), as Django names it.
    func label(of field: FieldSpec) -> String {
        ModelAdmin.label(of: field, model: model, options: options)
    }

    static func label(_ field: String, options: ModelViewOptions) -> String {
        options.columnLabels[field]
            ?? String(decoding: field.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self).capitalizedFirst
    }

    /// `label(of:)` before the view exists: columns and filters keep theirs, worked out once per Site.
    static func label(of field: FieldSpec, model: ModelSpec, options: ModelViewOptions) -> String {
        if let label = options.columnLabels[field.name] { return label }
        if let relationship = model.manyToOne(through: field.name), let label = options.columnLabels[relationship.name] {
            return label
        }
        if field.foreignKey != nil, field.name.hasSuffix("_id"), field.name.count > 3 {
            return label(String(field.name.dropLast(3)), options: options)
        }
        return label(field.name, options: options)
    }
}

/// One list column: a field, shown through `relationship` when it is a foreign key with one.
/// A class: the list reads its columns once per cell, and copying a `FieldSpec` costs a dozen retains.
final class AdminColumn: Sendable {
    let field: FieldSpec
    /// Where the field's value sits in a row of the model (`Record.values`).
    let position: Int
    let relationship: RelationshipSpec?
    /// The header: `ModelAdmin.label(of:)`, made when the view is built.
    let label: String

    init(field: FieldSpec, model: ModelSpec, options: ModelViewOptions) {
        guard let position = model.fields.firstIndex(where: { $0.name == field.name }) else {
            preconditionFailure("a list column is one of its model's fields")
        }
        self.field = field
        self.position = position
        relationship = model.manyToOne(through: field.name)
        label = ModelAdmin.label(of: field, model: model, options: options)
    }

    /// The column's value in `record`, a row of the column's model.
    func value(in record: Record) -> FieldValue {
        assert(record.model.fields[position].name == field.name, "a row of another model")
        return record.values[position]
    }
}

/// A filter of the list view: `?flt_FIELD_OP=value`.
struct AdminFilter: Sendable {
    enum Kind: String, Sendable {
        case text, number, date, boolean, related, choice
    }

    let field: FieldSpec
    let kind: Kind
    /// The model a `related` filter picks rows of.
    let relatedModel: String?
    /// What the filter is called: `ModelAdmin.label(of:)`, made when the view is built.
    let label: String

    /// The operations it offers, Flask-Admin's names in the URL.
    var operations: [(op: String, label: String)] {
        switch kind {
        case .text: [("contains", "contains"), ("eq", "equals"), ("ne", "not equal"), ("empty", "empty")]
        case .number, .date: [("eq", "equals"), ("ne", "not equal"), ("gt", "greater than"), ("lt", "smaller than"), ("empty", "empty")]
        case .boolean, .choice, .related: [("eq", "equals"), ("ne", "not equal"), ("empty", "empty")]
        }
    }
}

extension String {
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
