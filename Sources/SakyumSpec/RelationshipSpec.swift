/// A link between two models through one foreign-key field (SQLAlchemy's `relationship`), resolved
/// once every app is read: its direction follows which side holds the foreign key.
public struct RelationshipSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// This model's foreign key names one row of `model` (`question.user`).
        case manyToOne
        /// Rows of `model` name this one through their foreign key (`question.choices`).
        case oneToMany
    }

    public var name: String
    /// The related model's name.
    public var model: String
    public var kind: Kind
    /// The foreign-key field: on this model for many-to-one, on `model` for one-to-many.
    public var foreignKey: String
    /// The name of the opposite relationship on `model`, when there is one.
    public var backref: String?
    /// True when this relationship was created on this model by another model's `backref`.
    public var isBackref: Bool
    public var location: Diagnostic

    public init(name: String, model: String, kind: Kind, foreignKey: String, backref: String? = nil,
                isBackref: Bool = false, location: Diagnostic) {
        self.name = name
        self.model = model
        self.kind = kind
        self.foreignKey = foreignKey
        self.backref = backref
        self.isBackref = isBackref
        self.location = location
    }
}
