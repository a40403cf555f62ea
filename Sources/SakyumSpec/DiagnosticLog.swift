/// Collects the diagnostics of one load so that a file reports every problem, not just the first.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    var isEmpty: Bool { diagnostics.isEmpty }
}
