import Yams

/// A YAML node together with the file it came from, so every value can be located in a diagnostic.
struct SpecNode {
    let node: Node
    let file: String

    func diagnostic(_ message: String) -> Diagnostic {
        Diagnostic(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.tag == .init(.null) || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)) {
            return true
        }
        return false
    }

    /// True for an unquoted scalar, where `now` is a keyword rather than text.
    var isPlain: Bool {
        if case .scalar(let scalar) = node { return scalar.style == .plain }
        return false
    }

    /// The scalar's text when it is a string-like scalar (quoted strings stay strings).
    var scalarText: String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    var entries: [(key: SpecNode, value: SpecNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { (SpecNode(node: $0.key, file: file), SpecNode(node: $0.value, file: file)) }
    }

    var items: [SpecNode]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.map { SpecNode(node: $0, file: file) }
    }

    /// Converts a plain YAML value (scalars resolved by the YAML core schema) into data.
    var literal: LiteralValue {
        switch node {
        case .scalar(let scalar):
            if isNull { return .none }
            if scalar.style == .plain {
                if let value = Bool.construct(from: scalar) { return .bool(value) }
                if let value = Int.construct(from: scalar) { return .int(value) }
                if let value = Double.construct(from: scalar) { return .double(value) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map { SpecNode(node: $0, file: file).literal })
        case .mapping(let mapping):
            return .map(mapping.map { (key: $0.key.string ?? "", value: SpecNode(node: $0.value, file: file).literal) })
        case .alias:
            return .none
        }
    }
}
