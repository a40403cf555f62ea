/// Why a migration command failed. Nothing was changed in the database when any of these is thrown.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A revision file that cannot be read; `line` is 0 when the problem concerns the whole file.
    case invalidRevision(file: String, line: Int, message: String)
    case duplicateRevision(id: String, files: [String])
    case missingParent(revision: String, parent: String, file: String)
    /// Several revisions have no child: the chain forked and must be made linear again.
    case multipleHeads([String])
    /// Revisions whose parents lead in a circle, never to the base.
    case cycle([String])
    case unknownRevision(String)
    /// Autogenerate needs the database at the head revision first.
    case notUpToDate(current: String?, head: String?)
    case noChanges
    /// One step of a revision failed; the whole command was rolled back.
    case stepFailed(revision: String, step: String, message: String)
    case database(String)

    public var description: String {
        switch self {
        case let .invalidRevision(file, line, message): "\(line > 0 ? "\(file):\(line)" : file): \(message)"
        case let .duplicateRevision(id, files): "revision \(id) is declared by several files: \(files.joined(separator: ", "))"
        case let .missingParent(revision, parent, file): "\(file): revision \(revision) has parent \(parent), which no revision file declares"
        case .multipleHeads(let heads): "the migrations have several heads (\(heads.joined(separator: ", "))); give all but one a parent so the chain is linear"
        case .cycle(let ids): "the parents of revisions \(ids.joined(separator: ", ")) form a cycle"
        case .unknownRevision(let id): "there is no revision '\(id)'"
        case let .notUpToDate(current, head): "the database is at \(current ?? "base"), not at head \(head ?? "base"): upgrade first"
        case .noChanges: "the database already matches the models; no revision written"
        case let .stepFailed(revision, step, message): "revision \(revision), step \(step) failed: \(message); nothing was changed"
        case .database(let message): "database error: \(message)"
        }
    }
}
