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

    /// The escaped form of `text` (`&amp; &lt; &gt; &#34; &#39;`); `text` itself when nothing needs escaping.
    public static func escaped(_ text: String) -> String {
        // On the contiguous bytes: `utf8.contains(where:)` walks the view one index at a time.
        guard text.withUTF8Bytes({ $0.contains(where: isSpecial) }) else { return text }
        var buffer = OutputBuffer(capacity: text.utf8.count + 16)
        buffer.appendEscaped(text)
        return buffer.text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
