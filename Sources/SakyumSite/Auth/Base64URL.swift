/// Base64 with the URL alphabet and no padding, as cookies carry it. Byte by byte: every request with a
/// session decodes two of these, and Foundation's string replacements showed in profiles of logged-in pages
/// (so did an array literal per group of 3 bytes: `append` one byte at a time).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    /// Byte → its 6-bit value, 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let group = bytes[start..<min(start + 3, bytes.count)]
            var bits: UInt32 = 0
            for (offset, byte) in group.enumerated() { bits |= UInt32(byte) << (16 - 8 * offset) }
            // n bytes make n + 1 characters: no padding.
            for position in 0...group.count { output.append(alphabet[Int(bits >> (18 - 6 * position) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of canonical unpadded base64url text; nil for anything else (padding, other characters, a
    /// length no encoding has, or unused low bits set in the last character, which would give a second spelling).
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        // On the text's contiguous bytes: a Substring's UTF8View walked index by index cost ~200 instructions
        // a byte (callgrind of a logged-in page).
        switch text.utf8.withContiguousStorageIfAvailable(decode(bytes:)) {
        case .some(let decoded): decoded
        case .none: Array(text.utf8).withUnsafeBufferPointer(decode(bytes:))
        }
    }

    private static func decode(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var sixes: [UInt8] = []
        sixes.reserveCapacity(bytes.count)
        let valid = values.withUnsafeBufferPointer { table in
            for byte in bytes {
                let value = table[Int(byte)]
                guard value != 0xFF else { return false }
                sixes.append(value)
            }
            return true
        }
        guard valid else { return nil }
        let tail = sixes.count % 4
        guard tail != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(sixes.count * 3 / 4)
        var index = 0
        while index + 4 <= sixes.count {
            let group = UInt32(sixes[index]) << 18 | UInt32(sixes[index + 1]) << 12 | UInt32(sixes[index + 2]) << 6 | UInt32(sixes[index + 3])
            output.append(UInt8(group >> 16 & 0xFF))
            output.append(UInt8(group >> 8 & 0xFF))
            output.append(UInt8(group & 0xFF))
            index += 4
        }
        switch tail {
        case 2:
            guard sixes[index + 1] & 0x0F == 0 else { return nil }
            output.append(sixes[index] << 2 | sixes[index + 1] >> 4)
        case 3:
            guard sixes[index + 2] & 0x03 == 0 else { return nil }
            output.append(sixes[index] << 2 | sixes[index + 1] >> 4)
            output.append(sixes[index + 1] << 4 | sixes[index + 2] >> 2)
        default:
            break
        }
        return output
    }

    /// `base64url(payload).base64url(mac)` taken apart, unchecked; nil past 8 KiB or when either part is not canonical base64url.
    static func signedParts(of value: some StringProtocol) -> (payload: [UInt8], mac: [UInt8])? {
        guard value.utf8.count <= 8192, let dot = value.lastIndex(of: ".") else { return nil }
        guard let payload = decode(value[..<dot]), let mac = decode(value[value.index(after: dot)...]) else { return nil }
        return (payload, mac)
    }
}
