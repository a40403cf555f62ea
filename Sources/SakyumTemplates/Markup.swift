/// Text that is safe HTML and is never escaped again, like MarkupSafe's `Markup`.
public struct Markup: Sendable, Hashable {
    public let string: String

    /// Marks text as already safe.
    public init(safe: String) {
        string = safe
    }

    /// Escapes `& < > " '` like MarkupSafe.
    public static func escape(_ text: String) -> Markup {
        Markup(safe: escaped(text))
    }

    /// The escaped form of `text` (`&amp; &lt; &gt; &#34; &#39;`).
    static func escaped(_ text: String) -> String {
        var output = ""
        appendEscaped(text, to: &output)
        return output
    }

    /// Appends `text` escaped to `output`; text without special characters is appended as is.
    static func appendEscaped(_ text: String, to output: inout String) {
        let escaped: String?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.firstIndex(where: isSpecial) else { return nil }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(bytes.count + 16)
            buffer.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x26: buffer.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: buffer.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: buffer.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: buffer.append(contentsOf: [0x26, 0x23, 0x33, 0x34, 0x3B])  // &#34;
                case 0x27: buffer.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                default: buffer.append(byte)
                }
            }
            return String(decoding: buffer, as: UTF8.self)
        }
        switch escaped {
        case .some(.none): output.append(text)
        case .some(.some(let result)): output.append(result)
        case .none:
            var copy = text
            copy.makeContiguousUTF8()
            appendEscaped(copy, to: &output)
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
