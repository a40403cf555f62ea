import SakyumSpec

/// What must change for the live database to match the models: tables and columns added or removed,
/// columns whose nullability, type, unique or foreign key changed, indexes added or removed.
/// Renames are never guessed: a removed and an added column (or table) of the same shape are a drop and an
/// add, flagged in `reviews` so the revision file says so.
public struct SchemaDiff: Sendable, Hashable {
    /// In an order that applies: new tables before their dependents, dependents dropped before what they reference.
    public var steps: [MigrationStep]
    /// Notes for the reader of the revision, by index in `steps` (`possible rename of …`).
    public var reviews: [Int: String]

    public var isEmpty: Bool { steps.isEmpty }

    /// Only new tables and new nullable, non-unique columns: what `--dev` may apply without a migration
    /// (plain CREATE TABLE / ALTER TABLE ADD COLUMN, nothing existing changes).
    public var isPurelyAdditive: Bool {
        steps.allSatisfy { step in
            switch step {
            case .createTable: true
            case .addColumn(_, let column): column.nullable && !column.unique && !column.primaryKey
            default: false
            }
        }
    }

    public init(models: [ModelSpec], live: [TableSchema]) {
        self.init(wanted: models.map(TableSchema.init(model:)), live: live)
    }

    public init(wanted: [TableSchema], live: [TableSchema]) {
        let liveByName = Dictionary(live.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let wantedNames = Set(wanted.map(\.name))
        let added = wanted.filter { liveByName[$0.name] == nil }
        let removed = live.filter { !wantedNames.contains($0.name) }
        var steps: [MigrationStep] = []
        var reviews: [Int: String] = [:]
        func append(_ step: MigrationStep, review: String? = nil) {
            if let review { reviews[steps.count] = review }
            steps.append(step)
        }

        for table in Self.dependencyOrder(removed).reversed() {
            let twin = added.first { $0.columns == table.columns }
            append(.dropTable(table), review: twin.map { "possible rename: table \(table.name) → \($0.name)" })
        }
        for table in Self.dependencyOrder(added) {
            let twin = removed.first { $0.columns == table.columns }
            append(.createTable(table), review: twin.map { "possible rename: table \($0.name) → \(table.name)" })
        }
        for table in wanted {
            guard let current = liveByName[table.name] else { continue }
            let wantedIndexes = Set(table.indexes), currentIndexes = Set(current.indexes)
            for index in current.indexes where !wantedIndexes.contains(index) {
                append(.dropIndex(table: table.name, index: index))
            }
            let newColumns = table.columns.filter { current.column($0.name) == nil }
            for column in current.columns where table.column(column.name) == nil {
                let twin = newColumns.first { $0.type == column.type }
                append(.dropColumn(table: table.name, column: column),
                       review: twin.map { "possible rename: column \(table.name).\(column.name) → \($0.name)" })
            }
            for column in table.columns {
                if let old = current.column(column.name) {
                    if old != column { append(.alterColumn(table: table.name, from: old, to: column)) }
                } else {
                    let twin = current.columns.first { $0.type == column.type && table.column($0.name) == nil }
                    append(.addColumn(table: table.name, column: column),
                           review: twin.map { "possible rename: column \(table.name).\($0.name) → \(column.name)" })
                }
            }
            for index in table.indexes where !currentIndexes.contains(index) {
                append(.createIndex(table: table.name, index: index))
            }
        }
        self.steps = steps
        self.reviews = reviews
    }

    /// Referenced tables before the tables referencing them (cycles keep their given order).
    static func dependencyOrder(_ tables: [TableSchema]) -> [TableSchema] {
        var remaining = tables.sorted { $0.name < $1.name }
        var ordered: [TableSchema] = []
        while !remaining.isEmpty {
            let pending = Set(remaining.map(\.name))
            let ready = remaining.firstIndex { $0.referencedTables.isDisjoint(with: pending) } ?? 0
            ordered.append(remaining.remove(at: ready))
        }
        return ordered
    }
}
