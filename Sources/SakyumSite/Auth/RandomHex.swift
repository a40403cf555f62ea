/// Random names and secrets from the system's secure source, as lowercase hex.
enum RandomHex {
    /// `bytes` random bytes as 2 × `bytes` hex digits, eight bytes per draw from the system generator.
    static func make(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var word: UInt64 = 0
        return Hex.lowercase((0..<bytes).map { index -> UInt8 in
            if index % 8 == 0 { word = generator.next() }
            return UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        })
    }
}
