import Foundation

/// The mutable state of one render: the output buffer, scopes, the block inheritance stack and limits.
final class RenderContext {
    let environment: TemplateEnvironment
    // Rendering is single-threaded and these are never accessed overlappingly; skipping the dynamic
    // exclusivity checks saves several percent of render time.
    @exclusivity(unchecked) var output: OutputBuffer
    /// Local scopes (for loops, macros, blocks, with), innermost last; empty at template level.
    @exclusivity(unchecked) var frames: [Frame] = []
    /// The first frame visible where the render is: a macro body or an unscoped block sees only the frames from
    /// here up (its own), not those of the code that called it, which stay below on the same stack.
    @exclusivity(unchecked) var frameBase = 0
    @exclusivity(unchecked) var scope: TemplateScope
    @exclusivity(unchecked) var blocks: [String: [CompiledBlock]] = [:]
    @exclusivity(unchecked) var parentTemplate: CompiledTemplate?
    @exclusivity(unchecked) var currentBlock: (name: String, level: Int)?
    /// The innermost running for loop, for `loop.…` inside loop bodies (resolved without a lookup).
    @exclusivity(unchecked) var currentLoop: LoopContext?
    var extendsCount = 0
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var iterations = 0
    /// Every scope this render made: a macro defined in one is stored in it and holds it, so the scopes
    /// are emptied when the render ends (`finish`), or each render would leak them.
    @exclusivity(unchecked) private var madeScopes: [TemplateScope] = []

    init(environment: TemplateEnvironment, variables: [String: Value], outputCapacity: Int = 4096) {
        self.environment = environment
        output = OutputBuffer(capacity: Swift.min(outputCapacity, environment.limits.outputSize))
        output.limit = environment.limits.outputSize
        let scope = TemplateScope(variables: VariableTable(variables))
        self.scope = scope
        madeScopes.append(scope)
    }

    /// A scope for an include or an import, emptied with the others when the render ends.
    func makeScope(variables: VariableTable) -> TemplateScope {
        let scope = TemplateScope(variables: variables)
        madeScopes.append(scope)
        return scope
    }

    /// Breaks the reference cycles between the render's scopes and the macros defined in them.
    func finish() {
        for scope in madeScopes { scope.variables.removeAll() }
        madeScopes.removeAll()
    }

    // MARK: Variables

    func lookup(_ name: VariableName) -> Value {
        var index = frames.count - 1
        while index >= frameBase {
            if let value = frames[index][name] { return value }
            index -= 1
        }
        if let value = scope.variables[name] { return value }
        if let value = environment.globalVariables[name] { return value }
        return .undefined("'\(name)' is undefined")
    }

    func assign(_ name: VariableName, _ value: Value) {
        if frames.count == frameBase {
            scope.assign(name, value)
        } else {
            frames[frames.count - 1].set(name, value)
        }
    }

    /// Template variables and locals merged (inner wins), as `include` passes them on.
    var allVariables: VariableTable {
        guard frames.count > frameBase else { return scope.variables }
        var merged = scope.variables
        for frame in frames[frameBase...] {
            for (name, value) in frame.pairs { merged[name] = value }
        }
        return merged
    }

    /// The frames visible here, as a macro defined here keeps them.
    var visibleFrames: [Frame] { frames.count > frameBase ? Array(frames[frameBase...]) : [] }

    // MARK: Frame reuse

    /// Emptied frames (with their capacity) kept for the next loop or call, saving allocations.
    @exclusivity(unchecked) private var spareFrames: [Frame] = []

    /// An empty frame for a loop, with capacity left by an earlier one.
    func takeFrame() -> Frame {
        spareFrames.popLast() ?? Frame(capacity: 4)
    }

    /// Removes the innermost frame (taken with `takeFrame`), keeping its storage for the next loop.
    func recycleTopFrame() {
        var top = frames.removeLast()
        top.removeAll()
        spareFrames.append(top)
    }

    /// Runs `body` seeing only `visible` frames and a new empty one above them, as a macro body or an unscoped
    /// block does. They go on top of the current stack (one array, no copy of what is below); the frames below
    /// `frameBase` are out of reach until `body` returns.
    func withFrames<Result>(_ visible: [Frame], _ body: () throws -> Result) rethrows -> Result {
        let savedBase = frameBase
        frameBase = frames.count
        if !visible.isEmpty { frames.append(contentsOf: visible) }
        frames.append(takeFrame())
        defer {
            recycleTopFrame()
            while frames.count > frameBase { frames.removeLast() }  // usually none: most macros are defined at top level
            frameBase = savedBase
        }
        return try body()
    }

    // MARK: Output

    @inline(__always)
    func write(_ value: Value) {
        switch value {
        case .string(let s): output.append(s)
        case .markup(let m): output.append(m.string)
        case .int(let i): output.append(i)
        case .undefined: break
        default: output.append(value.text)
        }
    }

    @inline(__always)
    func writeEscaped(_ value: Value) {
        switch value {
        case .string(let s): output.appendEscaped(s)
        case .markup(let m): output.append(m.string)
        case .int(let i): output.append(i)
        case .undefined: break
        case .double, .bool, .none: output.append(value.text)
        case .object(let object) where object.renderedMarkup != nil: output.append(object.renderedMarkup!.string)
        default: output.appendEscaped(value.text)
        }
    }

    /// Runs `body` with a fresh output buffer and returns what it wrote.
    func capture(_ body: () throws -> Void) throws -> String {
        var outer = OutputBuffer()
        outer.limit = output.limit
        swap(&outer, &output)
        defer { swap(&outer, &output) }
        try body()
        try checkOutputSize()
        return output.text
    }

    // MARK: Limits

    func enterNested(_ what: String) throws {
        depth += 1
        let limit = environment.limits.nesting
        if depth > limit {
            depth -= 1
            throw EvaluationError("recursion limit exceeded: more than \(limit) nested \(what) calls (a cycle?)", kind: .limit)
        }
    }

    func leaveNested() {
        depth -= 1
    }

    @inline(__always)
    func countIteration() throws {
        try countIterations(1)
    }

    /// Counts what a render walks against one limit: a loop's iterations and the items a filter, an unpacking or
    /// `*args` takes out of a sequence (sorting ten million characters costs like a loop over them).
    @inline(__always)
    func countIterations(_ count: Int) throws {
        iterations += count
        if iterations > environment.limits.loopIterations {
            throw EvaluationError(
                "loop limit exceeded: more than \(environment.limits.loopIterations) iterations in one render", kind: .limit)
        }
        try checkOutputSize()
    }

    /// Output grows without bound only by repetition, so the loops and calls counted above check it too, and the
    /// render and every capture once they end.
    @inline(__always)
    func checkOutputSize() throws {
        if output.isOverLimit {
            throw EvaluationError("output too large: more than \(output.limit) bytes in one render", kind: .limit)
        }
    }

    /// The items of `value` to be walked, counted by `countIterations`; nil when it is not iterable. A string's
    /// characters are counted before they are split into values, the costly part.
    func walkedItems(of value: Value) throws -> [Value]? {
        if let text = value.stringContent {
            try countIterations(text.count)
            return value.iterationElements
        }
        guard let items = value.iterationElements else { return nil }
        try countIterations(items.count)
        return items
    }

    // MARK: Templates

    /// The execution state that `include` and `import` replace and restore.
    struct ExecutionState {
        var frames: [Frame]
        var frameBase = 0
        var scope: TemplateScope
        var blocks: [String: [CompiledBlock]]
        var parentTemplate: CompiledTemplate?
        var currentBlock: (name: String, level: Int)?
        var extendsCount: Int
    }

    var executionState: ExecutionState {
        get {
            ExecutionState(
                frames: frames, frameBase: frameBase, scope: scope, blocks: blocks, parentTemplate: parentTemplate,
                currentBlock: currentBlock, extendsCount: extendsCount)
        }
        set {
            frames = newValue.frames
            frameBase = newValue.frameBase
            scope = newValue.scope
            blocks = newValue.blocks
            parentTemplate = newValue.parentTemplate
            currentBlock = newValue.currentBlock
            extendsCount = newValue.extendsCount
        }
    }

    /// Renders a template's root and then the templates it extends, like Jinja2's root render function.
    func renderRoot(_ template: CompiledTemplate) throws {
        blocks = template.blocks.mapValues { [$0] }
        parentTemplate = nil
        try template.root(self)
        while let parent = parentTemplate {
            parentTemplate = nil
            try parent.root(self)
        }
    }

    /// Runs `{% extends %}`: registers the parent's blocks after the current ones.
    func extend(with parent: CompiledTemplate) throws {
        if parentTemplate != nil { throw EvaluationError("extended multiple times") }
        extendsCount += 1
        if extendsCount > environment.limits.inheritanceDepth {
            throw EvaluationError(
                "extends limit exceeded: more than \(environment.limits.inheritanceDepth) levels of inheritance (a cycle?)",
                kind: .limit)
        }
        for (name, block) in parent.blocks {
            blocks[name, default: []].append(block)
        }
        parentTemplate = parent
    }

    /// Renders the most derived version of a block (`level` 0) or a parent's for `super()`.
    /// A `scoped` block sees the frames where it is called; others only their own.
    func renderBlock(_ name: String, level: Int, scoped: Bool) throws {
        guard let stack = blocks[name], level < stack.count else {
            throw EvaluationError("no block named '\(name)'")
        }
        let savedBlock = currentBlock
        currentBlock = (name, level)
        defer { currentBlock = savedBlock }
        if scoped {
            frames.append(takeFrame())
            defer { recycleTopFrame() }
            try stack[level].body(self)
        } else {
            try withFrames([]) { try stack[level].body(self) }
        }
    }
}
