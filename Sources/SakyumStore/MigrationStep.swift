/// One declarative change of a revision. Each carries what is needed to undo it, so `reversed` is exact.
public enum MigrationStep: Sendable, Hashable, CustomStringConvertible {
    case createTable(TableSchema)
    case dropTable(TableSchema)
    case addColumn(table: String, column: TableSchema.Column)
    case dropColumn(table: String, column: TableSchema.Column)
    /// Nullability, type, unique or foreign key of one column.
    case alterColumn(table: String, from: TableSchema.Column, to: TableSchema.Column)
    case createIndex(table: String, index: TableSchema.Index)
    case dropIndex(table: String, index: TableSchema.Index)

    /// The step that undoes this one.
    public var reversed: MigrationStep {
        switch self {
        case .createTable(let table): .dropTable(table)
        case .dropTable(let table): .createTable(table)
        case let .addColumn(table, column): .dropColumn(table: table, column: column)
        case let .dropColumn(table, column): .addColumn(table: table, column: column)
        case let .alterColumn(table, from, to): .alterColumn(table: table, from: to, to: from)
        case let .createIndex(table, index): .dropIndex(table: table, index: index)
        case let .dropIndex(table, index): .createIndex(table: table, index: index)
        }
    }

    /// The operation's name as a revision file writes it.
    public var operation: String {
        switch self {
        case .createTable: "create_table"
        case .dropTable: "drop_table"
        case .addColumn: "add_column"
        case .dropColumn: "drop_column"
        case .alterColumn: "alter_column"
        case .createIndex: "create_index"
        case .dropIndex: "drop_index"
        }
    }

    public var table: String {
        switch self {
        case .createTable(let table), .dropTable(let table): table.name
        case .addColumn(let table, _), .dropColumn(let table, _), .alterColumn(let table, _, _),
             .createIndex(let table, _), .dropIndex(let table, _): table
        }
    }

    /// `add_column exam_question_model.slug`, as errors and history name the step.
    public var description: String {
        switch self {
        case .createTable(let table), .dropTable(let table): "\(operation) \(table.name)"
        case .addColumn(let table, let column), .dropColumn(let table, let column): "\(operation) \(table).\(column.name)"
        case let .alterColumn(table, from, to): "\(operation) \(table).\(to.name) (\(from) → \(to))"
        case .createIndex(_, let index), .dropIndex(_, let index): "\(operation) \(index.name)"
        }
    }

    /// Steps that drop data the reverse step cannot bring back.
    public var losesData: Bool {
        switch self {
        case .dropTable, .dropColumn: true
        default: false
        }
    }
}
