/// Turns the syntax tree into closures: names of filters and tests are resolved to functions,
/// constant expressions are folded, and the autoescape setting is fixed per output node.
struct Compiler {
    private let templateName: String
    private var autoescape: Bool
    /// Inside `if` or an inline if-expression unknown filters and tests only fail when evaluated, like Jinja2.
    private var conditionalDepth = 0
    /// Top-level code of a template that extends another writes nothing once the parent is known.
    private var inRoot = true
    private var rootMayExtend = false
    private var inBlock = false
    /// Directly inside a for loop body (not in a macro, call block or block defined there): `loop` is `currentLoop`.
    private var inLoopBody = false
    private var blocks: [String: CompiledBlock] = [:]

    private init(templateName: String, autoescape: Bool) {
        self.templateName = templateName
        self.autoescape = autoescape
    }

    static func compile(source: String, name: String, origin: String, autoescape: Bool) throws -> CompiledTemplate {
        do {
            let statements = try Parser.parse(source, templateName: name)
            var compiler = Compiler(templateName: name, autoescape: autoescape)
            compiler.rootMayExtend = containsExtends(statements)
            let root = try compiler.compile(statements)
            return CompiledTemplate(name: name, origin: origin, root: root, blocks: compiler.blocks,
                                    referencedNames: ReferencedNames(statements).names)
        } catch var error as TemplateError {
            error.origin = origin
            throw error
        }
    }

    private static func containsExtends(_ statements: [Statement]) -> Bool {
        statements.contains { statement in
            switch statement {
            case .extends: true
            case .conditional(let branches, let otherwise):
                branches.contains { containsExtends($0.1) } || containsExtends(otherwise)
            case .forLoop(let loop): containsExtends(loop.body) || containsExtends(loop.otherwise)
            case .with(_, let body), .autoescape(_, let body): containsExtends(body)
            default: false
            }
        }
    }

    private func location(_ line: Int) -> SourceLocation {
        SourceLocation(templateName: templateName, line: line)
    }

    // MARK: - Statements

    /// A compiled statement kept in an array. A struct, not a bare closure: an array stores a closure in its most
    /// general form, so taking one out and calling it went through two reabstraction thunks per statement.
    private struct Step {
        let run: Execute
    }

    /// A compiled expression kept in an array, for the same reason as `Step`.
    private struct Evaluation {
        let evaluate: Evaluate
    }

    private mutating func compile(_ statements: [Statement]) throws -> Execute {
        var parts: [Step] = []
        var pendingText = ""
        for statement in statements {
            if case .text(let text) = statement, !(inRoot && rootMayExtend) {
                pendingText += text
                continue
            }
            if !pendingText.isEmpty {
                parts.append(Step(run: writeText(pendingText)))
                pendingText = ""
            }
            parts.append(Step(run: try compile(statement)))
        }
        if !pendingText.isEmpty { parts.append(Step(run: writeText(pendingText))) }
        if parts.isEmpty { return { _ in } }
        return Compiler.sequence(parts[...])
    }

    /// Runs `parts` in order as a tree of closures that call the ones they capture: looping over an array of
    /// closures retained and released each one per call (the largest source of reference counting in renders).
    private static func sequence(_ parts: ArraySlice<Step>) -> Execute {
        let start = parts.startIndex
        switch parts.count {
        case 1:
            return parts[start].run
        case 2:
            let (first, second) = (parts[start].run, parts[start + 1].run)
            return { context in
                try first(context)
                try second(context)
            }
        case 3:
            let (first, second, third) = (parts[start].run, parts[start + 1].run, parts[start + 2].run)
            return { context in
                try first(context)
                try second(context)
                try third(context)
            }
        default:
            let middle = start + parts.count / 2
            let (first, second) = (sequence(parts[..<middle]), sequence(parts[middle...]))
            return { context in
                try first(context)
                try second(context)
            }
        }
    }

    private func writeText(_ text: String) -> Execute {
        let encoded = Array(text.utf8)
        return guarded { context in context.output.append(utf8: encoded) }
    }

    /// Skips output of top-level code once `{% extends %}` has run.
    private func guarded(_ body: @escaping Execute) -> Execute {
        guard inRoot && rootMayExtend else { return body }
        return { context in
            if context.parentTemplate == nil { try body(context) }
        }
    }

    private func writer(_ value: @escaping Evaluate) -> Execute {
        if autoescape {
            return guarded { context in context.writeEscaped(try value(context)) }
        }
        return guarded { context in context.write(try value(context)) }
    }

    private mutating func compile(_ statement: Statement) throws -> Execute {
        switch statement {
        case .text(let text):
            return writeText(text)
        case .output(let expression):
            if let streaming = try compileCallOutput(expression) { return streaming }
            return writer(try compile(expression))
        case .conditional(let branches, let otherwise):
            conditionalDepth += 1
            defer { conditionalDepth -= 1 }
            let compiled = try branches.map { (try compile($0.0), try compile($0.1)) }
            let elseBody = otherwise.isEmpty ? nil : try compile(otherwise)
            if compiled.count == 1 {
                let (test, body) = compiled[0]
                return { context in
                    if try test(context).isTruthy {
                        try body(context)
                    } else if let elseBody {
                        try elseBody(context)
                    }
                }
            }
            return { context in
                for (test, body) in compiled where try test(context).isTruthy {
                    try body(context)
                    return
                }
                try elseBody?(context)
            }
        case .forLoop(let loop):
            return guarded(try compileFor(loop))
        case .assign(let target, let expression, let line):
            let value = try compile(expression)
            let store = compileStore(target, line: line)
            return { context in try store(context, try value(context)) }
        case .assignBlock(let target, let filters, let body, let line):
            let captured = try compileCapture(body)
            let filtered = try compileFilterChain(filters, input: captured)
            let store = compileStore(target, line: line)
            return { context in try store(context, try filtered(context)) }
        case .macro(let definition):
            let program = try compileMacro(definition)
            let name = VariableName(definition.name)
            return { context in context.assign(name, program.instantiate(in: context)) }
        case .callBlock(let call, let callerDefinition):
            let caller = try compileMacro(callerDefinition)
            let callerKeyword: (String, Evaluate) = ("caller", { context in caller.instantiate(in: context) })
            if let streaming = try compileCallOutput(call, extraKeyword: callerKeyword) { return streaming }
            return writer(try compile(call, extraKeyword: callerKeyword))
        case .filterBlock(let filters, let body):
            return writer(try compileFilterChain(filters, input: try compileCapture(body)))
        case .with(let assignments, let body):
            let values = try assignments.map { try compile($0.1) }
            let stores = assignments.map { compileStore($0.0, line: $0.1.line) }
            let compiledBody = try withNestedScope { try $0.compile(body) }
            return guarded { context in
                let evaluated = try values.map { try $0(context) }
                context.frames.append([:])
                defer { context.frames.removeLast() }
                for (store, value) in zip(stores, evaluated) { try store(context, value) }
                try compiledBody(context)
            }
        case .autoescape(let setting, let body):
            let saved = autoescape
            defer { autoescape = saved }
            let settingValue = try compile(setting)
            if case .constant(let constant) = setting.kind {
                autoescape = constant.isTruthy
                return try compile(body)
            }
            autoescape = true
            let escaping = try compile(body)
            autoescape = false
            let plain = try compile(body)
            return { context in try (try settingValue(context)).isTruthy ? escaping(context) : plain(context) }
        case .block(let name, let scoped, let required, let body, let line):
            return try compileBlock(name: name, scoped: scoped, required: required, body: body, line: line)
        case .extends(let expression, let line):
            let parentName = try compile(expression)
            let location = location(line)
            return { context in
                do {
                    let parent = try context.environment.compiledTemplate(named: try Compiler.templateName(try parentName(context)))
                    try context.extend(with: parent)
                } catch {
                    throw location.locate(error)
                }
            }
        case .include(let expression, let ignoreMissing, let withContext, let line):
            return compileInclude(try compile(expression), ignoreMissing: ignoreMissing, withContext: withContext, line: line)
        case .importModule(let expression, let alias, let withContext, let line):
            let importer = ModuleImporter(template: try compile(expression), withContext: withContext, location: location(line))
            let alias = VariableName(alias)
            return { context in context.assign(alias, try importer.module(in: context)) }
        case .fromImport(let expression, let names, let withContext, let line):
            let importer = ModuleImporter(template: try compile(expression), withContext: withContext, location: location(line))
            let names = names.map { (name: $0.0, alias: VariableName($0.1)) }
            return { context in
                let module = try importer.module(in: context)
                guard case .object(let object) = module, let loaded = object as? TemplateModule else { return }
                for (name, alias) in names {
                    context.assign(
                        alias,
                        loaded.exports[name]
                            ?? .undefined(
                                "the template '\(loaded.name)' (imported on line \(line)) does not export the requested name '\(name)'"
                            ))
                }
            }
        }
    }

    static func templateName(_ value: Value) throws -> String {
        guard let name = value.stringContent else {
            if case .undefined(let message) = value { throw EvaluationError(message) }
            throw EvaluationError("template name must be a string, not \(value.typeName)")
        }
        return name
    }

    /// Compiles code that gets its own local scope (macro, block, with body).
    private mutating func withNestedScope<T>(_ body: (inout Compiler) throws -> T) rethrows -> T {
        let savedRoot = inRoot
        inRoot = false
        defer { inRoot = savedRoot }
        return try body(&self)
    }

    /// Renders `body` into a string value: Markup when autoescaping, like Jinja2's block set and filter blocks.
    private mutating func compileCapture(_ body: [Statement]) throws -> Evaluate {
        let compiledBody = try withNestedScope { try $0.compile(body) }
        let autoescape = autoescape
        return { context in
            let text = try context.capture { try compiledBody(context) }
            return autoescape ? .markup(Markup(safe: text)) : .string(text)
        }
    }

    private mutating func compileFilterChain(_ filters: [Expression], input: @escaping Evaluate) throws -> Evaluate {
        var current = input
        for filter in filters {
            guard case .filter(_, let name, let arguments) = filter.kind else { continue }
            current = try compileFilter(name: name, arguments: arguments, input: current, line: filter.line)
        }
        return current
    }

    typealias Store = @Sendable (RenderContext, Value) throws -> Void

    private func compileStore(_ target: AssignTarget, line: Int) -> Store {
        let location = location(line)
        switch target {
        case .name(let name):
            let name = VariableName(name)
            return { context, value in context.assign(name, value) }
        case .tuple(let targets):
            let stores = targets.map { compileStore($0, line: line) }
            return { context, value in
                guard !value.isUndefined, let items = try context.walkedItems(of: value) else {
                    throw location.error("cannot unpack non-iterable \(value.typeName) object")
                }
                if items.count < stores.count {
                    throw location.error("not enough values to unpack (expected \(stores.count), got \(items.count))")
                }
                if items.count > stores.count {
                    throw location.error("too many values to unpack (expected \(stores.count))")
                }
                for (store, item) in zip(stores, items) { try store(context, item) }
            }
        case .namespaceAttribute(let name, let attribute):
            let name = VariableName(name)
            return { context, value in
                guard case .object(let object) = context.lookup(name), let namespace = object as? Namespace else {
                    throw location.error("cannot assign attribute on non-namespace object")
                }
                // A namespace is the only way a loop can grow a value step by step (`ns.l = [ns.l]`) or make
                // a cycle; very deep nesting or a cycle would exhaust the stack when printed or freed.
                if value.exceedsNesting(Namespace.maximumNesting, orContains: namespace) {
                    throw location.error(
                        "value nested more than \(Namespace.maximumNesting) levels deep or containing the namespace itself",
                        kind: .limit)
                }
                namespace.set(attribute, value)
            }
        }
    }

    private mutating func compileFor(_ loop: ForLoop) throws -> Execute {
        let iterable = try compile(loop.iterable)
        let (filter, body, otherwise) = try withNestedScope { compiler in
            let filter = try loop.filter.map { try compiler.compile($0) }
            let savedLoopBody = compiler.inLoopBody
            compiler.inLoopBody = true
            let body = try compiler.compile(loop.body)
            compiler.inLoopBody = savedLoopBody
            return (filter, body, loop.otherwise.isEmpty ? nil : try compiler.compile(loop.otherwise))
        }
        let program = ForLoopProgram(
            filter: filter, store: compileStore(loop.target, line: loop.line), body: body, otherwise: otherwise,
            usesLoop: ReferencedNames(loop.body).names.contains("loop"), recursive: loop.recursive, autoescape: autoescape,
            location: location(loop.line))
        return { context in try program.run(try iterable(context), depth: 1, in: context) }
    }

    private mutating func compileMacro(_ definition: MacroDefinition) throws -> MacroProgram {
        let saved = (inBlock, conditionalDepth, inLoopBody)
        inBlock = false
        conditionalDepth = 0
        inLoopBody = false
        defer { (inBlock, conditionalDepth, inLoopBody) = saved }
        let names = ReferencedNames(definition.body).names
        let parameters = try withNestedScope { compiler in
            try definition.parameters.map { (VariableName($0.0), try $0.1.map { try compiler.compile($0) }) }
        }
        let body = try withNestedScope { try $0.compile(definition.body) }
        return MacroProgram(
            name: definition.name, parameters: parameters, body: body, autoescape: autoescape,
            catchesVarargs: names.contains("varargs"), catchesKwargs: names.contains("kwargs"),
            usesCaller: names.contains("caller"))
    }

    private mutating func compileBlock(name: String, scoped: Bool, required: Bool, body: [Statement], line: Int) throws
        -> Execute
    {
        if blocks[name] != nil { throw location(line).error("block '\(name)' defined twice", kind: .syntax) }
        let location = location(line)
        let saved = (inBlock, conditionalDepth, inLoopBody)
        inBlock = true
        conditionalDepth = 0
        inLoopBody = false
        let compiledBody = try withNestedScope { try $0.compile(body) }
        (inBlock, conditionalDepth, inLoopBody) = saved
        if required {
            blocks[name] = CompiledBlock(name: name) { _ in throw location.error("Required block '\(name)' not found.") }
        } else {
            blocks[name] = CompiledBlock(name: name, body: compiledBody)
        }
        return guarded { context in
            do {
                try context.renderBlock(name, level: 0, scoped: scoped)
            } catch {
                throw location.locate(error)
            }
        }
    }

    private func compileInclude(_ target: @escaping Evaluate, ignoreMissing: Bool, withContext: Bool, line: Int) -> Execute {
        let location = location(line)
        return { context in
            do {
                let value = try target(context)
                let names: [String]
                if case .array(let items) = value {
                    names = try items.map { try Compiler.templateName($0) }
                } else {
                    names = [try Compiler.templateName(value)]
                }
                var found: CompiledTemplate?
                for name in names {
                    if let template = try context.environment.compiledTemplateIfPresent(named: name) {
                        found = template
                        break
                    }
                }
                guard let template = found else {
                    if ignoreMissing { return }
                    if names.count == 1 { throw EvaluationError("template '\(names[0])' not found", kind: .notFound) }
                    throw EvaluationError(
                        "none of the templates given were found: \(names.joined(separator: ", "))", kind: .notFound)
                }
                try context.enterNested("include")
                defer { context.leaveNested() }
                let variables = withContext ? context.allVariables : VariableTable()
                let saved = context.executionState
                context.executionState = RenderContext.ExecutionState(
                    frames: [], scope: context.makeScope(variables: variables), blocks: [:], parentTemplate: nil,
                    currentBlock: nil, extendsCount: 0)
                defer { context.executionState = saved }
                try context.renderRoot(template)
            } catch {
                throw location.locate(error)
            }
        }
    }

    // MARK: - Expressions

    private mutating func compile(_ expression: Expression, extraKeyword: (String, Evaluate)? = nil) throws -> Evaluate {
        let location = location(expression.line)
        switch expression.kind {
        case .constant(let value):
            return { _ in value }
        case .name(let name):
            if name == "super" && inBlock { return superFunction() }
            if name == "self" {
                let reference = Value.object(BlockReference(autoescape: autoescape))
                let variable = VariableName(name)
                return { context in
                    let value = context.lookup(variable)
                    return value.isUndefined ? reference : value
                }
            }
            let variable = VariableName(name)
            return { context in context.lookup(variable) }
        case .attribute(let base, let name):
            if inLoopBody, case .name("loop") = base.kind {
                guard let attribute = LoopContext.Attribute(rawValue: name) else {
                    return { context in
                        context.currentLoop == nil
                            ? .undefined("'loop' is undefined") : .undefined("'LoopContext object' has no attribute '\(name)'")
                    }
                }
                return { context in
                    guard let loop = context.currentLoop else { return .undefined("'loop' is undefined") }
                    return loop.attribute(attribute)
                }
            }
            if let chain = attributeChain(expression) { return chain }
            let object = try compile(base)
            let attribute = AttributeName(name)
            return { context in
                let value = try object(context)
                do { return try value.attribute(attribute) } catch { throw location.locate(error) }
            }
        case .item(let base, let key):
            let object = try compile(base)
            let index = try compile(key)
            return { context in
                let value = try object(context)
                let key = try index(context)
                do { return try value.item(key) } catch { throw location.locate(error) }
            }
        case .slice(let base, let start, let stop, let step):
            let object = try compile(base)
            let bounds = try [start, stop, step].map { try $0.map { try compile($0) } }
            return { context in
                let value = try object(context)
                let evaluated = try bounds.map { try $0?(context) }
                do { return try value.slice(evaluated[0], evaluated[1], evaluated[2]) } catch { throw location.locate(error) }
            }
        case .call(let callee, let callArguments):
            if let loopMethod = try compileLoopMethod(callee, callArguments, line: expression.line) { return loopMethod }
            let (target, method) = try compileCallee(callee)
            let arguments = try compileArguments(callArguments, extraKeyword: extraKeyword)
            return { context in
                let value = try target(context)
                let evaluated = try arguments(context)
                do { return try Compiler.invoke(value, method: method, evaluated, in: context) } catch { throw location.locate(error) }
            }
        case .filter(let base, let name, let arguments):
            var input: Evaluate = { _ in .undefined("no filter input") }
            var constantInput: Value?
            if let base {
                input = try compile(base)
                if case .constant(let value) = base.kind { constantInput = value }
            }
            return try compileFilter(
                name: name, arguments: arguments, input: input, line: expression.line, constantInput: constantInput)
        case .test(let base, let name, let arguments, let negated):
            return try compileTest(name: name, arguments: arguments, input: try compile(base), negated: negated, line: expression.line)
        case .binary(let op, let leftExpression, let rightExpression):
            let left = try compile(leftExpression)
            let right = try compile(rightExpression)
            if case .constant(let a) = leftExpression.kind, case .constant(let b) = rightExpression.kind,
                let folded = try? Value.binary(op, a, b)
            {
                return { _ in folded }
            }
            if op == .modulo, case .constant(.string(let format)) = leftExpression.kind,
                let parsed = try? PercentFormat.parse(format)
            {
                return { context in
                    let arguments = try right(context)
                    do { return .string(try PercentFormat.format(parsed, arguments, escaping: false)) } catch {
                        throw location.locate(error)
                    }
                }
            }
            return { context in
                let a = try left(context)
                let b = try right(context)
                do { return try Value.binary(op, a, b) } catch { throw location.locate(error) }
            }
        case .negate(let base):
            let operand = try compile(base)
            return { context in
                let value = try operand(context)
                do { return try value.negated() } catch { throw location.locate(error) }
            }
        case .plus(let base):
            let operand = try compile(base)
            return { context in
                let value = try operand(context)
                do { return try value.unaryPlus() } catch { throw location.locate(error) }
            }
        case .not(let base):
            let operand = try compile(base)
            return { context in .bool(!(try operand(context).isTruthy)) }
        case .and(let leftExpression, let rightExpression):
            let left = try compile(leftExpression)
            let right = try compile(rightExpression)
            return { context in
                let value = try left(context)
                return value.isTruthy ? try right(context) : value
            }
        case .or(let leftExpression, let rightExpression):
            let left = try compile(leftExpression)
            let right = try compile(rightExpression)
            return { context in
                let value = try left(context)
                return value.isTruthy ? value : try right(context)
            }
        case .compare(let firstExpression, let operations):
            let first = try compile(firstExpression)
            let rest = try operations.map { ($0.0, try compile($0.1)) }
            return { context in
                var left = try first(context)
                for (op, operand) in rest {
                    let right = try operand(context)
                    do {
                        if !(try Compiler.compare(op, left, right)) { return .bool(false) }
                    } catch {
                        throw location.locate(error)
                    }
                    left = right
                }
                return .bool(true)
            }
        case .conditional(let testExpression, let thenExpression, let otherwiseExpression):
            conditionalDepth += 1
            defer { conditionalDepth -= 1 }
            let test = try compile(testExpression)
            let then = try compile(thenExpression)
            let otherwise = try otherwiseExpression.map { try compile($0) }
            let line = expression.line
            return { context in
                if try test(context).isTruthy { return try then(context) }
                if let otherwise { return try otherwise(context) }
                return .undefined(
                    "the inline if-expression on line \(line) evaluated to false and no else section was defined.")
            }
        case .list(let items):
            let constants = items.compactMap { item -> Value? in
                if case .constant(let value) = item.kind { return value }
                return nil
            }
            if constants.count == items.count { return { _ in .array(constants) } }
            let compiled = try items.map { Evaluation(evaluate: try compile($0)) }
            return { context in .array(try compiled.map { try $0.evaluate(context) }) }
        case .tuple(let items):
            let compiled = try items.map { Evaluation(evaluate: try compile($0)) }
            return { context in .object(TupleValue(elements: try compiled.map { try $0.evaluate(context) })) }
        case .dict(let pairs):
            // Literal keys (nearly all) are hashed here, once.
            let compiled = try pairs.map { pair -> (DictionaryKey, Evaluate) in
                if case .constant(let key) = pair.0.kind {
                    return (.literal(VariableName(key.stringContent ?? key.text)), try compile(pair.1))
                }
                return (.evaluated(try compile(pair.0)), try compile(pair.1))
            }
            return { context in
                var dictionary = ValueDictionary(capacity: compiled.count)
                for (key, value) in compiled {
                    switch key {
                    case .literal(let name):
                        dictionary.set(name, try value(context))
                    case .evaluated(let evaluate):
                        let keyValue = try evaluate(context)
                        dictionary.set(VariableName(keyValue.stringContent ?? keyValue.text), try value(context))
                    }
                }
                return .dict(dictionary)
            }
        case .concat(let items):
            let compiled = try items.map { Evaluation(evaluate: try compile($0)) }
            let autoescape = autoescape
            return { context in
                let values = try compiled.map { try $0.evaluate(context) }
                try Value.checkedSize(values.reduce(0) { total, value in total &+ (value.stringContent?.utf8.count ?? 0) })
                var buffer = OutputBuffer()
                if autoescape, values.contains(where: { if case .markup = $0 { true } else { false } }) {
                    for value in values {
                        if case .markup(let markup) = value { buffer.append(markup.string) } else { buffer.appendEscaped(value.text) }
                    }
                    return .markup(Markup(safe: buffer.text))
                }
                for value in values { buffer.append(value.text) }
                return .string(buffer.text)
            }
        }
    }

    /// What a call expression calls: the receiver and method name for `obj.name(…)`, else the callee itself.
    private mutating func compileCallee(_ callee: Expression) throws -> (Evaluate, String?) {
        if case .attribute(let base, let name) = callee.kind {
            return (try compile(base), name)
        }
        return (try compile(callee), nil)
    }

    static func invoke(_ target: Value, method: String?, _ arguments: TemplateArguments, in context: RenderContext) throws
        -> Value
    {
        guard let method else { return try target.call(arguments, in: context) }
        if let result = try target.callMethod(method, arguments, in: context) { return result }
        return try target.attribute(method).call(arguments, in: context)
    }

    /// `loop.cycle(…)` and `loop.changed(…)` in a loop body call the running loop directly.
    private mutating func compileLoopMethod(_ callee: Expression, _ callArguments: CallArguments, line: Int) throws -> Evaluate? {
        guard inLoopBody, case .attribute(let base, let method) = callee.kind, case .name("loop") = base.kind,
            method == "cycle" || method == "changed"
        else { return nil }
        let arguments = try compileArguments(callArguments)
        let location = location(line)
        return { context in
            let evaluated = try arguments(context)
            guard let loop = context.currentLoop else { throw location.error("'loop' is undefined") }
            do { return method == "cycle" ? try loop.cycle(evaluated) : loop.changed(evaluated) } catch { throw location.locate(error) }
        }
    }

    /// `{{ f(…) }}`: macros write straight into the output when their result would be written unchanged.
    private mutating func compileCallOutput(_ expression: Expression, extraKeyword: (String, Evaluate)? = nil) throws -> Execute? {
        guard case .call(let callee, let callArguments) = expression.kind else { return nil }
        if inLoopBody, case .attribute(let base, _) = callee.kind, case .name("loop") = base.kind { return nil }
        let (target, method) = try compileCallee(callee)
        let arguments = try compileArguments(callArguments, extraKeyword: extraKeyword)
        let location = location(expression.line)
        let autoescape = autoescape
        return guarded { context in
            let value = try target(context)
            let evaluated = try arguments(context)
            do {
                var function = value
                if let method {
                    if let result = try value.callMethod(method, evaluated, in: context) {
                        autoescape ? context.writeEscaped(result) : context.write(result)
                        return
                    }
                    function = try value.attribute(method)
                }
                if case .callable(let callable) = function, case .macro(let macro) = callable.body,
                    macro.program.autoescape || !autoescape
                {
                    try macro.stream(evaluated, in: context)
                    return
                }
                let result = try function.call(evaluated, in: context)
                autoescape ? context.writeEscaped(result) : context.write(result)
            } catch {
                throw location.locate(error)
            }
        }
    }

    /// `a.b.c` on a plain variable as one closure: a lookup and attribute steps, without a call per step.
    private func attributeChain(_ expression: Expression) -> Evaluate? {
        var steps: [(AttributeName, SourceLocation)] = []
        var current = expression
        while case .attribute(let base, let name) = current.kind {
            steps.append((AttributeName(name), location(current.line)))
            current = base
        }
        guard case .name(let rootName) = current.kind, !["loop", "super", "self"].contains(rootName) else { return nil }
        let root = VariableName(rootName)
        let path = Array(steps.reversed())
        if path.count == 1 {
            let (name, location) = path[0]
            return { context in
                do { return try context.lookup(root).attribute(name) } catch { throw location.locate(error) }
            }
        }
        return { context in
            var value = context.lookup(root)
            for (name, location) in path {
                do { value = try value.attribute(name) } catch { throw location.locate(error) }
            }
            return value
        }
    }

    static func compare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Bool {
        switch op {
        case .equal: Value.equal(left, right)
        case .notEqual: !Value.equal(left, right)
        case .less: try Value.compare(left, right, symbol: "<") < 0
        case .lessOrEqual: try Value.compare(left, right, symbol: "<=") <= 0
        case .greater: try Value.compare(left, right, symbol: ">") > 0
        case .greaterOrEqual: try Value.compare(left, right, symbol: ">=") >= 0
        case .contains: try right.contains(left)
        case .notContains: !(try right.contains(left))
        }
    }

    private func superFunction() -> Evaluate {
        let autoescape = autoescape
        return { context in
            guard let current = context.currentBlock else { return .undefined("'super' is undefined") }
            guard let stack = context.blocks[current.name], current.level + 1 < stack.count else {
                return .undefined("there is no parent block called '\(current.name)'.")
            }
            return .callable(
                TemplateFunction(contextual: { _, context in
                    let text = try context.capture {
                        try context.renderBlock(current.name, level: current.level + 1, scoped: false)
                    }
                    return autoescape ? .markup(Markup(safe: text)) : .string(text)
                }))
        }
    }

    private typealias ArgumentsEvaluator = @Sendable (RenderContext) throws -> TemplateArguments

    private mutating func compileArguments(_ arguments: CallArguments, extraKeyword: (String, Evaluate)? = nil) throws
        -> ArgumentsEvaluator
    {
        let positional = try arguments.positional.map { Evaluation(evaluate: try compile($0)) }
        var keyword = try arguments.keyword.map { ($0.0, Evaluation(evaluate: try compile($0.1))) }
        if let extraKeyword { keyword.append((extraKeyword.0, Evaluation(evaluate: extraKeyword.1))) }
        let starArguments = try arguments.starArguments.map { try compile($0) }
        let starKeywords = try arguments.starKeywords.map { try compile($0) }
        if positional.isEmpty && keyword.isEmpty && starArguments == nil && starKeywords == nil {
            return { _ in TemplateArguments() }
        }
        let constants = arguments.positional.compactMap { argument -> Value? in
            if case .constant(let value) = argument.kind { return value }
            return nil
        }
        if keyword.isEmpty && starArguments == nil && starKeywords == nil && constants.count == positional.count {
            let fixed = TemplateArguments(positional: constants)
            return { _ in fixed }
        }
        let evaluatePositional = Compiler.values(positional)
        let evaluateKeyword = Compiler.keywordValues(keyword)
        if starArguments == nil && starKeywords == nil {
            return { context in TemplateArguments(positional: try evaluatePositional(context), keyword: try evaluateKeyword(context)) }
        }
        return { context in
            var result = TemplateArguments(positional: try evaluatePositional(context), keyword: try evaluateKeyword(context))
            if let starArguments {
                result.positional += try context.walkedItems(of: try starArguments(context)) ?? []
            }
            if let starKeywords, case .dict(let extra) = try starKeywords(context) {
                result.keyword += extra.pairs
            }
            return result
        }
    }

    /// A key of a dict literal: `{'a': …}` (hashed once) or `{name: …}`.
    private enum DictionaryKey {
        case literal(VariableName)
        case evaluated(Evaluate)
    }

    /// Evaluates `expressions` into an array. Short lists (nearly all calls) call closures they capture: mapping
    /// over an array of closures retained and released each one per call.
    private static func values(_ expressions: [Evaluation]) -> @Sendable (RenderContext) throws -> [Value] {
        switch expressions.count {
        case 0: return { _ in [] }
        case 1:
            let first = expressions[0].evaluate
            return { context in [try first(context)] }
        case 2:
            let (first, second) = (expressions[0].evaluate, expressions[1].evaluate)
            return { context in [try first(context), try second(context)] }
        default:
            return { context in try expressions.map { try $0.evaluate(context) } }
        }
    }

    private static func keywordValues(_ keywords: [(String, Evaluation)]) -> @Sendable (RenderContext) throws -> [(String, Value)] {
        switch keywords.count {
        case 0: return { _ in [] }
        case 1:
            let (name, value) = (keywords[0].0, keywords[0].1.evaluate)
            return { context in [(name, try value(context))] }
        case 2:
            let (firstName, first, secondName, second) = (keywords[0].0, keywords[0].1.evaluate, keywords[1].0, keywords[1].1.evaluate)
            return { context in [(firstName, try first(context)), (secondName, try second(context))] }
        default:
            return { context in try keywords.map { ($0.0, try $0.1.evaluate(context)) } }
        }
    }

    private mutating func compileFilter(
        name: String, arguments: CallArguments, input: @escaping Evaluate, line: Int, constantInput: Value? = nil
    ) throws -> Evaluate {
        let location = location(line)
        guard let filter = Filters.table[name]?.apply else {
            if conditionalDepth > 0 { return { _ in throw location.error("No filter named '\(name)' found.") } }
            throw location.error("No filter named '\(name)'.", kind: .syntax)
        }
        let compiledArguments = try compileArguments(arguments)
        let autoescape = autoescape
        if name == "format", case .string(let format)? = constantInput, let parsed = try? PercentFormat.parse(format) {
            return { context in
                let evaluated = try compiledArguments(context)
                do { return try Filters.format(parsed, evaluated) } catch { throw location.locate(error) }
            }
        }
        if name == "map", let mapped = try compileMappedFilter(arguments) {
            return { context in
                let value = try input(context)
                let evaluated = try mapped.arguments(context)
                do {
                    return try Filters.map(value, applying: mapped.filter, evaluated, FilterContext(render: context, autoescape: autoescape))
                } catch {
                    throw location.locate(error)
                }
            }
        }
        return { context in
            let value = try input(context)
            let evaluated = try compiledArguments(context)
            do {
                return try filter(value, evaluated, FilterContext(render: context, autoescape: autoescape))
            } catch {
                throw location.locate(error)
            }
        }
    }

    /// `map('name', …)` with a filter named by a constant: the filter found once, here, instead of by name on every
    /// call, and the remaining arguments compiled without the name. Nil when the call is any other form.
    private mutating func compileMappedFilter(_ arguments: CallArguments) throws
        -> (filter: FilterFunction, arguments: ArgumentsEvaluator)?
    {
        guard case .constant(.string(let filterName))? = arguments.positional.first?.kind,
            let filter = Filters.table[filterName]?.apply, arguments.starArguments == nil, arguments.starKeywords == nil,
            !arguments.keyword.contains(where: { $0.0 == "attribute" })
        else { return nil }
        var rest = arguments
        rest.positional.removeFirst()
        return (filter, try compileArguments(rest))
    }

    private mutating func compileTest(
        name: String, arguments: CallArguments, input: @escaping Evaluate, negated: Bool, line: Int
    ) throws -> Evaluate {
        let location = location(line)
        guard let test = Tests.table[name] else {
            if conditionalDepth > 0 { return { _ in throw location.error("No test named '\(name)' found.") } }
            throw location.error("No test named '\(name)'.", kind: .syntax)
        }
        let compiledArguments = try compileArguments(arguments)
        return { context in
            let value = try input(context)
            let evaluated = try compiledArguments(context)
            do {
                return .bool(try test(value, evaluated, context) != negated)
            } catch {
                throw location.locate(error)
            }
        }
    }
}
