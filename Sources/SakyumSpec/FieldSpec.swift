/// One column of a model, as models.yaml declares it.
public struct FieldSpec: Sendable, Hashable {
    /// The value an insert uses when none is given; applied by the Store, as SQLAlchemy applies Python-side defaults.
    public enum Default: Sendable, Hashable {
        /// The current UTC date or time (`datetime.utcnow`).
        case now
        case value(LiteralValue)
    }

    /// An allowed value and the label forms and the admin show for it.
    public struct Choice: Sendable, Hashable {
        public var value: LiteralValue
        public var label: String

        public init(value: LiteralValue, label: String) {
            self.value = value
            self.label = label
        }
    }

    public var name: String
    public var type: FieldType
    public var primaryKey: Bool
    /// SQLAlchemy's default: every column but the primary key may be NULL.
    public var nullable: Bool
    public var unique: Bool
    public var index: Bool
    public var defaultValue: Default?
    public var foreignKey: ForeignKeySpec?
    /// Empty when any value of the type is allowed.
    public var choices: [Choice]
    public var location: Diagnostic

    public init(name: String, type: FieldType, primaryKey: Bool = false, nullable: Bool? = nil, unique: Bool = false,
                index: Bool = false, defaultValue: Default? = nil, foreignKey: ForeignKeySpec? = nil,
                choices: [Choice] = [], location: Diagnostic) {
        self.name = name
        self.type = type
        self.primaryKey = primaryKey
        self.nullable = nullable ?? !primaryKey
        self.unique = unique
        self.index = index
        self.defaultValue = defaultValue
        self.foreignKey = foreignKey
        self.choices = choices
        self.location = location
    }
}
