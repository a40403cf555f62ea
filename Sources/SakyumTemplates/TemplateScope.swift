/// The template-level variables of one template execution (Jinja2's context vars), shared by
/// the templates of an inheritance chain and read by the macros defined in it.
///
/// It is only touched by the thread running the render it belongs to, hence `@unchecked Sendable`
/// (macro closures capture it).
final class TemplateScope: @unchecked Sendable {
    @exclusivity(unchecked) var variables: VariableTable
    private(set) var exported: [VariableName] = []

    init(variables: VariableTable) {
        self.variables = variables
    }

    func assign(_ name: VariableName, _ value: Value) {
        variables[name] = value
        if !name.text.hasPrefix("_"), !exported.contains(name) { exported.append(name) }
    }

    /// The exported names and values, as a module sees them.
    var exports: [(String, Value)] {
        exported.compactMap { name in variables[name].map { (name.text, $0) } }
    }
}
