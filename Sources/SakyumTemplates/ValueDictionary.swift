/// An immutable ordered dictionary with string keys, like a Python dict.
///
/// The entries live in one array (key, digest and value side by side) in one shared storage object, so
/// copying a dictionary value (which templates do on every lookup) costs a single retain, and making one
/// costs two allocations: three parallel arrays cost four, and the admin list makes a dictionary per row.
public struct ValueDictionary: Sendable {
    struct Entry: Sendable {
        let key: String
        /// `VariableName.digest(of:)` of the key: a lookup compares these integers before any text.
        let digest: Int
        var value: Value
    }

    private final class Storage: @unchecked Sendable {
        // Only mutated while uniquely referenced (copy-on-write), so sharing is safe.
        @exclusivity(unchecked) var entries: [Entry]
        /// Positions by key, built past `indexThreshold` keys, so a large dictionary (which may come from a
        /// request) is not searched linearly at every lookup.
        @exclusivity(unchecked) var index: [String: Int]?

        init(entries: [Entry], index: [String: Int]?) {
            self.entries = entries
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
        storage = Storage(entries: [], index: nil)
        storage.entries.reserveCapacity(capacity)
    }

    /// Builds the dictionary from a Swift dictionary, keys sorted for a stable order.
    public init(_ dictionary: [String: Value]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    public var keys: [String] { storage.entries.map(\.key) }
    public var values: [Value] { storage.entries.map(\.value) }
    public var count: Int { storage.entries.count }
    public var isEmpty: Bool { storage.entries.isEmpty }

    /// The pairs in insertion order.
    public var pairs: [(String, Value)] { storage.entries.map { ($0.key, $0.value) } }

    /// The pairs in insertion order, read in place (`keys` and `values` each make an array).
    var lazyPairs: LazyMapSequence<[Entry], (String, Value)> { storage.entries.lazy.map { ($0.key, $0.value) } }

    public subscript(key: String) -> Value? {
        guard let position = position(of: key, digest: VariableName.digest(of: key)) else { return nil }
        return storage.entries[position].value
    }

    /// The value for a key whose digest was worked out when the template was compiled.
    subscript(key: VariableName) -> Value? {
        guard let position = position(of: key.text, digest: key.digest) else { return nil }
        return storage.entries[position].value
    }

    private func position(of key: String, digest: Int) -> Int? {
        if let index = storage.index { return index[key] }
        // Read in place: a copy of the array (`let entries = storage.entries`) is a retain and a release.
        return storage.entries.withUnsafeBufferPointer { entries in
            entries.firstIndex { $0.digest == digest && $0.key == key }
        }
    }

    /// Sets a value, appending a new key at the end.
    mutating func set(_ key: String, _ value: Value) {
        set(VariableName(key), value)
    }

    /// Sets a value for a key hashed beforehand (a template's literal key).
    mutating func set(_ name: VariableName, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(entries: storage.entries, index: storage.index)
        }
        if let position = position(of: name.text, digest: name.digest) {
            storage.entries[position].value = value
            return
        }
        storage.entries.append(Entry(key: name.text, digest: name.digest, value: value))
        if storage.index != nil {
            storage.index![name.text] = storage.entries.count - 1
        } else if storage.entries.count > ValueDictionary.indexThreshold {
            var positions: [String: Int] = [:]
            for (position, entry) in storage.entries.enumerated() { positions[entry.key] = position }
            storage.index = positions
        }
    }
}
