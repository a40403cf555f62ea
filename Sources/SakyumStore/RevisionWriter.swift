import Foundation
import SakyumSpec

/// Writes revision files: YAML a person can read and edit, one declarative step per change.
///
/// ```yaml
/// id: 3f2a9c1b7d40
/// parent: null
/// message: "add tags"
/// created: "2026-11-25 18:30:00"
/// upgrade:
///   - add_column:
///       table: exam_question_model
///       column: {name: slug, type: "VARCHAR(50)", nullable: true}
/// downgrade:
///   - drop_column:
///       table: exam_question_model
///       column: {name: slug, type: "VARCHAR(50)", nullable: true}
/// ```
public struct RevisionWriter: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes `diff` as a new revision after `parent` into `ID_slug.yaml`; the downgrade undoes the steps in reverse.
    public func write(_ diff: SchemaDiff, message: String, parent: String?, id: String = Revision.newID(),
                      created: DateTimeValue = .now()) throws(MigrationError) -> Revision {
        let file = directory.appendingPathComponent("\(id)_\(Self.slug(message)).yaml")
        var revision = Revision(id: id, parent: parent, message: message, created: String(created.description.prefix(19)),
                                upgrade: diff.steps, downgrade: diff.steps.reversed().map(\.reversed), file: file.path)
        let downgradeReviews = Dictionary(uniqueKeysWithValues: diff.reviews.map { (diff.steps.count - 1 - $0.key, $0.value) })
        let text = Self.text(revision, upgradeReviews: diff.reviews, downgradeReviews: downgradeReviews)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw .invalidRevision(file: file.path, line: 0, message: "cannot write: \(error.localizedDescription)")
        }
        revision.file = file.path
        return revision
    }

    /// The file's text; `reviews` (by step index) become `# review:` comments above their steps.
    static func text(_ revision: Revision, upgradeReviews: [Int: String] = [:], downgradeReviews: [Int: String] = [:]) -> String {
        var lines = [
            "# sakyum migration. Generated: review it before `db upgrade`; steps may be edited.",
            "id: \(scalar(revision.id))",
            "parent: \(revision.parent.map(scalar) ?? "null")",
            "message: \(quoted(revision.message))",
            "created: \(quoted(revision.created))",
        ]
        for (key, steps, reviews) in [("upgrade", revision.upgrade, upgradeReviews), ("downgrade", revision.downgrade, downgradeReviews)] {
            lines.append(steps.isEmpty ? "\(key): []" : "\(key):")
            for (index, step) in steps.enumerated() {
                if let review = reviews[index] { lines.append("  # review: \(review)") }
                if step.losesData { lines.append("  # drops data") }
                lines.append("  - \(step.operation):")
                lines += stepBody(step).map { "      " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func stepBody(_ step: MigrationStep) -> [String] {
        switch step {
        case .createTable(let table), .dropTable(let table):
            var lines = ["table: \(scalar(table.name))", "columns:"]
            lines += table.columns.map { "  - \(column($0))" }
            lines.append(table.indexes.isEmpty ? "indexes: []" : "indexes:")
            lines += table.indexes.map { "  - \(index($0))" }
            return lines
        case .addColumn(let table, let column), .dropColumn(let table, let column):
            return ["table: \(scalar(table))", "column: \(Self.column(column))"]
        case let .alterColumn(table, from, to):
            return ["table: \(scalar(table))", "from: \(column(from))", "to: \(column(to))"]
        case .createIndex(let table, let index), .dropIndex(let table, let index):
            return ["table: \(scalar(table))", "index: \(Self.index(index))"]
        }
    }

    private static func column(_ column: TableSchema.Column) -> String {
        var pairs = ["name: \(scalar(column.name))", "type: \(scalar(column.type))", "nullable: \(column.nullable)"]
        if column.primaryKey { pairs.append("primary_key: true") }
        if column.unique { pairs.append("unique: true") }
        if let foreignKey = column.foreignKey {
            var key = ["table: \(scalar(foreignKey.table))", "column: \(scalar(foreignKey.column))"]
            if let action = foreignKey.onDelete { key.append("on_delete: \(scalar(action))") }
            pairs.append("foreign_key: {\(key.joined(separator: ", "))}")
        }
        return "{\(pairs.joined(separator: ", "))}"
    }

    private static func index(_ index: TableSchema.Index) -> String {
        "{name: \(scalar(index.name)), columns: [\(index.columns.map(scalar).joined(separator: ", "))], unique: \(index.unique)}"
    }

    /// Plain when it is a simple name YAML would not read as something else, quoted otherwise.
    static func scalar(_ text: String) -> String {
        let plain = text.first.map { $0.isLetter || $0 == "_" } == true
            && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
            && !["true", "false", "yes", "no", "on", "off", "y", "n", "null"].contains(text.lowercased())
        return plain ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        YAMLText.doubleQuoted(text)
    }

    private static func slug(_ message: String) -> String {
        let words = message.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return String(words.joined(separator: "_").prefix(40))
    }
}
