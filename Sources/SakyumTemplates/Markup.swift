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
        guard text.withUTF8Bytes({ OutputBuffer.firstSpecialByte(in: $0, from: 0) < $0.count }) else { return text }
        var buffer = OutputBuffer(capacity: text.utf8.count + 16)
        buffer.appendEscaped(text)
        return buffer.text
    }
}
