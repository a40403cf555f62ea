/// Variables keyed by `VariableName` in an open-addressed table probed with the names' own hashes, for a
/// render's template-level variables and an environment's globals. A Swift Dictionary runs its seeded
/// hasher over the name's hash at every lookup, a render makes about a thousand (bench/callgrind), and
/// its probe compares whole names; here a lookup is a mask and integer comparisons.
struct VariableTable: Sendable {
    private var names: [VariableName?]
    private var values: [Value]
    private(set) var count = 0

    init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        names = Array(repeating: nil, count: capacity)
        values = Array(repeating: .none, count: capacity)
    }

    init(_ variables: [String: Value]) {
        self.init(minimumCapacity: variables.count)
        for (name, value) in variables { self[VariableName(name)] = value }
    }

    /// The slot holding `name`, or the empty slot where it would go. The table is never more than half full.
    private func slot(of name: VariableName) -> (index: Int, found: Bool) {
        let mask = names.count - 1
        var index = name.digest & mask
        while let occupant = names[index] {
            if occupant == name { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    subscript(name: VariableName) -> Value? {
        get {
            let (index, found) = slot(of: name)
            // Not `found ? values[index] : nil`: Value is ExpressibleByNilLiteral, so that nil would be Value.none.
            guard found else { return Optional.none }
            return values[index]
        }
        set {
            guard let newValue else {
                preconditionFailure("variables are never removed one by one")
            }
            let (index, found) = slot(of: name)
            if found {
                values[index] = newValue
                return
            }
            if (count + 1) * 2 > names.count {
                grow()
                self[name] = newValue
                return
            }
            names[index] = name
            values[index] = newValue
            count += 1
        }
    }

    private mutating func grow() {
        var larger = VariableTable(minimumCapacity: names.count)
        for (name, value) in pairs { larger[name] = value }
        self = larger
    }

    mutating func removeAll() {
        self = Self.empty
    }

    /// Shared storage for emptied tables (a render empties each of its scopes when it ends).
    private static let empty = VariableTable()

    /// The names and values, in no particular order.
    var pairs: [(VariableName, Value)] {
        zip(names, values).compactMap { name, value in name.map { ($0, value) } }
    }
}
