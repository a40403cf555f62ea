/// A variable's name with its hash worked out once, when the template is compiled: a scope (`VariableTable`)
/// finds it by that hash, and a frame compares integers before text, instead of hashing and comparing the
/// name's text at every use (a tenth of a render, bench/templates/callgrind).
struct VariableName: Equatable, Sendable, CustomStringConvertible {
    let text: String
    /// FNV-1a of the UTF-8 text. Not seeded: the table probed by it (`VariableTable`) holds names from templates
    /// and Swift code, never from a request. `ValueDictionary` also keeps it for keys that may come from one, but
    /// only compares it in dictionaries of up to 16 keys (a collision there costs a string comparison); larger
    /// ones use Swift's seeded hashing.
    let digest: Int

    init(_ text: String) {
        self.text = text
        digest = VariableName.digest(of: text)
    }

    static func digest(of text: String) -> Int {
        // On contiguous bytes: iterating `utf8` costs several times more per byte.
        return text.withUTF8Bytes { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash)
        }
    }

    var description: String { text }

    static func == (lhs: VariableName, rhs: VariableName) -> Bool {
        lhs.digest == rhs.digest && lhs.text == rhs.text
    }

    static let loop = VariableName("loop")
    static let caller = VariableName("caller")
    static let kwargs = VariableName("kwargs")
    static let varargs = VariableName("varargs")
}

/// The name after a dot in `value.name`, prepared when the template is compiled: its digest finds a dictionary
/// key by integer comparison, and whether it names a dict method (`items`, `get`…) is known once.
struct AttributeName: Sendable {
    let name: VariableName
    let isDictionaryMethod: Bool
    /// Made once: a template asks for missing keys often (`{% if field.errors %}`).
    let missingFromDictionary: String

    init(_ text: String) {
        name = VariableName(text)
        isDictionaryMethod = Value.isDictionaryMethod(text)
        missingFromDictionary = "'dict object' has no attribute '\(text)'"
    }

    var text: String { name.text }
}
