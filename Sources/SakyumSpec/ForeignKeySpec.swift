import Foundation

/// A field's reference to another table's column, as SQLAlchemy's `ForeignKey('table.column', ondelete=…)`.
public struct ForeignKeySpec: Sendable, Hashable {
    /// What the database does with referencing rows when the referenced row is deleted.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case cascade = "CASCADE"
        case setNull = "SET NULL"
        case setDefault = "SET DEFAULT"
        case restrict = "RESTRICT"
        case noAction = "NO ACTION"

        /// Accepts `cascade`, `set null`, `SET_NULL`, … in any case.
        init?(spelling: String) {
            self.init(rawValue: spelling.uppercased().replacingOccurrences(of: "_", with: " "))
        }
    }

    public var table: String
    public var column: String
    public var onDelete: Action?
    /// Where `foreign_key` is written, for diagnostics found when all apps are read.
    public var location: Diagnostic

    public init(table: String, column: String, onDelete: Action? = nil, location: Diagnostic) {
        self.table = table
        self.column = column
        self.onDelete = onDelete
        self.location = location
    }

    /// `table.column`, as written in models.yaml.
    public var target: String { "\(table).\(column)" }
}
