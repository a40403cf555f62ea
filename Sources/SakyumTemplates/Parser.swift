/// Builds the syntax tree from tokens, following Jinja2's grammar, precedence and error messages.
struct Parser {
    static let maximumNesting = 100

    private let tokens: [Token]
    private let templateName: String
    private var index = 0
    private var nesting = 0
    private var tagStack: [String] = []
    private var endTokenStack: [[String]] = []
    /// Block names seen so far: a name used twice is an error, as in Jinja2 (a block nested in itself
    /// would otherwise render itself until the stack overflows).
    private var blockNames: Set<String> = []

    init(tokens: [Token], templateName: String) {
        self.tokens = tokens
        self.templateName = templateName
    }

    static func parse(_ source: String, templateName: String) throws -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source, templateName: templateName), templateName: templateName)
        return try parser.subparse(endTokens: nil)
    }

    // MARK: - Token stream

    private var current: Token { tokens[index] }
    private var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private func isName(_ token: Token, _ name: String) -> Bool {
        if case .name(let value) = token.kind { return value == name }
        return false
    }

    private func isOp(_ token: Token, _ op: String) -> Bool {
        if case .op(let value) = token.kind { return value == op }
        return false
    }

    private var currentName: String? {
        if case .name(let value) = current.kind { return value }
        return nil
    }

    private mutating func skipName(_ name: String) -> Bool {
        guard isName(current, name) else { return false }
        advance()
        return true
    }

    private mutating func skipOp(_ op: String) -> Bool {
        guard isOp(current, op) else { return false }
        advance()
        return true
    }

    func fail(_ message: String, line: Int? = nil) -> TemplateError {
        TemplateError(kind: .syntax, templateName: templateName, line: line ?? current.line, message: message)
    }

    private func expectationFailure(_ expected: String) -> TemplateError {
        if case .end = current.kind {
            return fail("unexpected end of template, expected '\(expected)'.")
        }
        return fail("expected token '\(expected)', got '\(current.description)'")
    }

    private mutating func expectOp(_ op: String) throws {
        guard skipOp(op) else { throw expectationFailure(op) }
    }

    private mutating func expectName(_ name: String) throws {
        guard skipName(name) else { throw expectationFailure(name) }
    }

    private mutating func expectAnyName() throws -> String {
        guard let name = currentName else { throw expectationFailure("name") }
        advance()
        return name
    }

    private mutating func expectBlockEnd() throws {
        guard case .blockEnd = current.kind else { throw expectationFailure("end of statement block") }
        advance()
    }

    // MARK: - Statements

    private mutating func subparse(endTokens: [String]?) throws -> [Statement] {
        var body: [Statement] = []
        if let endTokens { endTokenStack.append(endTokens) }
        defer { if endTokens != nil { endTokenStack.removeLast() } }
        while true {
            switch current.kind {
            case .text(let text):
                body.append(.text(text))
                advance()
            case .variableBegin:
                advance()
                let expression = try parseTuple(withConditional: true)
                guard case .variableEnd = current.kind else { throw expectationFailure("end of print statement") }
                advance()
                body.append(.output(expression))
            case .blockBegin:
                advance()
                if let endTokens, let name = currentName, endTokens.contains(name) { return body }
                body.append(try parseStatement())
                try expectBlockEnd()
            case .end:
                if endTokens != nil { throw failUnknownTagOrEnd(nil, line: current.line) }
                return body
            default:
                throw fail("unexpected '\(current.description)'")
            }
        }
    }

    private func failUnknownTagOrEnd(_ name: String?, line: Int) -> TemplateError {
        var message = [name.map { "Encountered unknown tag '\($0)'." } ?? "Unexpected end of template."]
        if let looking = endTokenStack.last {
            let currentlyLooking = looking.map { "'\($0)'" }.joined(separator: " or ")
            if let name, endTokenStack.contains(where: { $0.contains(name) }) {
                message.append(
                    "You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for \(currentlyLooking)."
                )
            } else {
                message.append("Jinja was looking for the following tags: \(currentlyLooking).")
            }
        }
        if let innermost = tagStack.last {
            message.append("The innermost block that needs to be closed is '\(innermost)'.")
        }
        return fail(message.joined(separator: " "), line: line)
    }

    private mutating func parseStatements(_ endTokens: [String], dropNeedle: Bool = false) throws -> [Statement] {
        _ = skipOp(":")
        try expectBlockEnd()
        let body = try subparse(endTokens: endTokens)
        if case .end = current.kind { throw failUnknownTagOrEnd(nil, line: current.line) }
        if dropNeedle { advance() }
        return body
    }

    private mutating func parseStatement() throws -> Statement {
        guard let name = currentName else { throw fail("tag name expected") }
        let statementNames: Set = [
            "for", "if", "block", "extends", "print", "macro", "include", "from", "import", "set", "with", "autoescape",
            "call", "filter",
        ]
        guard statementNames.contains(name) else { throw failUnknownTagOrEnd(name, line: current.line) }
        nesting += 1
        tagStack.append(name)
        defer {
            nesting -= 1
            tagStack.removeLast()
        }
        if nesting > Self.maximumNesting { throw fail("statements nested too deeply (limit \(Self.maximumNesting))") }
        let line = current.line
        advance()
        switch name {
        case "for": return try parseFor(line: line)
        case "if": return try parseIf()
        case "block": return try parseBlock(line: line)
        case "extends": return .extends(try parseExpression(), line: line)
        case "print": return .output(try parseTuple(withConditional: true))
        case "macro": return try parseMacro(line: line)
        case "include": return try parseInclude(line: line)
        case "import": return try parseImport(line: line)
        case "from": return try parseFrom(line: line)
        case "set": return try parseSet(line: line)
        case "with": return try parseWith()
        case "autoescape":
            let setting = try parseExpression()
            return .autoescape(setting, body: try parseStatements(["endautoescape"], dropNeedle: true))
        case "call": return try parseCallBlock(line: line)
        default: return try parseFilterBlock(line: line)
        }
    }

    private mutating func parseFor(line: Int) throws -> Statement {
        let target = try parseAssignTarget(extraEndNames: ["in"])
        try expectName("in")
        let iterable = try parseTuple(withConditional: false, extraEndNames: ["recursive"])
        var filter: Expression?
        if skipName("if") { filter = try parseExpression() }
        let recursive = skipName("recursive")
        let body = try parseStatements(["endfor", "else"])
        var otherwise: [Statement] = []
        let closing = currentName
        advance()
        if closing != "endfor" { otherwise = try parseStatements(["endfor"], dropNeedle: true) }
        return .forLoop(
            ForLoop(
                target: target, iterable: iterable, filter: filter, recursive: recursive, body: body, otherwise: otherwise,
                line: line))
    }

    private mutating func parseIf() throws -> Statement {
        var branches: [(Expression, [Statement])] = []
        var otherwise: [Statement] = []
        while true {
            let test = try parseTuple(withConditional: false)
            let body = try parseStatements(["elif", "else", "endif"])
            branches.append((test, body))
            let closing = currentName
            advance()
            if closing == "elif" { continue }
            if closing == "else" { otherwise = try parseStatements(["endif"], dropNeedle: true) }
            break
        }
        return .conditional(branches: branches, otherwise: otherwise)
    }

    private mutating func parseBlock(line: Int) throws -> Statement {
        let name = try expectAnyName()
        guard blockNames.insert(name).inserted else { throw fail("block '\(name)' defined twice", line: line) }
        let scoped = skipName("scoped")
        let required = skipName("required")
        if isOp(current, "-") {
            throw fail(
                "Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead."
            )
        }
        let body = try parseStatements(["endblock"], dropNeedle: true)
        if required {
            for statement in body {
                if case .text(let text) = statement, text.allSatisfy(\.isWhitespace) { continue }
                throw fail("Required blocks can only contain comments or whitespace", line: line)
            }
        }
        _ = skipName(name)
        return .block(name: name, scoped: scoped, required: required, body: body, line: line)
    }

    private mutating func parseContextModifier(default value: Bool) -> Bool {
        if let name = currentName, name == "with" || name == "without", isName(next, "context") {
            advance()
            advance()
            return name == "with"
        }
        return value
    }

    private mutating func parseInclude(line: Int) throws -> Statement {
        let template = try parseExpression()
        var ignoreMissing = false
        if isName(current, "ignore"), isName(next, "missing") {
            advance()
            advance()
            ignoreMissing = true
        }
        let withContext = parseContextModifier(default: true)
        return .include(template, ignoreMissing: ignoreMissing, withContext: withContext, line: line)
    }

    private mutating func parseImport(line: Int) throws -> Statement {
        let template = try parseExpression()
        try expectName("as")
        let alias = try expectAnyName()
        return .importModule(template, as: alias, withContext: parseContextModifier(default: false), line: line)
    }

    private mutating func parseFrom(line: Int) throws -> Statement {
        let template = try parseExpression()
        try expectName("import")
        var names: [(String, String)] = []
        var withContext = false
        func contextModifier(_ parser: inout Parser) -> Bool {
            if let name = parser.currentName, name == "with" || name == "without", parser.isName(parser.next, "context") {
                withContext = name == "with"
                parser.advance()
                parser.advance()
                return true
            }
            return false
        }
        while true {
            if !names.isEmpty { try expectOp(",") }
            guard currentName != nil else { throw expectationFailure("name") }
            if contextModifier(&self) { break }
            let nameLine = current.line
            let name = try expectAnyName()
            if name.hasPrefix("_") { throw fail("names starting with an underline can not be imported", line: nameLine) }
            names.append((name, skipName("as") ? try expectAnyName() : name))
            if contextModifier(&self) || !isOp(current, ",") { break }
        }
        return .fromImport(template, names: names, withContext: withContext, line: line)
    }

    private mutating func parseSet(line: Int) throws -> Statement {
        let target = try parseAssignTarget(withNamespace: true)
        if skipOp("=") { return .assign(target, try parseTuple(withConditional: true), line: line) }
        var filters: [Expression] = []
        if isOp(current, "|") { filters = try parseFilterChain(startInline: false) }
        let body = try parseStatements(["endset"], dropNeedle: true)
        return .assignBlock(target, filters: filters, body: body, line: line)
    }

    private mutating func parseWith() throws -> Statement {
        var assignments: [(AssignTarget, Expression)] = []
        while true {
            if case .blockEnd = current.kind { break }
            if !assignments.isEmpty { try expectOp(",") }
            let target = try parseAssignTarget()
            try expectOp("=")
            assignments.append((target, try parseExpression()))
        }
        return .with(assignments: assignments, body: try parseStatements(["endwith"], dropNeedle: true))
    }

    private mutating func parseSignature() throws -> [(String, Expression?)] {
        var parameters: [(String, Expression?)] = []
        try expectOp("(")
        while !isOp(current, ")") {
            if !parameters.isEmpty { try expectOp(",") }
            let name = try expectAnyName()
            if skipOp("=") {
                parameters.append((name, try parseExpression()))
            } else if parameters.contains(where: { $0.1 != nil }) {
                throw fail("non-default argument follows default argument")
            } else {
                parameters.append((name, nil))
            }
        }
        try expectOp(")")
        if parameters.contains(where: { $0.0 == "caller" && $0.1 == nil }) {
            throw fail(
                "When defining macros or call blocks the special \"caller\" argument must be omitted or be given a default.")
        }
        return parameters
    }

    private mutating func parseMacro(line: Int) throws -> Statement {
        let name = try expectAnyName()
        let parameters = try parseSignature()
        let body = try parseStatements(["endmacro"], dropNeedle: true)
        return .macro(MacroDefinition(name: name, parameters: parameters, body: body, line: line))
    }

    private mutating func parseCallBlock(line: Int) throws -> Statement {
        let parameters = isOp(current, "(") ? try parseSignature() : []
        let call = try parseExpression()
        guard case .call = call.kind else { throw fail("expected call", line: line) }
        let body = try parseStatements(["endcall"], dropNeedle: true)
        return .callBlock(call: call, caller: MacroDefinition(name: "caller", parameters: parameters, body: body, line: line))
    }

    private mutating func parseFilterBlock(line: Int) throws -> Statement {
        let filters = try parseFilterChain(startInline: true)
        return .filterBlock(filters: filters, body: try parseStatements(["endfilter"], dropNeedle: true))
    }

    // MARK: - Assignment targets

    private mutating func parseAssignTarget(extraEndNames: [String] = [], withNamespace: Bool = false) throws
        -> AssignTarget
    {
        if withNamespace, currentName != nil, isOp(next, ".") {
            let namespace = try expectAnyName()
            advance()
            return .namespaceAttribute(namespace, try expectAnyName())
        }
        var targets: [AssignTarget] = []
        var isTuple = false
        while true {
            if !targets.isEmpty { try expectOp(",") }
            if isTupleEnd(extraEndNames) { break }
            targets.append(try parseSimpleTarget())
            if isOp(current, ",") { isTuple = true } else { break }
        }
        if !isTuple, let single = targets.first { return single }
        if targets.isEmpty { throw fail("Expected an expression, got '\(current.description)'") }
        return .tuple(targets)
    }

    private mutating func parseSimpleTarget() throws -> AssignTarget {
        if skipOp("(") {
            let inner = try parseAssignTarget()
            try expectOp(")")
            return inner
        }
        let line = current.line
        guard let name = currentName else {
            if case .constant = try parsePrimary().kind { throw fail("can't assign to 'const'", line: line) }
            throw fail("can't assign to this expression", line: line)
        }
        if ["true", "false", "none", "True", "False", "None"].contains(name) {
            throw fail("can't assign to 'const'", line: line)
        }
        advance()
        return .name(name)
    }

    private func isTupleEnd(_ extraEndNames: [String]) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd: return true
        case .op(")"): return true
        case .name(let name): return extraEndNames.contains(name)
        default: return false
        }
    }

    // MARK: - Expressions

    private mutating func parseTuple(withConditional: Bool, extraEndNames: [String] = [], explicitParentheses: Bool = false)
        throws -> Expression
    {
        var line = current.line
        var items: [Expression] = []
        var isTuple = false
        while true {
            if !items.isEmpty { try expectOp(",") }
            if isTupleEnd(extraEndNames) { break }
            items.append(withConditional ? try parseExpression() : try parseOr())
            if isOp(current, ",") { isTuple = true } else { break }
            line = current.line
        }
        if !isTuple {
            if let single = items.first { return single }
            if !explicitParentheses { throw fail("Expected an expression, got '\(current.description)'") }
        }
        return Expression(kind: .tuple(items), line: line)
    }

    mutating func parseExpression() throws -> Expression {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting { throw fail("expression nested too deeply (limit \(Self.maximumNesting))") }
        var line = current.line
        var expression = try parseOr()
        while skipName("if") {
            let test = try parseOr()
            let otherwise = skipName("else") ? try parseExpression() : nil
            expression = Expression(kind: .conditional(test: test, then: expression, otherwise: otherwise), line: line)
            line = current.line
        }
        return expression
    }

    private mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while isName(current, "or") {
            let line = current.line
            advance()
            left = Expression(kind: .or(left, try parseAnd()), line: line)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while isName(current, "and") {
            let line = current.line
            advance()
            left = Expression(kind: .and(left, try parseNot()), line: line)
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        if isName(current, "not") {
            let line = current.line
            advance()
            nesting += 1
            defer { nesting -= 1 }
            if nesting > Self.maximumNesting { throw fail("expression nested too deeply (limit \(Self.maximumNesting))") }
            return Expression(kind: .not(try parseNot()), line: line)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> Expression {
        let line = current.line
        let expression = try parseMath1()
        var operations: [(CompareOperator, Expression)] = []
        while true {
            if case .op(let op) = current.kind, let compare = CompareOperator(rawValue: op), compare != .contains {
                advance()
                operations.append((compare, try parseMath1()))
            } else if skipName("in") {
                operations.append((.contains, try parseMath1()))
            } else if isName(current, "not"), isName(next, "in") {
                advance()
                advance()
                operations.append((.notContains, try parseMath1()))
            } else {
                break
            }
        }
        if operations.isEmpty { return expression }
        return Expression(kind: .compare(expression, operations), line: line)
    }

    private mutating func parseMath1() throws -> Expression {
        var left = try parseConcat()
        while case .op(let op) = current.kind, op == "+" || op == "-" {
            let line = current.line
            advance()
            left = Expression(kind: .binary(BinaryOperator(rawValue: op)!, left, try parseConcat()), line: line)
        }
        return left
    }

    private mutating func parseConcat() throws -> Expression {
        let line = current.line
        var items = [try parseMath2()]
        while skipOp("~") { items.append(try parseMath2()) }
        return items.count == 1 ? items[0] : Expression(kind: .concat(items), line: line)
    }

    private mutating func parseMath2() throws -> Expression {
        var left = try parsePower()
        while case .op(let op) = current.kind, op == "*" || op == "/" || op == "//" || op == "%" {
            let line = current.line
            advance()
            left = Expression(kind: .binary(BinaryOperator(rawValue: op)!, left, try parsePower()), line: line)
        }
        return left
    }

    private mutating func parsePower() throws -> Expression {
        var left = try parseUnary(withFilter: true)
        while isOp(current, "**") {
            let line = current.line
            advance()
            left = Expression(kind: .binary(.power, left, try parseUnary(withFilter: true)), line: line)
        }
        return left
    }

    private mutating func parseUnary(withFilter: Bool) throws -> Expression {
        let line = current.line
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting { throw fail("expression nested too deeply (limit \(Self.maximumNesting))") }
        var expression: Expression
        if skipOp("-") {
            expression = Expression(kind: .negate(try parseUnary(withFilter: false)), line: line)
        } else if skipOp("+") {
            expression = Expression(kind: .plus(try parseUnary(withFilter: false)), line: line)
        } else {
            expression = try parsePrimary()
        }
        expression = try parsePostfix(expression)
        if withFilter { expression = try parseFilterExpression(expression) }
        return expression
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
        switch token.kind {
        case .name(let name):
            advance()
            switch name {
            case "true", "True": return Expression(kind: .constant(.bool(true)), line: token.line)
            case "false", "False": return Expression(kind: .constant(.bool(false)), line: token.line)
            case "none", "None": return Expression(kind: .constant(.none), line: token.line)
            default: return Expression(kind: .name(name), line: token.line)
            }
        case .string(var text):
            advance()
            while case .string(let more) = current.kind {
                text += more
                advance()
            }
            return Expression(kind: .constant(.string(text)), line: token.line)
        case .integer(let value):
            advance()
            return Expression(kind: .constant(.int(value)), line: token.line)
        case .float(let value):
            advance()
            return Expression(kind: .constant(.double(value)), line: token.line)
        case .op("("):
            advance()
            let expression = try parseTuple(withConditional: true, explicitParentheses: true)
            try expectOp(")")
            return expression
        case .op("["):
            advance()
            var items: [Expression] = []
            while !isOp(current, "]") {
                if !items.isEmpty { try expectOp(",") }
                if isOp(current, "]") { break }
                items.append(try parseExpression())
            }
            try expectOp("]")
            return Expression(kind: .list(items), line: token.line)
        case .op("{"):
            advance()
            var pairs: [(Expression, Expression)] = []
            while !isOp(current, "}") {
                if !pairs.isEmpty { try expectOp(",") }
                if isOp(current, "}") { break }
                let key = try parseExpression()
                try expectOp(":")
                pairs.append((key, try parseExpression()))
            }
            try expectOp("}")
            return Expression(kind: .dict(pairs), line: token.line)
        case .end:
            throw fail("unexpected end of template")
        default:
            throw fail("unexpected '\(token.description)'")
        }
    }

    private mutating func parsePostfix(_ base: Expression) throws -> Expression {
        var expression = base
        while true {
            if isOp(current, ".") || isOp(current, "[") {
                expression = try parseSubscript(expression)
            } else if isOp(current, "(") {
                expression = Expression(kind: .call(expression, try parseCallArguments()), line: current.line)
            } else {
                return expression
            }
        }
    }

    private mutating func parseFilterExpression(_ base: Expression) throws -> Expression {
        var expression = base
        while true {
            if isOp(current, "|") {
                expression = try parseFilter(expression, startInline: false)
            } else if isName(current, "is") {
                expression = try parseTest(expression)
            } else if isOp(current, "(") {
                let line = current.line
                expression = Expression(kind: .call(expression, try parseCallArguments()), line: line)
            } else {
                return expression
            }
        }
    }

    private mutating func parseSubscript(_ base: Expression) throws -> Expression {
        let token = current
        advance()
        if case .op(".") = token.kind {
            let attributeToken = current
            advance()
            switch attributeToken.kind {
            case .name(let name): return Expression(kind: .attribute(base, name), line: token.line)
            case .integer(let value):
                return Expression(kind: .item(base, Expression(kind: .constant(.int(value)), line: token.line)), line: token.line)
            default: throw fail("expected name or number", line: attributeToken.line)
            }
        }
        var arguments: [Expression] = []
        while !isOp(current, "]") {
            if !arguments.isEmpty { try expectOp(",") }
            arguments.append(try parseSubscribed())
        }
        try expectOp("]")
        let argument = arguments.count == 1 ? arguments[0] : Expression(kind: .tuple(arguments), line: token.line)
        if case .slice(_, let start, let stop, let step) = argument.kind {
            return Expression(kind: .slice(base, start: start, stop: stop, step: step), line: token.line)
        }
        return Expression(kind: .item(base, argument), line: token.line)
    }

    /// Parses one subscript: an expression or a slice `a:b:c` (returned as a slice of a placeholder).
    private mutating func parseSubscribed() throws -> Expression {
        let line = current.line
        var start: Expression?
        if !isOp(current, ":") {
            let expression = try parseExpression()
            if !isOp(current, ":") { return expression }
            start = expression
        }
        advance()
        var stop: Expression?
        if !isOp(current, ":"), !isOp(current, "]"), !isOp(current, ",") { stop = try parseExpression() }
        var step: Expression?
        if skipOp(":"), !isOp(current, "]"), !isOp(current, ",") { step = try parseExpression() }
        let placeholder = Expression(kind: .constant(.none), line: line)
        return Expression(kind: .slice(placeholder, start: start, stop: stop, step: step), line: line)
    }

    private mutating func parseCallArguments() throws -> CallArguments {
        let line = current.line
        try expectOp("(")
        var arguments = CallArguments()
        var requireComma = false
        func ensure(_ condition: Bool) throws {
            if !condition { throw fail("invalid syntax for function call expression", line: line) }
        }
        while !isOp(current, ")") {
            if requireComma {
                try expectOp(",")
                if isOp(current, ")") { break }
            }
            if skipOp("*") {
                try ensure(arguments.starArguments == nil && arguments.starKeywords == nil)
                arguments.starArguments = try parseExpression()
            } else if skipOp("**") {
                try ensure(arguments.starKeywords == nil)
                arguments.starKeywords = try parseExpression()
            } else if let name = currentName, isOp(next, "=") {
                try ensure(arguments.starKeywords == nil)
                advance()
                advance()
                arguments.keyword.append((name, try parseExpression()))
            } else {
                try ensure(arguments.starArguments == nil && arguments.starKeywords == nil && arguments.keyword.isEmpty)
                arguments.positional.append(try parseExpression())
            }
            requireComma = true
        }
        try expectOp(")")
        return arguments
    }

    private mutating func parseDottedName() throws -> String {
        var name = try expectAnyName()
        while skipOp(".") { name += "." + (try expectAnyName()) }
        return name
    }

    private mutating func parseFilter(_ base: Expression?, startInline: Bool) throws -> Expression {
        if !startInline { advance() }
        let line = current.line
        let name = try parseDottedName()
        let arguments = isOp(current, "(") ? try parseCallArguments() : CallArguments()
        return Expression(kind: .filter(base, name: name, arguments), line: line)
    }

    /// Parses `name(args)|other…` of a filter block or block set, each applied to the previous (the first to the body).
    private mutating func parseFilterChain(startInline: Bool) throws -> [Expression] {
        var filters = [try parseFilter(nil, startInline: startInline)]
        while isOp(current, "|") { filters.append(try parseFilter(nil, startInline: false)) }
        return filters
    }

    private mutating func parseTest(_ base: Expression) throws -> Expression {
        let line = current.line
        advance()
        let negated = skipName("not")
        let name = try parseDottedName()
        var arguments = CallArguments()
        if isOp(current, "(") {
            arguments = try parseCallArguments()
        } else {
            let startsArgument: Bool
            switch current.kind {
            case .name(let word): startsArgument = !["else", "or", "and"].contains(word)
            case .string, .integer, .float, .op("["), .op("{"): startsArgument = true
            default: startsArgument = false
            }
            if startsArgument {
                if isName(current, "is") { throw fail("You cannot chain multiple tests with is") }
                arguments.positional = [try parsePostfix(try parsePrimary())]
            }
        }
        return Expression(kind: .test(base, name: name, arguments, negated: negated), line: line)
    }
}
