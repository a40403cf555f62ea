import Foundation

/// Parses a Python module into statements without running it: Python's grammar for statements and
/// expressions, with the constructs the importer never reads (lambdas, comprehensions, slices,
/// conditional expressions) kept only as `.other`. What Python would refuse is a `PythonSyntaxError`.
struct PythonParser {
    private let tokens: [PythonToken]
    private var position = 0
    /// Prefix operators (`not`, `-`, `await`) nest by recursion; bounded like brackets and indentation.
    private var prefixDepth = 0

    static func parse(_ text: String) throws(PythonSyntaxError) -> [PythonStatement] {
        var parser = PythonParser(tokens: try PythonLexer.tokens(of: text))
        var statements: [PythonStatement] = []
        while parser.current.kind != .end {
            statements += try parser.statement()
        }
        return statements
    }

    /// One expression, e.g. the field of an f-string.
    static func parseExpression(_ text: String) throws(PythonSyntaxError) -> PythonExpression {
        var parser = PythonParser(tokens: try PythonLexer.tokens(of: text))
        let expression = try parser.testList()
        guard parser.current.kind == .newline || parser.current.kind == .end else { throw parser.invalid() }
        return expression
    }

    private init(tokens: [PythonToken]) {
        self.tokens = tokens
    }

    private var current: PythonToken { tokens[position] }

    private func lookahead(_ offset: Int) -> PythonToken {
        tokens[min(position + offset, tokens.count - 1)]
    }

    private mutating func advance() -> PythonToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(_ op: String) -> Bool {
        guard current.isOp(op) else { return false }
        _ = advance()
        return true
    }

    private mutating func acceptKeyword(_ word: String) -> Bool {
        guard current.isKeyword(word) else { return false }
        _ = advance()
        return true
    }

    private mutating func expect(_ op: String) throws(PythonSyntaxError) {
        guard accept(op) else { throw invalid(expected: "'\(op)'") }
    }

    private mutating func expectName() throws(PythonSyntaxError) -> String {
        guard let name = current.name, !Self.keywords.contains(name) else { throw invalid(expected: "a name") }
        _ = advance()
        return name
    }

    private func invalid(expected: String? = nil) -> PythonSyntaxError {
        PythonSyntaxError(line: current.line, column: current.column,
                          message: expected.map { "invalid syntax: expected \($0)" } ?? "invalid syntax")
    }

    // MARK: Statements

    private mutating func statement() throws(PythonSyntaxError) -> [PythonStatement] {
        let start = current
        if current.kind == .indent { throw PythonSyntaxError(line: start.line, column: start.column, message: "unexpected indent") }
        if current.isOp("@") {
            var decorators: [PythonExpression] = []
            while accept("@") {
                decorators.append(try test())
                guard current.kind == .newline else { throw invalid() }
                _ = advance()
            }
            _ = acceptKeyword("async")
            if current.isKeyword("def") { return [try functionDef(decorators: decorators, start: start)] }
            if current.isKeyword("class") { return [try classDef(decorators: decorators, start: start)] }
            throw invalid(expected: "def or class after a decorator")
        }
        switch current.name {
        case "class": return [try classDef(decorators: [], start: start)]
        case "def": return [try functionDef(decorators: [], start: start)]
        case "async" where lookahead(1).isKeyword("def"):
            _ = advance()
            return [try functionDef(decorators: [], start: start)]
        case "if": return [try ifStatement()]
        case "for", "while", "with", "try", "except", "finally", "else", "async", "match":
            if current.name == "match" && (lookahead(1).isOp("=") || lookahead(1).isOp(".") || lookahead(1).isOp("(")) { break }
            let keyword = advance().name ?? ""
            try skipHeader()
            return [PythonStatement(kind: .block(keyword: keyword, body: try suite()), line: start.line, column: start.column)]
        default:
            break
        }
        return try simpleStatements()
    }

    /// `small (; small)* [;] NEWLINE`: the simple statements of one logical line.
    private mutating func simpleStatements() throws(PythonSyntaxError) -> [PythonStatement] {
        var statements = [try smallStatement()]
        while accept(";") {
            if current.kind == .newline { break }
            statements.append(try smallStatement())
        }
        guard current.kind == .newline || current.kind == .end else { throw invalid() }
        _ = advance()
        return statements
    }

    private mutating func classDef(decorators: [PythonExpression], start: PythonToken) throws(PythonSyntaxError) -> PythonStatement {
        _ = advance()
        let name = try expectName()
        var bases: [PythonArgument] = []
        if accept("(") { bases = try arguments() }
        try expect(":")
        return PythonStatement(kind: .classDef(name: name, bases: bases, decorators: decorators, body: try suite()),
                               line: start.line, column: start.column)
    }

    private mutating func functionDef(decorators: [PythonExpression], start: PythonToken) throws(PythonSyntaxError) -> PythonStatement {
        _ = advance()
        let name = try expectName()
        try expect("(")
        var parameters: [String] = []
        while !current.isOp(")") {
            if accept("/") || accept("*") && (current.isOp(",") || current.isOp(")")) {
                _ = accept(",")
                continue
            }
            _ = accept("*") || accept("**")
            parameters.append(try expectName())
            if accept(":") { _ = try test() }
            if accept("=") { _ = try test() }
            guard accept(",") || current.isOp(")") else { throw invalid(expected: "',' or ')'") }
        }
        _ = advance()
        if accept("->") { _ = try test() }
        try expect(":")
        return PythonStatement(kind: .functionDef(name: name, parameters: parameters, decorators: decorators, body: try suite()),
                               line: start.line, column: start.column)
    }

    private mutating func ifStatement() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        let condition = try namedTest()
        try expect(":")
        let body = try suite()
        var orElse: [PythonStatement] = []
        if current.isKeyword("elif") {
            orElse = [try ifStatement()]
        } else if current.isKeyword("else") && lookahead(1).isOp(":") {
            _ = advance()
            _ = advance()
            orElse = try suite()
        }
        return PythonStatement(kind: .ifBlock(test: condition, body: body, orElse: orElse), line: start.line, column: start.column)
    }

    /// The rest of a compound statement's header, up to its `:` (brackets balanced by the lexer).
    private mutating func skipHeader() throws(PythonSyntaxError) {
        var depth = 0
        while true {
            let token = current
            if token.kind == .newline || token.kind == .end { throw invalid(expected: "':'") }
            if token.isOp("(") || token.isOp("[") || token.isOp("{") { depth += 1 }
            if token.isOp(")") || token.isOp("]") || token.isOp("}") { depth -= 1 }
            _ = advance()
            if depth == 0 && token.isOp(":") { return }
        }
    }

    private mutating func suite() throws(PythonSyntaxError) -> [PythonStatement] {
        guard current.kind == .newline else { return try simpleStatements() }
        _ = advance()
        guard current.kind == .indent else {
            throw PythonSyntaxError(line: current.line, column: current.column, message: "expected an indented block")
        }
        _ = advance()
        var statements: [PythonStatement] = []
        while current.kind != .dedent && current.kind != .end {
            statements += try statement()
        }
        _ = advance()
        return statements
    }

    private mutating func smallStatement() throws(PythonSyntaxError) -> PythonStatement {
        let start = current
        func statement(_ kind: PythonStatement.Kind) -> PythonStatement {
            PythonStatement(kind: kind, line: start.line, column: start.column)
        }
        switch current.name {
        case "return":
            _ = advance()
            if current.kind == .newline || current.isOp(";") { return statement(.returnValue(nil)) }
            return statement(.returnValue(try testList()))
        case "import":
            _ = advance()
            var modules = [try dottedName()]
            if acceptKeyword("as") { _ = try expectName() }
            while accept(",") {
                modules.append(try dottedName())
                if acceptKeyword("as") { _ = try expectName() }
            }
            return statement(.importModule(modules))
        case "from":
            _ = advance()
            var module = ""
            while current.isOp(".") || current.isOp("...") { module += advance().isOp(".") ? "." : "..." }
            if !current.isKeyword("import") { module += try dottedName() }
            guard acceptKeyword("import") else { throw invalid(expected: "'import'") }
            if accept("*") { return statement(.importFrom(module: module, names: [.init(name: "*", alias: "*")])) }
            let parenthesized = accept("(")
            var names: [PythonStatement.ImportedName] = []
            repeat {
                if parenthesized && current.isOp(")") { break }
                let name = try expectName()
                names.append(.init(name: name, alias: acceptKeyword("as") ? try expectName() : name))
            } while accept(",")
            if parenthesized { try expect(")") }
            return statement(.importFrom(module: module, names: names))
        case "pass", "break", "continue", "raise", "global", "nonlocal", "del", "assert", "yield":
            let word = advance().name ?? ""
            while !(current.kind == .newline || current.isOp(";") || current.kind == .end) {
                _ = try test()
                _ = accept(",") || acceptKeyword("from")
            }
            return statement(.simple(word))
        default:
            break
        }
        let first = try starTestList()
        if current.isOp("=") {
            var targets = [first]
            var value = first
            while accept("=") {
                value = try starTestList()
                targets.append(value)
            }
            targets.removeLast()
            return statement(.assign(targets: targets, value: value))
        }
        if accept(":") {
            _ = try test()
            if accept("=") { return statement(.assign(targets: [first], value: try starTestList())) }
            return statement(.simple("annotation"))
        }
        if case .op(let op) = current.kind, op.count >= 2, op.hasSuffix("="), !["==", "!=", "<=", ">="].contains(op) {
            _ = advance()
            _ = try starTestList()
            return statement(.simple("augmented assignment"))
        }
        return statement(.expression(first))
    }

    private mutating func dottedName() throws(PythonSyntaxError) -> String {
        var name = try expectName()
        while accept(".") { name += "." + (try expectName()) }
        return name
    }

    // MARK: Expressions

    private mutating func starTestList() throws(PythonSyntaxError) -> PythonExpression {
        var items: [PythonExpression] = []
        var trailingComma = false
        repeat {
            if current.kind == .newline || current.isOp("=") || current.isOp(";") || current.isOp(")") { trailingComma = true; break }
            items.append(accept("*") ? .other("starred \(try bitOr())") : try test())
            trailingComma = false
        } while accept(",")
        if items.isEmpty { throw invalid() }
        return items.count == 1 && !trailingComma ? items[0] : .tuple(items)
    }

    private mutating func testList() throws(PythonSyntaxError) -> PythonExpression {
        try starTestList()
    }

    private mutating func namedTest() throws(PythonSyntaxError) -> PythonExpression {
        let value = try test()
        if accept(":=") { return .other("assignment expression \(try test())") }
        return value
    }

    private mutating func test() throws(PythonSyntaxError) -> PythonExpression {
        if acceptKeyword("lambda") {
            while !current.isOp(":") {
                if current.kind == .newline || current.kind == .end { throw invalid(expected: "':'") }
                _ = advance()
            }
            _ = advance()
            _ = try test()
            return .other("lambda")
        }
        let value = try orTest()
        if acceptKeyword("if") {
            _ = try orTest()
            guard acceptKeyword("else") else { throw invalid(expected: "'else'") }
            _ = try test()
            return .other("conditional expression")
        }
        return value
    }

    private mutating func orTest() throws(PythonSyntaxError) -> PythonExpression {
        try chain("or") { (parser: inout PythonParser) throws(PythonSyntaxError) in
            try parser.chain("and") { (inner: inout PythonParser) throws(PythonSyntaxError) in try inner.notTest() }
        }
    }

    /// `operand (keyword operand)*`, left-nested, as `or` and `and` read.
    private mutating func chain(_ keyword: String,
                                _ operand: (inout PythonParser) throws(PythonSyntaxError) -> PythonExpression) throws(PythonSyntaxError) -> PythonExpression {
        var value = try operand(&self)
        var length = 0
        while acceptKeyword(keyword) {
            try lengthen(&length)
            value = .binary(keyword, value, try operand(&self))
        }
        return value
    }

    /// Chains (`a + b + …`, `a.b.c…`) build left-nested trees, which Swift frees by recursion: bounded too.
    private func lengthen(_ length: inout Int) throws(PythonSyntaxError) {
        length += 1
        if length > Self.maximumChain {
            throw PythonSyntaxError(line: current.line, column: current.column, message: "expression too long")
        }
    }

    private static let maximumChain = 1_000

    private mutating func deeper() throws(PythonSyntaxError) {
        prefixDepth += 1
        if prefixDepth > PythonLexer.maximumNesting {
            throw PythonSyntaxError(line: current.line, column: current.column, message: "too many nested operators")
        }
    }

    private mutating func notTest() throws(PythonSyntaxError) -> PythonExpression {
        if acceptKeyword("not") {
            try deeper()
            defer { prefixDepth -= 1 }
            return .unary("not", try notTest())
        }
        return try comparison()
    }

    private mutating func comparison() throws(PythonSyntaxError) -> PythonExpression {
        var value = try bitOr()
        var length = 0
        while true {
            try lengthen(&length)
            var op: String
            if case .op(let text) = current.kind, ["<", ">", "==", ">=", "<=", "!="].contains(text) {
                op = text
                _ = advance()
            } else if acceptKeyword("in") {
                op = "in"
            } else if current.isKeyword("not") && lookahead(1).isKeyword("in") {
                _ = advance()
                _ = advance()
                op = "not in"
            } else if acceptKeyword("is") {
                op = acceptKeyword("not") ? "is not" : "is"
            } else {
                return value
            }
            value = .binary(op, value, try bitOr())
        }
    }

    private static let binaryLevels: [Set<String>] = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"]]

    private mutating func bitOr() throws(PythonSyntaxError) -> PythonExpression {
        try binary(level: 0)
    }

    private mutating func binary(level: Int) throws(PythonSyntaxError) -> PythonExpression {
        guard level < Self.binaryLevels.count else { return try unary() }
        var value = try binary(level: level + 1)
        var length = 0
        while case .op(let op) = current.kind, Self.binaryLevels[level].contains(op) {
            _ = advance()
            try lengthen(&length)
            value = .binary(op, value, try binary(level: level + 1))
        }
        return value
    }

    private mutating func unary() throws(PythonSyntaxError) -> PythonExpression {
        if case .op(let op) = current.kind, ["-", "+", "~"].contains(op) {
            _ = advance()
            try deeper()
            defer { prefixDepth -= 1 }
            return .unary(op, try unary())
        }
        return try power()
    }

    private mutating func power() throws(PythonSyntaxError) -> PythonExpression {
        _ = acceptKeyword("await")
        var value = try atom()
        var length = 0
        while true {
            try lengthen(&length)
            if accept(".") {
                value = .attribute(value, try expectName())
            } else if accept("(") {
                value = .call(value, try arguments())
            } else if accept("[") {
                value = .item(value, try subscriptList())
            } else {
                break
            }
        }
        if accept("**") {
            try deeper()
            defer { prefixDepth -= 1 }
            value = .binary("**", value, try unary())
        }
        return value
    }

    private mutating func subscriptList() throws(PythonSyntaxError) -> PythonExpression {
        var items: [PythonExpression] = []
        var sliced = false
        repeat {
            if current.isOp("]") { break }
            var item: PythonExpression?
            if !current.isOp(":") { item = try namedTest() }
            if accept(":") {
                sliced = true
                if !current.isOp("]") && !current.isOp(",") && !current.isOp(":") { _ = try test() }
                if accept(":") && !current.isOp("]") && !current.isOp(",") { _ = try test() }
            }
            if let item { items.append(item) }
        } while accept(",")
        try expect("]")
        if sliced { return .other("slice") }
        return items.count == 1 ? items[0] : .tuple(items)
    }

    private mutating func arguments() throws(PythonSyntaxError) -> [PythonArgument] {
        var arguments: [PythonArgument] = []
        while !current.isOp(")") {
            if accept("**") {
                arguments.append(PythonArgument(keyword: nil, value: try test(), starred: true))
            } else if accept("*") {
                arguments.append(PythonArgument(keyword: nil, value: try test(), starred: true))
            } else if let name = current.name, !Self.keywords.contains(name), lookahead(1).isOp("=") {
                _ = advance()
                _ = advance()
                arguments.append(PythonArgument(keyword: name, value: try test()))
            } else {
                var value = try namedTest()
                if current.isKeyword("for") || current.isKeyword("async") {
                    try comprehension()
                    value = .other("generator expression")
                }
                arguments.append(PythonArgument(keyword: nil, value: value))
            }
            guard accept(",") || current.isOp(")") else { throw invalid(expected: "',' or ')'") }
        }
        _ = advance()
        return arguments
    }

    /// `for x in y if z…` after a comprehension's element; only its syntax is checked.
    private mutating func comprehension() throws(PythonSyntaxError) {
        while acceptKeyword("async") || current.isKeyword("for") {
            guard acceptKeyword("for") else { throw invalid(expected: "'for'") }
            repeat {
                if current.isKeyword("in") { break }
                _ = accept("*")
                _ = try bitOr()
            } while accept(",")
            guard acceptKeyword("in") else { throw invalid(expected: "'in'") }
            _ = try orTest()
            while acceptKeyword("if") { _ = try orTest() }
        }
    }

    private mutating func atom() throws(PythonSyntaxError) -> PythonExpression {
        let token = current
        switch token.kind {
        case .name(let name):
            switch name {
            case "True": _ = advance(); return .bool(true)
            case "False": _ = advance(); return .bool(false)
            case "None": _ = advance(); return .none
            default:
                if Self.keywords.contains(name) { throw invalid() }
                _ = advance()
                return .name(name)
            }
        case .number(let text):
            _ = advance()
            return .number(text)
        case .string:
            return try strings()
        case .op("..."):
            _ = advance()
            return .other("...")
        case .op("("):
            _ = advance()
            if accept(")") { return .tuple([]) }
            if acceptKeyword("yield") {
                while !current.isOp(")") { _ = advance() }
                _ = advance()
                return .other("yield")
            }
            let items = try collection(closing: ")")
            if items.comprehension { return .other("generator expression") }
            return items.values.count == 1 && !items.trailingComma ? items.values[0] : .tuple(items.values)
        case .op("["):
            _ = advance()
            let items = try collection(closing: "]")
            return items.comprehension ? .other("list comprehension") : .list(items.values)
        case .op("{"):
            _ = advance()
            return try dictionaryOrSet()
        default:
            throw invalid()
        }
    }

    private mutating func collection(closing: String) throws(PythonSyntaxError) -> (values: [PythonExpression], trailingComma: Bool, comprehension: Bool) {
        var values: [PythonExpression] = []
        var trailingComma = false
        while !current.isOp(closing) {
            values.append(accept("*") ? .other("starred \(try bitOr())") : try namedTest())
            if values.count == 1 && (current.isKeyword("for") || current.isKeyword("async")) {
                try comprehension()
                try expect(closing)
                return (values, false, true)
            }
            trailingComma = accept(",")
            guard trailingComma || current.isOp(closing) else { throw invalid(expected: "',' or '\(closing)'") }
        }
        _ = advance()
        return (values, trailingComma, false)
    }

    private mutating func dictionaryOrSet() throws(PythonSyntaxError) -> PythonExpression {
        var entries: [PythonExpression.DictEntry] = []
        var members: [PythonExpression] = []
        while !current.isOp("}") {
            if accept("**") {
                _ = try bitOr()
            } else {
                let key = accept("*") ? .other("starred \(try bitOr())") : try test()
                if accept(":") {
                    entries.append(.init(key: key, value: try test()))
                } else {
                    members.append(key)
                }
                if current.isKeyword("for") || current.isKeyword("async") {
                    try comprehension()
                    try expect("}")
                    return .other("comprehension")
                }
            }
            guard accept(",") || current.isOp("}") else { throw invalid(expected: "',' or '}'") }
        }
        _ = advance()
        if !members.isEmpty && !entries.isEmpty { throw invalid() }
        return members.isEmpty ? .dict(entries) : .other("set")
    }

    /// Adjacent literals concatenate (`'a' 'b'`); f-strings become `.formatted`.
    private mutating func strings() throws(PythonSyntaxError) -> PythonExpression {
        var parts: [PythonExpression.FormattedPart] = []
        var formatted = false
        while case .string(let prefix, let text) = current.kind {
            let token = advance()
            if prefix.contains("f") {
                formatted = true
                parts += try Self.formattedParts(text, line: token.line, column: token.column)
            } else {
                parts.append(.text(text))
            }
        }
        guard formatted else {
            return .string(parts.map { if case .text(let text) = $0 { text } else { "" } }.joined())
        }
        return .formatted(parts)
    }

    /// The literal text and `{field}`s of an f-string (`{{` and `}}` are braces; `!r` and `:spec` are dropped).
    private static func formattedParts(_ text: String, line: Int, column: Int) throws(PythonSyntaxError) -> [PythonExpression.FormattedPart] {
        var parts: [PythonExpression.FormattedPart] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" && index + 1 < characters.count && characters[index + 1] == "{" {
                literal.append("{")
                index += 2
                continue
            }
            if character == "}" && index + 1 < characters.count && characters[index + 1] == "}" {
                literal.append("}")
                index += 2
                continue
            }
            if character == "}" { throw PythonSyntaxError(line: line, column: column, message: "f-string: single '}' is not allowed") }
            guard character == "{" else {
                literal.append(character)
                index += 1
                continue
            }
            var depth = 0
            var end = index + 1
            var field = ""
            while end < characters.count {
                let inner = characters[end]
                if "([{".contains(inner) { depth += 1 }
                if ")]".contains(inner) || (inner == "}" && depth > 0) { depth -= 1 }
                if depth == 0 && (inner == "}" || inner == "!" || inner == ":") && !(inner == "!" && end + 1 < characters.count && characters[end + 1] == "=") { break }
                field.append(inner)
                end += 1
            }
            while end < characters.count && characters[end] != "}" { end += 1 }
            guard end < characters.count else { throw PythonSyntaxError(line: line, column: column, message: "f-string: expecting '}'") }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            do {
                parts.append(.field(try parseExpression(field.trimmingCharacters(in: .whitespaces))))
            } catch {
                throw PythonSyntaxError(line: line, column: column, message: "f-string: \(error.message)")
            }
            index = end + 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return parts
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
