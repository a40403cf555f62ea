/// An immutable ordered dictionary with string keys, like a Python dict.
///
/// The entries (key, digest and value side by side) are allocated in the storage object itself, so copying a
/// dictionary value (which templates do on every lookup) costs a single retain and making one a single
/// allocation. The storage is read through its element pointer: an array held in a class's `var` was
/// retained and released around every key search, a tenth of a form render's reference counting.
/// Unchecked Sendable: its storage (a ManagedBuffer, which cannot be Sendable) is only mutated while uniquely
/// referenced, so a value shared between threads is never written.
public struct ValueDictionary: @unchecked Sendable {
    struct Entry: Sendable {
        let key: String
        /// `VariableName.digest(of:)` of the key: a lookup compares these integers before any text.
        let digest: Int
        var value: Value
    }

    fileprivate struct Header {
        var count: Int
        /// The allocation's room in entries, kept here: `ManagedBuffer.capacity` asks malloc.
        let capacity: Int
        /// Positions by key, built past `indexThreshold` keys, so a large dictionary (which may come from a
        /// request) is not searched linearly at every lookup.
        var index: [String: Int]?
    }

    fileprivate final class Storage: ManagedBuffer<Header, Entry> {
        static func make(capacity: Int) -> Storage {
            let buffer = Storage.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity, index: nil) }
            return unsafeDowncast(buffer, to: Storage.self)
        }

        /// A copy with room for `capacity` entries.
        func copy(capacity: Int) -> Storage {
            let copy = Storage.make(capacity: capacity)
            withUnsafeMutablePointers { header, entries in
                copy.withUnsafeMutablePointers { copyHeader, copyEntries in
                    copyEntries.initialize(from: entries, count: header.pointee.count)
                    copyHeader.pointee.count = header.pointee.count
                    copyHeader.pointee.index = header.pointee.index
                }
            }
            return copy
        }

        // Through the pointers only: `header` is a class property, and reading it checks exclusivity at run time.
        func withEntries<Result>(_ body: (UnsafeBufferPointer<Entry>) throws -> Result) rethrows -> Result {
            try withUnsafeMutablePointers { header, entries in
                try body(UnsafeBufferPointer(start: entries, count: header.pointee.count))
            }
        }

        var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }
        var entryCapacity: Int { withUnsafeMutablePointerToHeader { $0.pointee.capacity } }

        deinit {
            _ = withUnsafeMutablePointers { header, entries in entries.deinitialize(count: header.pointee.count) }
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

    /// An empty dictionary with entryCapacity for `capacity` keys.
    init(capacity: Int) {
        storage = Storage.make(capacity: capacity)
    }

    /// Builds the dictionary from a Swift dictionary, keys sorted for a stable order.
    public init(_ dictionary: [String: Value]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    public var keys: [String] { storage.withEntries { $0.map(\.key) } }
    public var values: [Value] { storage.withEntries { $0.map(\.value) } }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    /// The pairs in insertion order.
    public var pairs: [(String, Value)] { storage.withEntries { $0.map { ($0.key, $0.value) } } }

    /// The pairs in insertion order, read in place (`keys` and `values` each make an array).
    var lazyPairs: Pairs { Pairs(storage: storage) }

    /// The pairs of a dictionary, holding its storage.
    struct Pairs: RandomAccessCollection {
        fileprivate let storage: Storage
        var startIndex: Int { 0 }
        var endIndex: Int { storage.count }
        subscript(position: Int) -> (String, Value) {
            storage.withEntries { ($0[position].key, $0[position].value) }
        }
    }

    public subscript(key: String) -> Value? {
        guard let position = position(of: key, digest: VariableName.digest(of: key)) else { return nil }
        return storage.withEntries { $0[position].value }
    }

    /// The value for a key whose digest was worked out when the template was compiled.
    subscript(key: VariableName) -> Value? {
        guard let position = position(of: key.text, digest: key.digest) else { return nil }
        return storage.withEntries { $0[position].value }
    }

    private func position(of key: String, digest: Int) -> Int? {
        storage.withUnsafeMutablePointers { header, entries in
            if let index = header.pointee.index { return index[key] }
            return UnsafeBufferPointer(start: entries, count: header.pointee.count).firstIndex { $0.digest == digest && $0.key == key }
        }
    }

    /// Sets a value, appending a new key at the end.
    mutating func set(_ key: String, _ value: Value) {
        set(VariableName(key), value)
    }

    /// Sets a value for a key hashed beforehand (a template's literal key).
    mutating func set(_ name: VariableName, _ value: Value) {
        let position = position(of: name.text, digest: name.digest)
        let count = storage.count
        let capacity = storage.entryCapacity
        let needed = position == nil ? count + 1 : count
        if !isKnownUniquelyReferenced(&storage) || needed > capacity {
            storage = storage.copy(capacity: needed > capacity ? Swift.max(needed, count * 2, 4) : capacity)
        }
        storage.withUnsafeMutablePointers { header, entries in
            if let position {
                entries[position].value = value
                return
            }
            (entries + count).initialize(to: Entry(key: name.text, digest: name.digest, value: value))
            header.pointee.count = count + 1
            if header.pointee.index != nil {
                header.pointee.index![name.text] = count
            } else if count + 1 > ValueDictionary.indexThreshold {
                var positions: [String: Int] = [:]
                for position in 0...count { positions[entries[position].key] = position }
                header.pointee.index = positions
            }
        }
    }
}
