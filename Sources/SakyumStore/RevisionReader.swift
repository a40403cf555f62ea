import Foundation
import SakyumSpec
import Yams

/// Reads the revision files of a `migrations/` folder (`*.yaml`, the format `RevisionWriter` writes);
/// every problem is `MigrationError.invalidRevision` with the file and line.
public struct RevisionReader: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Every revision in the folder, in file-name order; none when the folder does not exist.
    public func revisions() throws(MigrationError) -> [Revision] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .invalidRevision(file: directory.path, line: 0, message: "cannot list the folder: \(error.localizedDescription)")
        }
        return try names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { name throws(MigrationError) in
            try read(directory.appendingPathComponent(name))
        }
    }

    public func read(_ file: URL) throws(MigrationError) -> Revision {
        let text: String
        do {
            text = try TextFile.read(file)
        } catch {
            throw .invalidRevision(file: file.path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
        return try Self.parse(text, file: file.path)
    }

    static func parse(_ text: String, file: String) throws(MigrationError) -> Revision {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .invalidRevision(file: file, line: Self.line(of: error), message: "not valid YAML: \(error)")
        } catch {
            throw .invalidRevision(file: file, line: 0, message: "not valid YAML: \(error)")
        }
        guard let root else { throw .invalidRevision(file: file, line: 0, message: "the file is empty") }
        let document = try Fields(root, file: file, what: "a revision",
                                  known: ["id", "parent", "message", "created", "upgrade", "downgrade"])
        return Revision(
            id: try document.string("id"),
            parent: try document.optionalString("parent"),
            message: try document.optionalString("message") ?? "",
            created: try document.optionalString("created") ?? "",
            upgrade: try document.steps("upgrade"),
            downgrade: try document.steps("downgrade"),
            file: file
        )
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    /// A YAML mapping whose keys are checked, read key by key with located errors.
    private struct Fields {
        let node: Node
        let file: String
        let pairs: [String: Node]

        init(_ node: Node, file: String, what: String, known: Set<String>) throws(MigrationError) {
            self.node = node
            self.file = file
            guard let mapping = node.mapping else { throw Self.error(file, node, "expected \(what) as a mapping") }
            var pairs: [String: Node] = [:]
            for (key, value) in mapping {
                guard let name = key.string, known.contains(name) else {
                    throw Self.error(file, key, "unknown key '\(key.string ?? "?")' in \(what) (known: \(known.sorted().joined(separator: ", ")))")
                }
                pairs[name] = value
            }
            self.pairs = pairs
        }

        static func error(_ file: String, _ node: Node, _ message: String) -> MigrationError {
            .invalidRevision(file: file, line: node.mark?.line ?? 0, message: message)
        }

        func error(_ message: String, at key: String? = nil) -> MigrationError {
            Self.error(file, key.flatMap { pairs[$0] } ?? node, message)
        }

        func required(_ key: String) throws(MigrationError) -> Node {
            guard let value = pairs[key] else { throw error("'\(key)' is missing") }
            return value
        }

        func optionalString(_ key: String) throws(MigrationError) -> String? {
            guard let value = pairs[key], !Self.isNull(value) else { return nil }
            guard let text = value.scalar?.string else { throw error("'\(key)' must be text", at: key) }
            return text
        }

        func string(_ key: String) throws(MigrationError) -> String {
            guard let text = try optionalString(key), !text.isEmpty else {
                throw pairs[key] == nil ? error("'\(key)' is missing") : error("'\(key)' must not be empty", at: key)
            }
            return text
        }

        /// A table, column or index name: it goes into SQL, so only `[A-Za-z_][A-Za-z0-9_]*`.
        func name(_ key: String) throws(MigrationError) -> String {
            let text = try string(key)
            guard Self.isName(text) else { throw error("'\(text)' is not a valid name (letters, digits, _)", at: key) }
            return text
        }

        static func isName(_ text: String) -> Bool {
            text.first.map { !$0.isNumber } == true && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }

        func bool(_ key: String, default fallback: Bool) throws(MigrationError) -> Bool {
            guard let value = pairs[key] else { return fallback }
            guard let scalar = value.scalar, let flag = Bool.construct(from: scalar) else { throw error("'\(key)' must be true or false", at: key) }
            return flag
        }

        func list(_ key: String) throws(MigrationError) -> [Node] {
            guard let value = pairs[key] else { return [] }
            guard let items = value.sequence else { throw error("'\(key)' must be a list", at: key) }
            return Array(items)
        }

        func names(_ key: String) throws(MigrationError) -> [String] {
            try list(key).map { item throws(MigrationError) in
                guard let text = item.scalar?.string, Self.isName(text) else { throw Self.error(file, item, "'\(key)' must list column names") }
                return text
            }
        }

        func nested(_ key: String, _ what: String, known: Set<String>) throws(MigrationError) -> Fields {
            try Fields(try required(key), file: file, what: what, known: known)
        }

        static func isNull(_ node: Node) -> Bool {
            guard let scalar = node.scalar else { return false }
            return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }

        func steps(_ key: String) throws(MigrationError) -> [MigrationStep] {
            guard let value = pairs[key], !Self.isNull(value) else { throw error("'\(key)' is missing (write [] for no steps)") }
            guard let items = value.sequence else { throw error("'\(key)' must be a list of steps", at: key) }
            return try items.map { item throws(MigrationError) in try step(item) }
        }

        private func step(_ node: Node) throws(MigrationError) -> MigrationStep {
            guard let mapping = node.mapping, mapping.count == 1, let (key, body) = mapping.first, let operation = key.string else {
                throw Self.error(file, node, "a step is one operation: `- add_column: {…}`")
            }
            func fields(_ known: Set<String>) throws(MigrationError) -> Fields {
                try Fields(body, file: file, what: operation, known: known)
            }
            switch operation {
            case "create_table", "drop_table":
                let table = try fields(["table", "columns", "indexes"])
                let columns = try table.list("columns").map { item throws(MigrationError) in try column(item) }
                guard !columns.isEmpty else { throw table.error("'columns' must list the table's columns") }
                let schema = TableSchema(name: try table.name("table"), columns: columns,
                                         indexes: try table.list("indexes").map { item throws(MigrationError) in try index(item) })
                return operation == "create_table" ? .createTable(schema) : .dropTable(schema)
            case "add_column", "drop_column":
                let step = try fields(["table", "column"])
                let name = try step.name("table"), column = try column(try step.required("column"))
                return operation == "add_column" ? .addColumn(table: name, column: column) : .dropColumn(table: name, column: column)
            case "alter_column":
                let step = try fields(["table", "from", "to"])
                let from = try column(try step.required("from")), to = try column(try step.required("to"))
                guard from.name == to.name else { throw step.error("alter_column changes one column: 'from' is \(from.name), 'to' is \(to.name)") }
                return .alterColumn(table: try step.name("table"), from: from, to: to)
            case "create_index", "drop_index":
                let step = try fields(["table", "index"])
                let name = try step.name("table"), index = try index(try step.required("index"))
                return operation == "create_index" ? .createIndex(table: name, index: index) : .dropIndex(table: name, index: index)
            default:
                throw Self.error(file, key, "unknown operation '\(operation)' (known: create_table, drop_table, add_column, drop_column, alter_column, create_index, drop_index)")
            }
        }

        private func column(_ node: Node) throws(MigrationError) -> TableSchema.Column {
            let column = try Fields(node, file: file, what: "a column", known: ["name", "type", "nullable", "primary_key", "unique", "foreign_key"])
            var foreignKey: TableSchema.ForeignKey?
            if column.pairs["foreign_key"] != nil {
                let key = try column.nested("foreign_key", "a foreign key", known: ["table", "column", "on_delete"])
                let action = try key.optionalString("on_delete")
                if let action, ForeignKeySpec.Action(rawValue: action.uppercased()) == nil {
                    throw key.error("unknown on_delete '\(action)' (known: \(ForeignKeySpec.Action.allCases.map(\.rawValue).joined(separator: ", ")))", at: "on_delete")
                }
                foreignKey = TableSchema.ForeignKey(table: try key.name("table"), column: try key.name("column"), onDelete: action)
            }
            let type = try column.string("type")
            guard type.wholeMatch(of: /[A-Za-z]+(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?/) != nil else {
                throw column.error("'\(type)' is not an SQL type like INTEGER or VARCHAR(20)", at: "type")
            }
            return TableSchema.Column(name: try column.name("name"), type: type,
                                      nullable: try column.bool("nullable", default: true),
                                      primaryKey: try column.bool("primary_key", default: false),
                                      unique: try column.bool("unique", default: false), foreignKey: foreignKey)
        }

        private func index(_ node: Node) throws(MigrationError) -> TableSchema.Index {
            let index = try Fields(node, file: file, what: "an index", known: ["name", "columns", "unique"])
            let columns = try index.names("columns")
            guard !columns.isEmpty else { throw index.error("'columns' must name at least one column") }
            return TableSchema.Index(name: try index.name("name"), columns: columns, unique: try index.bool("unique", default: false))
        }
    }
}
