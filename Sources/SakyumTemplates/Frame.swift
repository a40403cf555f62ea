/// The variables of one local scope (a loop body, macro call, block or `with`).
///
/// Scopes hold few names, so a linear search comparing precomputed hashes beats a dictionary.
struct Frame: Sendable, ExpressibleByDictionaryLiteral {
    private var names: [VariableName] = []
    private var values: [Value] = []

    init(capacity: Int) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    init(dictionaryLiteral elements: (VariableName, Value)...) {
        for (name, value) in elements { set(name, value) }
    }

    private func position(of name: VariableName) -> Int? {
        var index = names.count - 1
        while index >= 0 {
            if names[index] == name { return index }
            index -= 1
        }
        return nil
    }

    subscript(name: VariableName) -> Value? {
        guard let position = position(of: name) else { return nil }
        return values[position]
    }

    /// A method rather than a subscript setter: the setter's optional `newValue` cost an extra copy per store.
    mutating func set(_ name: VariableName, _ value: consuming Value) {
        if let position = position(of: name) {
            values[position] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }

    /// Empties the frame, keeping its capacity. One by one: `removeAll(keepingCapacity:)` goes through the
    /// generic `replaceSubrange` (~170 instructions per array), and frames hold a few names.
    mutating func removeAll() {
        while !names.isEmpty {
            names.removeLast()
            values.removeLast()
        }
    }

    var pairs: Zip2Sequence<[VariableName], [Value]> { zip(names, values) }

    /// How many names the frame holds.
    var count: Int { names.count }
}
