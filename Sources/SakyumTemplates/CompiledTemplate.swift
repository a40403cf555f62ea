import Synchronization

/// A compiled statement: renders into the context's output.
typealias Execute = @Sendable (RenderContext) throws -> Void
/// A compiled expression.
typealias Evaluate = @Sendable (RenderContext) throws -> Value

/// The immutable result of compiling one template: its root code and its blocks.
final class CompiledTemplate: Sendable {
    let name: String
    let origin: String
    let root: Execute
    let blocks: [String: CompiledBlock]
    /// The variable names the template reads (not counting what included or parent templates read).
    let referencedNames: Set<String>
    /// The size of its last render: the next one starts with that much room, instead of doubling its buffer
    /// from 4 KB (an admin list of 60 KB was copied four times growing). Relaxed: a stale value only costs a copy.
    private let lastOutputSize = Atomic<Int>(0)

    /// Room for a render's output: what the last one wrote, plus a little for one that writes more; at most
    /// 1 MB up front (a rare huge page must not make every render of the template reserve as much).
    var outputCapacity: Int {
        let last = lastOutputSize.load(ordering: .relaxed)
        return last == 0 ? 4096 : Swift.min(last + last / 8 + 64, 1 << 20)
    }

    func rendered(size: Int) {
        lastOutputSize.store(size, ordering: .relaxed)
    }

    init(name: String, origin: String, root: @escaping Execute, blocks: [String: CompiledBlock], referencedNames: Set<String> = []) {
        self.name = name
        self.origin = origin
        self.root = root
        self.blocks = blocks
        self.referencedNames = referencedNames
    }
}

/// One `{% block %}` body.
struct CompiledBlock: Sendable {
    let name: String
    let body: Execute
}

/// Ties runtime failures to a template and line.
struct SourceLocation: Sendable {
    let templateName: String
    let line: Int

    func error(_ message: String, kind: TemplateError.Kind = .runtime) -> TemplateError {
        TemplateError(kind: kind, templateName: templateName, line: line, message: message)
    }

    /// Converts any error thrown while evaluating here into a located `TemplateError`.
    func locate(_ error: any Error) -> any Error {
        switch error {
        case let error as TemplateError: error
        case let error as EvaluationError: self.error(error.message, kind: error.kind)
        default: self.error(String(describing: error))
        }
    }
}
