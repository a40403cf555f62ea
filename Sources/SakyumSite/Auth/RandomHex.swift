/// Random names and secrets from the system's secure source, as lowercase hex.
enum RandomHex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` random bytes as 2 × `bytes` hex digits, eight bytes per draw from the system generator.
    static func make(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes * 2)
        var word: UInt64 = 0
        for index in 0..<bytes {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
            hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
