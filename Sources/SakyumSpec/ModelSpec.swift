/// A model: one table of the project's database, its fields, relationships and how a row is shown.
public struct ModelSpec: Sendable, Hashable {
    public var name: String
    /// The app (blueprint) that declares it; `auth` for the built-in `User`.
    public var app: String
    /// SQLAlchemy's default table name (`ExamQuestionModel` → `exam_question_model`) unless `table:` is given.
    public var table: String
    /// A template for how a row is shown (`__str__`), e.g. `{{ question_text }}`; nil shows `<Model id>`.
    public var str: String?
    /// In declaration order, which is the column order of the table.
    public var fields: [FieldSpec]
    public var relationships: [RelationshipSpec]
    public var location: Diagnostic

    public init(name: String, app: String, table: String? = nil, str: String? = nil, fields: [FieldSpec],
                relationships: [RelationshipSpec] = [], location: Diagnostic) {
        self.name = name
        self.app = app
        self.table = table ?? TableName.forModel(name)
        self.str = str
        self.fields = fields
        self.relationships = relationships
        self.location = location
    }

    /// The single primary-key field every model has (the loader guarantees it).
    public var primaryKey: FieldSpec {
        fields.first { $0.primaryKey } ?? fields[0]
    }

    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    public func relationship(_ name: String) -> RelationshipSpec? {
        relationships.first { $0.name == name }
    }

    /// The many-to-one relationship whose foreign key is `field` (`question.user` through `user_id`).
    public func manyToOne(through field: String) -> RelationshipSpec? {
        relationships.first { $0.kind == .manyToOne && $0.foreignKey == field }
    }
}
