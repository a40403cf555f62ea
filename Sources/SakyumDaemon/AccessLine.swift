import Glibc

/// An access log line built as bytes: no Foundation formatting on the request path (String(format:) and
/// JSONSerialization cost more than the rest of a cached page's response).
struct AccessLine {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(256)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Quotes, backslashes and control characters as \xNN, as nginx writes them: a header cannot forge a line.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            func isUnsafe(_ byte: UInt8) -> Bool {
                byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            }
            // Nearly every field (path, user agent) has nothing to escape: one copy.
            guard source.contains(where: isUnsafe) else {
                bytes.append(contentsOf: source)
                return
            }
            for byte in source {
                if isUnsafe(byte) {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(UInt8(ascii: "x"))
                    bytes.append(Self.hex(byte >> 4))
                    bytes.append(Self.hex(byte & 0xF))
                } else {
                    bytes.append(byte)
                }
            }
        }
    }

    /// A JSON string, quotes included.
    mutating func appendJSON(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes += [UInt8(ascii: "\\"), byte]
            case 0..<0x20, 0x7F:
                bytes += Array("\\u00".utf8) + [Self.hex(byte >> 4), Self.hex(byte & 0xF)]
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendNumber(_ value: Int, width: Int = 0) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digitCount = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        for _ in digitCount..<max(width, digitCount) { bytes.append(UInt8(ascii: "0")) }
        // The digits are written right to left into the room made for them.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        rest = value.magnitude
        var position = start + digitCount
        repeat {
            position -= 1
            bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
    }

    /// Milliseconds with three decimals: `12.000`.
    mutating func appendMilliseconds(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = Int(seconds) * 1_000_000 + Int((attoseconds + 500_000_000_000) / 1_000_000_000_000)
        appendNumber(microseconds / 1000)
        bytes.append(UInt8(ascii: "."))
        appendNumber(microseconds % 1000, width: 3)
    }

    /// `06/Dec/2026:02:30:00 +0000`.
    mutating func appendCLFTime(_ time: tm) {
        appendNumber(Int(time.tm_mday), width: 2)
        bytes.append(UInt8(ascii: "/"))
        append(Self.months[Int(time.tm_mon)])
        bytes.append(UInt8(ascii: "/"))
        appendNumber(Int(time.tm_year) + 1900, width: 4)
        for part in [time.tm_hour, time.tm_min, time.tm_sec] {
            bytes.append(UInt8(ascii: ":"))
            appendNumber(Int(part), width: 2)
        }
        append(" +0000")
    }

    /// `2026-12-06T02:30:00Z`, as ISO8601DateFormatter writes it.
    mutating func appendISOTime(_ time: tm) {
        appendNumber(Int(time.tm_year) + 1900, width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(Int(time.tm_mon) + 1, width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(Int(time.tm_mday), width: 2)
        bytes.append(UInt8(ascii: "T"))
        appendNumber(Int(time.tm_hour), width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendNumber(Int(time.tm_min), width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendNumber(Int(time.tm_sec), width: 2)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
