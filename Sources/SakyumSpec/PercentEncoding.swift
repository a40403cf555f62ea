/// Percent-encoding of URL paths and query strings, with the character sets Werkzeug uses.
public enum PercentEncoding {
    /// Characters kept as they are in a single path segment: unreserved plus `!$&'()*+,:;=@`.
    package static let segmentSafe = asciiSet("!$&'()*+,:;=@")
    /// Characters kept as they are in a path that may span segments: `segmentSafe` plus `/`.
    package static let pathSafe = asciiSet("!$&'()*+,/:;=@")
    /// Characters kept as they are in a query key or value (space becomes `+`).
    package static let querySafe = asciiSet("!$'()*,/:;?@")

    /// Encodes `text` as UTF-8, keeping unreserved characters and those in `safe`.
    package static func encode(_ text: String, keeping safe: Set<UInt8>) -> String {
        encode(text, keeping: safe, spaceAsPlus: false)
    }

    /// Encodes one query key or value the way HTML forms do: space as `+`.
    package static func encodeQueryComponent(_ text: String) -> String {
        encode(text, keeping: querySafe, spaceAsPlus: true)
    }

    /// Byte by byte: URLs with query strings are built many times per admin page.
    private static func encode(_ text: String, keeping safe: Set<UInt8>, spaceAsPlus: Bool) -> String {
        // Most values (ids, page numbers, plain words) need no escape: no copy then.
        guard text.utf8.contains(where: { !isUnreserved($0) }) else { return text }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || safe.contains(byte) {
                encoded.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                encoded.append(UInt8(ascii: "+"))
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexBytes[Int(byte >> 4)])
                encoded.append(hexBytes[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the bytes are not UTF-8.
    public static func decode(_ text: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static let hexBytes = Array("0123456789ABCDEF".utf8)

    private static func asciiSet(_ characters: String) -> Set<UInt8> {
        Set(characters.utf8)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
