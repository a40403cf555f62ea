/// The UTF-8 bytes a render writes, turned into a `String` once at the end.
///
/// Appending to a byte array is a copy; `String.append` spends several times that on bookkeeping,
/// which made it the largest single cost of rendering.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes written, valid UTF-8: every append is a String's or ASCII.
    var utf8: [UInt8] { bytes }

    mutating func append(_ text: String) {
        // Through the string's own buffer: appending the UTF8View as a sequence went byte by byte.
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func appendRepeated(_ byte: UInt8, count: Int) {
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Appends the decimal digits of `number`, without making a String first.
    mutating func append(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = number.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Appends text encoded ahead of time (template text between tags).
    mutating func append(utf8 encoded: [UInt8]) {
        encoded.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` with `& < > " '` escaped like MarkupSafe.
    mutating func appendEscaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { source in
            var runStart = 0
            for (position, byte) in source.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&#34;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<position]))
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = position + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
        if done == nil {
            var contiguous = text
            contiguous.makeContiguousUTF8()
            appendEscaped(contiguous)
        }
    }
}
