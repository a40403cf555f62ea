import Foundation

/// One revision file of `migrations/`: a change of the schema and how to undo it, after its parent.
public struct Revision: Sendable, Hashable {
    public var id: String
    /// nil for the first revision (its parent is the empty database, "base").
    public var parent: String?
    public var message: String
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    public var created: String
    public var upgrade: [MigrationStep]
    public var downgrade: [MigrationStep]
    /// The file it was read from or written to.
    public var file: String

    public init(id: String, parent: String?, message: String, created: String, upgrade: [MigrationStep],
                downgrade: [MigrationStep], file: String = "") {
        self.id = id
        self.parent = parent
        self.message = message
        self.created = created
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.file = file
    }

    /// A new revision id: twelve hex digits, as alembic makes them.
    public static func newID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))
    }
}
