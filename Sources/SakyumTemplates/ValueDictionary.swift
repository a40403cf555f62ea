/// An immutable ordered dictionary with string keys, like a Python dict.
///
/// The entries live in one shared storage object, so copying a dictionary value (which templates do
/// on every lookup) costs a single retain.
public struct ValueDictionary: Sendable {
    private final class Storage: @unchecked Sendable {
        // Only mutated while uniquely referenced (copy-on-write), so sharing is safe.
        @exclusivity(unchecked) var keys: [String]
        @exclusivity(unchecked) var values: [Value]
        @exclusivity(unchecked) var index: [String: Int]?

        init(keys: [String], values: [Value], index: [String: Int]?) {
            self.keys = keys
            self.values = values
            self.index = index
        }
    }

    private var storage: Storage

    /// Builds the dictionary from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: [(String, Value)]) {
        storage = Storage(keys: [], values: [], index: nil)
        storage.keys.reserveCapacity(pairs.count)
        storage.values.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            set(key, value)
        }
    }

    /// Builds the dictionary from a Swift dictionary, keys sorted for a stable order.
    public init(_ dictionary: [String: Value]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    public var keys: [String] { storage.keys }
    public var values: [Value] { storage.values }
    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    /// The pairs in insertion order.
    public var pairs: [(String, Value)] { Array(zip(storage.keys, storage.values)) }

    public subscript(key: String) -> Value? {
        guard let position = position(of: key) else { return nil }
        return storage.values[position]
    }

    private func position(of key: String) -> Int? {
        if let index = storage.index { return index[key] }
        let length = key.utf8.count
        for (position, candidate) in storage.keys.enumerated() where candidate.utf8.count == length && candidate == key {
            return position
        }
        return nil
    }

    /// Sets a value, appending a new key at the end.
    mutating func set(_ key: String, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(keys: storage.keys, values: storage.values, index: storage.index)
        }
        if let position = position(of: key) {
            storage.values[position] = value
            return
        }
        storage.keys.append(key)
        storage.values.append(value)
        if storage.index != nil {
            storage.index![key] = storage.keys.count - 1
        } else if storage.keys.count > 12 {
            var built: [String: Int] = [:]
            for (position, key) in storage.keys.enumerated() { built[key] = position }
            storage.index = built
        }
    }
}
