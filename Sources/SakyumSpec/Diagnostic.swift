/// A problem found in a project description, located as `file:line:col`.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path relative to the project directory, e.g. `exam/views.yaml`.
    public var file: String
    /// 1-based; 0 when the problem concerns the file as a whole.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int = 0, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var location: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public var description: String { "\(location): \(message)" }
}

/// Thrown when a project cannot be loaded; carries every diagnostic found, not just the first.
public struct ProjectLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The files are fine but something they name is not there yet (a database server that cannot be
    /// reached): the same files may load in a moment, so the loader tries again by itself.
    public var isTemporary: Bool

    public init(_ diagnostics: [Diagnostic], isTemporary: Bool = false) {
        self.diagnostics = diagnostics
        self.isTemporary = isTemporary
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Diagnostic {
    /// The same location with another message: for problems found after the YAML nodes are gone.
    func with(message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message)
    }
}
