/// Bytes as lowercase hex, byte by byte (String(format:) showed in profiles of every page with a session).
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes { hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: hex, as: UTF8.self)
    }
}
