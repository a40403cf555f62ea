import SakyumSpec

/// The validated models a Store serves: the only source of table and column names in its SQL.
struct StoreSchema: Sendable {
    let models: [ModelSpec]
    private let byName: [String: RecordLayout]

    init(models: [ModelSpec]) {
        self.models = models
        self.byName = Dictionary(models.map { ($0.name, RecordLayout($0)) }, uniquingKeysWith: { first, _ in first })
    }

    func model(_ name: String) throws(StoreError) -> ModelSpec {
        try layout(name).model
    }

    /// The model with what its rows share, for making `Record`s.
    func layout(_ name: String) throws(StoreError) -> RecordLayout {
        guard let layout = byName[name] else { throw .unknownModel(name) }
        return layout
    }
}

extension ModelSpec {
    /// The field named `name`; an unknown name (from a URL's sort or filter) is `unknownColumn`, never SQL.
    func column(_ name: String) throws(StoreError) -> FieldSpec {
        guard let field = field(name) else { throw .unknownColumn(model: self.name, column: name) }
        return field
    }

    func relationshipNamed(_ name: String) throws(StoreError) -> RelationshipSpec {
        guard let relationship = relationship(name) else { throw .unknownRelationship(model: self.name, name: name) }
        return relationship
    }
}
