/// An immutable ordered dictionary with string keys, like a Python dict.
///
/// The entries live in one shared storage object, so copying a dictionary value (which templates do
/// on every lookup) costs a single retain.
public struct ValueDictionary: Sendable {
    private final class Storage: @unchecked Sendable {
        // Only mutated while uniquely referenced (copy-on-write), so sharing is safe.
        @exclusivity(unchecked) var keys: [String]
        /// `VariableName.digest(of:)` of each key: a lookup compares these integers before any text.
        @exclusivity(unchecked) var digests: [Int]
        @exclusivity(unchecked) var values: [Value]
        /// Built past `indexThreshold` keys, so a large dictionary (which may come from a request) is not searched
        /// linearly at every lookup.
        @exclusivity(unchecked) var index: [String: Int]?

        init(keys: [String], digests: [Int], values: [Value], index: [String: Int]?) {
            self.keys = keys
            self.digests = digests
            self.values = values
            self.index = index
        }
    }

    private static let indexThreshold = 16

    private var storage: Storage

    /// Builds the dictionary from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: [(String, Value)]) {
        self.init(capacity: pairs.count)
        for (key, value) in pairs {
            set(key, value)
        }
    }

    /// An empty dictionary with room for `capacity` keys.
    init(capacity: Int) {
        storage = Storage(keys: [], digests: [], values: [], index: nil)
        storage.keys.reserveCapacity(capacity)
        storage.digests.reserveCapacity(capacity)
        storage.values.reserveCapacity(capacity)
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
        guard let position = position(of: key, digest: VariableName.digest(of: key)) else { return nil }
        return storage.values[position]
    }

    /// The value for a key whose digest was worked out when the template was compiled.
    subscript(key: VariableName) -> Value? {
        guard let position = position(of: key.text, digest: key.digest) else { return nil }
        return storage.values[position]
    }

    private func position(of key: String, digest: Int) -> Int? {
        if let index = storage.index { return index[key] }
        for (position, candidate) in storage.digests.enumerated() where candidate == digest && storage.keys[position] == key {
            return position
        }
        return nil
    }

    /// Sets a value, appending a new key at the end.
    mutating func set(_ key: String, _ value: Value) {
        set(VariableName(key), value)
    }

    /// Sets a value for a key hashed beforehand (a template's literal key).
    mutating func set(_ name: VariableName, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(keys: storage.keys, digests: storage.digests, values: storage.values, index: storage.index)
        }
        let key = name.text
        let digest = name.digest
        if let position = position(of: key, digest: digest) {
            storage.values[position] = value
            return
        }
        storage.keys.append(key)
        storage.digests.append(digest)
        storage.values.append(value)
        if storage.index != nil {
            storage.index![key] = storage.keys.count - 1
        } else if storage.keys.count > ValueDictionary.indexThreshold {
            var built: [String: Int] = [:]
            for (position, key) in storage.keys.enumerated() { built[key] = position }
            storage.index = built
        }
    }
}
