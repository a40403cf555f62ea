/// The variables of one local scope (a loop body, macro call, block or `with`).
///
/// Scopes hold few names, so a linear search comparing (mostly inline, small) strings beats hashing.
struct Frame: Sendable, ExpressibleByDictionaryLiteral {
    private var names: [String] = []
    private var values: [Value] = []

    init(capacity: Int) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    init(dictionaryLiteral elements: (String, Value)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The position of `name`; comparing lengths first skips most mismatches without a string comparison.
    private func position(of name: String) -> Int? {
        let length = name.utf8.count
        var index = names.count - 1
        while index >= 0 {
            if names[index].utf8.count == length && names[index] == name { return index }
            index -= 1
        }
        return nil
    }

    subscript(name: String) -> Value? {
        get {
            guard let position = position(of: name) else { return nil }
            return values[position]
        }
        set {
            if let position = position(of: name) {
                if let newValue {
                    values[position] = newValue
                } else {
                    names.remove(at: position)
                    values.remove(at: position)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    mutating func removeAll() {
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    var pairs: Zip2Sequence<[String], [Value]> { zip(names, values) }
}
