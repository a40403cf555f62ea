/// Collects the variable names a piece of template code reads, so the compiler can skip work
/// (no `loop` object when the body never mentions it) and decide macro signatures (`varargs`, `kwargs`, `caller`).
struct ReferencedNames {
    private(set) var names: Set<String> = []

    init(_ statements: [Statement]) {
        statements.forEach { visit($0) }
    }

    init(_ expression: Expression) {
        visit(expression)
    }

    private mutating func visit(_ statements: [Statement]) {
        statements.forEach { visit($0) }
    }

    private mutating func visit(_ statement: Statement) {
        switch statement {
        case .text: break
        case .output(let e): visit(e)
        case .conditional(let branches, let otherwise):
            for (test, body) in branches {
                visit(test)
                visit(body)
            }
            visit(otherwise)
        case .forLoop(let loop):
            visit(loop.iterable)
            loop.filter.map { visit($0) }
            visit(loop.body)
            visit(loop.otherwise)
        case .assign(let target, let e, _):
            visit(target)
            visit(e)
        case .assignBlock(let target, let filters, let body, _):
            visit(target)
            filters.forEach { visit($0) }
            visit(body)
        case .macro(let definition):
            definition.parameters.forEach { $0.1.map { visit($0) } }
            visit(definition.body)
        case .callBlock(let call, let caller):
            visit(call)
            caller.parameters.forEach { $0.1.map { visit($0) } }
            visit(caller.body)
        case .filterBlock(let filters, let body):
            filters.forEach { visit($0) }
            visit(body)
        case .with(let assignments, let body):
            assignments.forEach { visit($0.1) }
            visit(body)
        case .autoescape(let e, let body):
            visit(e)
            visit(body)
        case .block(_, _, _, let body, _): visit(body)
        case .extends(let e, _), .include(let e, _, _, _), .importModule(let e, _, _, _), .fromImport(let e, _, _, _):
            visit(e)
        }
    }

    private mutating func visit(_ target: AssignTarget) {
        switch target {
        case .name: break
        case .tuple(let targets): targets.forEach { visit($0) }
        case .namespaceAttribute(let name, _): names.insert(name)
        }
    }

    private mutating func visit(_ arguments: CallArguments) {
        arguments.positional.forEach { visit($0) }
        arguments.keyword.forEach { visit($0.1) }
        arguments.starArguments.map { visit($0) }
        arguments.starKeywords.map { visit($0) }
    }

    private mutating func visit(_ expression: Expression) {
        switch expression.kind {
        case .constant: break
        case .name(let name): names.insert(name)
        case .attribute(let base, _), .negate(let base), .plus(let base), .not(let base): visit(base)
        case .item(let base, let key):
            visit(base)
            visit(key)
        case .slice(let base, let start, let stop, let step):
            visit(base)
            [start, stop, step].forEach { $0.map { visit($0) } }
        case .call(let callee, let arguments):
            visit(callee)
            visit(arguments)
        case .filter(let base, _, let arguments):
            base.map { visit($0) }
            visit(arguments)
        case .test(let base, _, let arguments, _):
            visit(base)
            visit(arguments)
        case .binary(_, let left, let right), .and(let left, let right), .or(let left, let right):
            visit(left)
            visit(right)
        case .compare(let first, let rest):
            visit(first)
            rest.forEach { visit($0.1) }
        case .conditional(let test, let then, let otherwise):
            visit(test)
            visit(then)
            otherwise.map { visit($0) }
        case .list(let items), .tuple(let items), .concat(let items): items.forEach { visit($0) }
        case .dict(let pairs):
            for (key, value) in pairs {
                visit(key)
                visit(value)
            }
        }
    }
}
