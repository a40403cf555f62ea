import Foundation
import SakyumSpec
import SakyumStore

/// models.yaml for each app, from the database's live tables (what the data really is), cross-checked
/// with the apps' models.py (names, apps, defaults, relationships and `__str__`, which SQLite does not keep).
struct ModelImport {
    /// A model as it will be written: its app, name and the YAML of its fields and relationships.
    struct Model {
        var app: String
        var name: String
        var table: String
        var str: String?
        var fields: [YAMLValue.Entry]
        var relationships: [YAMLValue.Entry]
    }

    /// A `db.Model` class of a models.py.
    struct DeclaredModel {
        var name: String
        var app: String
        var module: PythonModule
        var line: Int
        var table: String
        var columns: [DeclaredColumn]
        var relationships: [(name: String, target: String, backref: String?, line: Int)]
        var str: String?
        var strProblem: (line: Int, text: String)?
    }

    struct DeclaredColumn {
        var name: String
        var line: Int
        var call: PythonExpression
        var typeName: String?
        var length: Int?
        var foreignKey: String?
    }

    private(set) var models: [Model] = []
    private(set) var declared: [DeclaredModel] = []

    init(source: SakyumSource, project: String, tables: [TableSchema], report: inout ImportReport) {
        for app in source.apps {
            guard let module = source.module(app + "/models.py") else { continue }
            declared += Self.declaredModels(in: module, app: app, report: &report)
        }
        let byTable = Dictionary(declared.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        for table in tables {
            if table.name == ModelSpec.user.table {
                Self.checkUser(table, project: project, report: &report)
                continue
            }
            if let model = byTable[table.name] {
                models.append(Self.model(from: table, declared: model, project: project, report: &report))
                continue
            }
            guard let app = Self.guessApp(for: table.name, apps: source.apps) else {
                report.note(.models, "default.db", "table \(table.name) is declared by no models.py and the project has no app to hold it; "
                            + "its rows stay in the database but no model reads them (create an app and add a model with `table: \(table.name)`)")
                continue
            }
            var model = Self.model(from: table, declared: nil, project: project, report: &report)
            model.app = app
            model.name = Self.modelName(forTable: table.name)
            models.append(model)
            report.note(.models, "default.db", "table \(table.name) is declared by no models.py; imported from the database as model "
                        + "\(model.name) in app \(app) (a guess from the table's name): check \(app)/models.yaml")
        }
        let liveNames = Set(tables.map(\.name))
        for model in declared where !liveNames.contains(model.table) {
            models.append(Self.model(declaredOnly: model, report: &report))
            report.note(.models, model.module.location(model.line), "model \(model.name) has no table in the database yet; "
                        + "imported from models.py, and sakyumd creates its empty table when the project loads")
        }
        Self.addRelationships(declared: declared, to: &models, report: &report)
        // models.py's order, then the tables no models.py declares.
        let rank = Dictionary(declared.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        models = models.enumerated().sorted { (rank[$0.element.name] ?? declared.count + $0.offset, $0.offset) < (rank[$1.element.name] ?? declared.count + $1.offset, $1.offset) }.map(\.element)
    }

    /// models.yaml of `app`.
    func yaml(app: String) -> String? {
        let ofApp = models.filter { $0.app == app }
        guard !ofApp.isEmpty else { return nil }
        var document = YAMLDocument()
        document.comment("Models of the \(app) app, imported from sakyum (\(app)/models.py and the tables of default.db).\nSee docs/models.md.")
        for model in ofApp {
            document.blank()
            var entries: [YAMLValue.Entry] = []
            if model.table != TableName.forModel(model.name) { entries.append(.init("table", .string(model.table))) }
            if let str = model.str { entries.append(.init("str", .string(str))) }
            entries.append(.init("fields", .map(model.fields)))
            if !model.relationships.isEmpty { entries.append(.init("relationships", .map(model.relationships))) }
            document.block(model.name, entries, expanding: ["fields", "relationships"])
        }
        return document.text
    }

    // MARK: Reading models.py

    private static func declaredModels(in module: PythonModule, app: String, report: inout ImportReport) -> [DeclaredModel] {
        module.classes(deriving: ["Model"]).map { item in
            var model = DeclaredModel(name: item.name, app: app, module: module, line: item.line, table: TableName.forModel(item.name),
                                      columns: [], relationships: [])
            for statement in item.body {
                switch statement.kind {
                case .assign(let targets, let value):
                    guard case .name(let name) = targets.first else { continue }
                    if name == "__tablename__", let table = value.stringValue {
                        model.table = table
                    } else if let callee = value.calleeName, callee.hasSuffix("Column") {
                        model.columns.append(column(name, value, line: statement.line))
                    } else if let callee = value.calleeName, callee.hasSuffix("relationship") {
                        let target = value.positional.first?.stringValue ?? value.positional.first?.dottedName
                        guard let target else {
                            report.note(.models, module.location(statement.line), "relationship \(item.name).\(name): its target model cannot be read; not imported")
                            continue
                        }
                        model.relationships.append((name, target, value.keyword("backref")?.stringValue, statement.line))
                    } else if !name.hasPrefix("__") {
                        report.note(.models, module.location(statement.line), "\(item.name).\(name) is not a column or a relationship; not imported")
                    }
                case .functionDef(let name, _, _, let body) where name == "__str__" || name == "__repr__":
                    if name == "__repr__" && model.str != nil { continue }
                    if let str = strTemplate(body) {
                        model.str = str
                        model.strProblem = nil
                    } else if model.str == nil {
                        model.strProblem = (statement.line, name)
                    }
                case .functionDef(let name, _, _, _):
                    report.note(.models, module.location(statement.line), "method \(item.name).\(name) is Python logic; not imported "
                                + "(a template filter or a view can often do what it did)")
                default:
                    continue
                }
            }
            if let problem = model.strProblem {
                report.note(.models, module.location(problem.line), "\(item.name).\(problem.text) does not return one field or an f-string of fields; "
                            + "rows show as <\(item.name) id> until you give the model a `str:` template")
            }
            return model
        }
    }

    private static func column(_ name: String, _ call: PythonExpression, line: Int) -> DeclaredColumn {
        var column = DeclaredColumn(name: name, line: line, call: call)
        for argument in call.positional {
            if let text = argument.stringValue, column.typeName == nil {
                column.name = text
                continue
            }
            if argument.calleeName?.hasSuffix("ForeignKey") == true {
                column.foreignKey = argument.positional.first?.stringValue
                continue
            }
            if let type = argument.dottedName ?? argument.calleeName {
                column.typeName = String(type.split(separator: ".").last ?? "")
                column.length = argument.positional.first?.integerValue ?? argument.keyword("length")?.integerValue
            }
        }
        return column
    }

    /// `return f'{self.a} ({self.b})'`, `return self.a` or `return str(self.a)` as a `str:` template.
    private static func strTemplate(_ body: [PythonStatement]) -> String? {
        let statements = body.filter { if case .expression(.string) = $0.kind { false } else { true } }
        guard statements.count == 1, case .returnValue(let value?) = statements[0].kind else { return nil }
        func field(_ expression: PythonExpression) -> String? {
            if case .attribute(.name("self"), let name) = expression { return name }
            if expression.calleeName == "str", expression.positional.count == 1 { return field(expression.positional[0]) }
            return nil
        }
        if let name = field(value) { return "{{ \(name) }}" }
        guard case .formatted(let parts) = value else { return nil }
        var template = ""
        for part in parts {
            switch part {
            case .text(let text):
                if text.contains("{{") || text.contains("{%") { return nil }
                template += text
            case .field(let expression):
                guard let name = field(expression) else { return nil }
                template += "{{ \(name) }}"
            }
        }
        return template
    }

    // MARK: Tables

    private static func model(from table: TableSchema, declared: DeclaredModel?, project: String, report: inout ImportReport) -> Model {
        var fields: [YAMLValue.Entry] = []
        let indexed = Set(table.indexes.filter { $0.columns.count == 1 && $0.name == "ix_\(table.name)_\($0.columns[0])" }.map { $0.columns[0] })
        let location = declared.map { $0.module.location($0.line) } ?? "default.db"
        for index in table.indexes where !(index.columns.count == 1 && index.name == "ix_\(table.name)_\(index.columns[0])") {
            report.note(.models, location, "index \(index.name) on \(table.name)(\(index.columns.joined(separator: ", "))) has no models.yaml "
                        + "equivalent (only one-column `index: true`); sakyumd lists it as a pending migration that drops it")
        }
        for column in table.columns {
            let declaredColumn = declared?.columns.first { $0.name == column.name }
            var entry = fieldType(column.type, table: table.name, column: column.name, at: location, project: project, report: &report)
            if column.primaryKey { entry.append(.init("primary_key", .bool(true))) }
            if !column.nullable && !column.primaryKey { entry.append(.init("nullable", .bool(false))) }
            if column.unique { entry.append(.init("unique", .bool(true))) }
            if indexed.contains(column.name) { entry.append(.init("index", .bool(true))) }
            if let key = column.foreignKey {
                entry.append(.init("foreign_key", .string("\(key.table).\(key.column.isEmpty ? "id" : key.column)")))
                if let action = key.onDelete, action.uppercased() != "NO ACTION" {
                    entry.append(.init("on_delete", .string(action.lowercased())))
                }
            }
            if let declaredColumn, let declared {
                if let value = defaultValue(declaredColumn, model: declared, report: &report) { entry.append(.init("default", value)) }
                for difference in differences(declaredColumn, column) {
                    report.note(.models, declared.module.location(declaredColumn.line), "\(declared.name).\(column.name): models.py says \(difference.declared) "
                                + "but the database has \(difference.live); imported as the database has it")
                }
            }
            fields.append(.init(column.name, .map(entry)))
        }
        if let declared {
            let names = Set(table.columns.map(\.name))
            for column in declared.columns where !names.contains(column.name) {
                report.note(.models, declared.module.location(column.line), "\(declared.name).\(column.name) is in models.py but not in the "
                            + "database's table \(table.name); imported as the database has it. Add the field to \(declared.app)/models.yaml, "
                            + "then `sakyumctl db revision \(project) --autogenerate -m \"add \(column.name)\"`, then `sakyumctl db upgrade \(project)`")
            }
        }
        return Model(app: declared?.app ?? "", name: declared?.name ?? modelName(forTable: table.name), table: table.name,
                     str: declared?.str, fields: fields, relationships: [])
    }

    /// Where models.py and the live column disagree: type, length, nullability, uniqueness, foreign key.
    private static func differences(_ declared: DeclaredColumn, _ live: TableSchema.Column) -> [(declared: String, live: String)] {
        var found: [(String, String)] = []
        let (wanted, have) = (columnType(declared), liveType(live.type))
        if let typeName = declared.typeName, wanted.name != have.name || (declared.length != nil && wanted.length != have.length) {
            found.append(("db.\(typeName)" + (declared.length.map { "(\($0))" } ?? ""), live.type))
        }
        let primaryKey = declared.call.keyword("primary_key") == .bool(true)
        if !primaryKey && !live.primaryKey {
            let nullable = declared.call.keyword("nullable") != .bool(false)
            if nullable != live.nullable { found.append((nullable ? "nullable" : "nullable=False", live.nullable ? "NULL allowed" : "NOT NULL")) }
        }
        let unique = declared.call.keyword("unique") == .bool(true)
        if unique != live.unique && !(unique && declared.call.keyword("index") == .bool(true)) {
            found.append((unique ? "unique=True" : "not unique", live.unique ? "UNIQUE" : "no UNIQUE constraint"))
        }
        let liveKey = live.foreignKey.map { "\($0.table).\($0.column.isEmpty ? "id" : $0.column)" }
        if declared.foreignKey != liveKey {
            found.append((declared.foreignKey.map { "ForeignKey('\($0)')" } ?? "no foreign key", liveKey.map { "REFERENCES \($0)" } ?? "no foreign key"))
        }
        return found
    }

    private static func model(declaredOnly declared: DeclaredModel, report: inout ImportReport) -> Model {
        var fields: [YAMLValue.Entry] = []
        for column in declared.columns {
            var entry: [YAMLValue.Entry] = []
            let type = columnType(column)
            entry.append(.init("type", .string(type.name)))
            if let length = type.length { entry.append(.init("length", .int(length))) }
            if column.call.keyword("primary_key") == .bool(true) { entry.append(.init("primary_key", .bool(true))) }
            if column.call.keyword("nullable") == .bool(false) { entry.append(.init("nullable", .bool(false))) }
            if column.call.keyword("unique") == .bool(true) { entry.append(.init("unique", .bool(true))) }
            if column.call.keyword("index") == .bool(true) { entry.append(.init("index", .bool(true))) }
            if let key = column.foreignKey { entry.append(.init("foreign_key", .string(key))) }
            if let value = defaultValue(column, model: declared, report: &report) { entry.append(.init("default", value)) }
            fields.append(.init(column.name, .map(entry)))
        }
        return Model(app: declared.app, name: declared.name, table: declared.table, str: declared.str, fields: fields, relationships: [])
    }

    /// SQLAlchemy's column classes as models.yaml types; anything else is read as text.
    private static let sqlAlchemyTypes: [String: String] = [
        "Integer": "integer", "BigInteger": "integer", "SmallInteger": "integer", "String": "string", "Unicode": "string",
        "VARCHAR": "string", "CHAR": "string", "Text": "text", "UnicodeText": "text", "Boolean": "boolean",
        "DateTime": "datetime", "Date": "date", "Float": "float", "Numeric": "float", "JSON": "json",
    ]

    private static func columnType(_ column: DeclaredColumn) -> (name: String, length: Int?) {
        let name = column.typeName.flatMap { sqlAlchemyTypes[$0] } ?? "text"
        return (name, name == "string" ? column.length : nil)
    }

    /// The models.yaml type of a live SQL type, and whether sakyumd writes that very SQL type back (else the
    /// difference is a pending migration).
    private static func liveType(_ sqlType: String) -> (name: String, length: Int?, exact: Bool) {
        let type = sqlType.uppercased()
        let base = String(type.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
        let length = type.firstIndex(of: "(").flatMap { start in Int(type[type.index(after: start)...].prefix { $0.isNumber }) }
        switch base {
        case "INTEGER", "TEXT", "BOOLEAN", "DATETIME", "DATE", "FLOAT", "JSON": return (base.lowercased(), nil, true)
        case "VARCHAR": return ("string", length, true)
        case "INT", "BIGINT", "SMALLINT", "TINYINT": return ("integer", nil, false)
        case "CHAR", "NCHAR", "NVARCHAR", "VARCHAR2": return ("string", length, false)
        case "REAL", "DOUBLE", "NUMERIC", "DECIMAL": return ("float", nil, false)
        default: return ("text", nil, false)
        }
    }

    /// models.yaml's `type:` (and `length:`) for a live SQL type; what has no equivalent is reported.
    private static func fieldType(_ sqlType: String, table: String, column: String, at location: String, project: String,
                                  report: inout ImportReport) -> [YAMLValue.Entry] {
        let type = liveType(sqlType)
        if !type.exact {
            report.note(.models, location, "column \(table).\(column) is \(sqlType), which models.yaml cannot say; imported as \(type.name), "
                        + "and sakyumd lists the difference as a pending migration until you decide (`sakyumctl db revision \(project) --autogenerate -m MESSAGE`)")
        }
        return [.init("type", .string(type.name))] + (type.length.map { [.init("length", .int($0))] } ?? [])
    }

    private static func defaultValue(_ column: DeclaredColumn, model: DeclaredModel, report: inout ImportReport) -> YAMLValue? {
        guard let value = column.call.keyword("default") else { return nil }
        switch value {
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .none: return nil
        default: break
        }
        if let number = value.integerValue { return .int(number) }
        if case .number(let text) = value, let number = Double(text) { return .double(number) }
        if let name = value.dottedName ?? value.calleeName,
           ["datetime.utcnow", "datetime.now", "datetime.datetime.utcnow", "datetime.datetime.now", "func.now", "db.func.now",
            "date.today", "datetime.date.today"].contains(name) {
            return .string("now")
        }
        report.note(.models, model.module.location(column.line), "the default of \(model.name).\(column.name) is Python code; not imported "
                    + "(models.yaml takes `now` or a value)")
        return nil
    }

    private static func checkUser(_ table: TableSchema, project: String, report: inout ImportReport) {
        let wanted = TableSchema(model: ModelSpec.user)
        for column in wanted.columns where table.column(column.name) == nil {
            report.note(.models, "default.db", "the user table has no column \(column.name), which sakyum's User has; "
                        + "sakyumd lists it as a pending migration (`sakyumctl db revision \(project) --autogenerate -m MESSAGE`, then `sakyumctl db upgrade \(project)`)")
        }
        for column in table.columns where wanted.column(column.name) == nil {
            report.note(.models, "default.db", "the user table has a column \(column.name) that sakyum's User does not; "
                        + "sakyumd's built-in User cannot declare it, so it is listed as a pending migration that would drop it: keep your data by not upgrading until you have copied it")
        }
    }

    // MARK: Names

    private static func guessApp(for table: String, apps: [String]) -> String? {
        apps.filter { table.hasPrefix($0.lowercased() + "_") }.max { $0.count < $1.count } ?? apps.first
    }

    /// `exam_note` → `ExamNote`, which Flask-SQLAlchemy names back `exam_note`.
    static func modelName(forTable table: String) -> String {
        let name = table.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.first?.isLetter == true ? name : "Table" + name
    }

    // MARK: Relationships

    /// models.py's `db.relationship(...)`s, on the model that declares them; the loader works out which
    /// side holds the foreign key. A target or backref that does not resolve is reported and left out.
    private static func addRelationships(declared: [DeclaredModel], to models: inout [Model], report: inout ImportReport) {
        let names = Set(models.map(\.name) + ["User"])
        for model in declared {
            guard let index = models.firstIndex(where: { $0.name == model.name }) else { continue }
            for relationship in model.relationships {
                let target = String(relationship.target.split(separator: ".").last ?? "")
                guard names.contains(target) else {
                    report.note(.models, model.module.location(relationship.line), "relationship \(model.name).\(relationship.name) names "
                                + "\(relationship.target), which is not a model of this project; not imported")
                    continue
                }
                var entry: [YAMLValue.Entry] = [.init("model", .string(target))]
                if let backref = relationship.backref { entry.append(.init("backref", .string(backref))) }
                models[index].relationships.append(.init(relationship.name, .map(entry)))
            }
        }
    }
}
