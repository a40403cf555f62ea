/// A compiled `{% for %}` loop; also what `loop(children)` re-enters in recursive loops.
final class ForLoopProgram: Sendable {
    private let filter: Evaluate?
    private let store: Compiler.Store
    private let body: Execute
    private let otherwise: Execute?
    private let usesLoop: Bool
    private let recursive: Bool
    private let autoescape: Bool
    private let location: SourceLocation

    init(
        filter: Evaluate?, store: @escaping Compiler.Store, body: @escaping Execute, otherwise: Execute?, usesLoop: Bool,
        recursive: Bool, autoescape: Bool, location: SourceLocation
    ) {
        self.filter = filter
        self.store = store
        self.body = body
        self.otherwise = otherwise
        self.usesLoop = usesLoop
        self.recursive = recursive
        self.autoescape = autoescape
        self.location = location
    }

    func run(_ iterable: Value, depth: Int, in context: RenderContext) throws {
        guard var items = iterable.iterationElements else {
            throw location.error("'\(iterable.typeName)' object is not iterable")
        }
        let frameIndex = context.frames.count
        context.frames.append(context.takeFrame())
        defer { context.recycleTopFrame() }
        if let filter {
            items = try items.filter { item in
                context.frames[frameIndex].removeAll()
                try store(context, item)
                return try filter(context).isTruthy
            }
        }
        if items.isEmpty {
            if let otherwise {
                context.frames[frameIndex].removeAll()
                try otherwise(context)
            }
            return
        }
        let loop = usesLoop ? LoopContext(items: items, depth: depth, recurse: recursive ? recurseFunction : nil) : nil
        // Made once: `.object` is boxed, and making it per iteration was an allocation each time.
        let loopValue = loop.map { Value.object($0) }
        let outerLoop = context.currentLoop
        context.currentLoop = loop
        defer { context.currentLoop = outerLoop }
        // The names the loop itself binds (its targets and `loop`). While the frame holds no more, the body set
        // nothing, and the next iteration overwrites them in place instead of emptying the frame first.
        var namesBound = -1
        for (index, item) in items.enumerated() {
            do { try context.countIteration() } catch { throw location.locate(error) }
            if context.frames[frameIndex].count != namesBound { context.frames[frameIndex].removeAll() }
            try store(context, item)
            if let loop, let loopValue {
                loop.index0 = index
                context.frames[frameIndex].set(.loop, loopValue)
            }
            namesBound = context.frames[frameIndex].count
            try body(context)
        }
    }

    private var recurseFunction: @Sendable (Value, Int, RenderContext) throws -> Value {
        { [self] iterable, depth, context in
            try context.enterNested("recursive loop")
            defer { context.leaveNested() }
            let text = try context.capture { try run(iterable, depth: depth, in: context) }
            return autoescape ? .markup(Markup(safe: text)) : .string(text)
        }
    }
}
