import SakyumTemplates
import Testing

/// MarkupSafe semantics: text is escaped exactly once, and operations on Markup keep safety right.
@Suite struct MarkupTests {
    let context: [String: Value] = ["s": "<i>&'\"", "safe": .markup(Markup(safe: "<b>ok</b>"))]

    @Test func escapeReplacesTheFiveSpecialCharacters() {
        #expect(Markup.escape("<a href=\"x\">Tom & 'Jerry'</a>").string == "&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(Markup.escape("plain ünïcode").string == "plain ünïcode")
    }

    /// The escaper skips eight bytes at a time: every special character at every offset of blocks and tails,
    /// and bytes one off from the specials (which a word-wise test could confuse), escape as byte by byte.
    @Test func escapeIsExactAtEveryOffset() {
        let specials: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;"]
        func reference(_ text: String) -> String { text.map { specials[$0] ?? String($0) }.joined() }
        let fillers = ["a", "%", "(", "=", "?", "é", "✓"]
        for filler in fillers {
            for length in 0...20 {
                for special in ["&", "<", ">", "\"", "'"] {
                    for offset in 0..<max(length, 1) {
                        var characters = Array(repeating: filler, count: length)
                        if offset < length { characters[offset] = special }
                        let text = characters.joined()
                        #expect(Markup.escape(text).string == reference(text), "\(text)")
                    }
                }
            }
        }
    }

    @Test func valuesAreEscapedOnce() throws {
        #expect(try render("{{ s }}|{{ s|e }}|{{ s|e|e }}|{{ safe }}|{{ safe|e }}|{{ s|safe }}", context: context)
            == "&lt;i&gt;&amp;&#39;&#34;|&lt;i&gt;&amp;&#39;&#34;|&lt;i&gt;&amp;&#39;&#34;|<b>ok</b>|<b>ok</b>|<i>&'\"")
        #expect(try render("{{ safe|forceescape }}", context: context) == "&lt;b&gt;ok&lt;/b&gt;")
    }

    @Test func concatenationEscapesThePlainSide() throws {
        #expect(try render("{{ safe + s }}|{{ s + safe }}|{{ safe ~ s }}", context: context)
            == "<b>ok</b>&lt;i&gt;&amp;&#39;&#34;|&lt;i&gt;&amp;&#39;&#34;<b>ok</b>|<b>ok</b>&lt;i&gt;&amp;&#39;&#34;")
    }

    @Test func joinFormatAndReplaceKeepSafety() throws {
        #expect(try render("{{ [safe, s]|join(' ') }}", context: context) == "<b>ok</b> &lt;i&gt;&amp;&#39;&#34;")
        #expect(try render("{{ ['<x>', '<y>']|join('<br>'|safe) }}") == "&lt;x&gt;<br>&lt;y&gt;")
        #expect(try render("{{ '<p>%s</p>'|safe|format(s) }}", context: context) == "<p>&lt;i&gt;&amp;&#39;&#34;</p>")
        #expect(try render("{{ ('<p>{}</p>'|safe).format(s) }}", context: context) == "<p>&lt;i&gt;&amp;&#39;&#34;</p>")
        #expect(try render("{{ safe|replace('ok', '<u>') }}", context: context) == "<b>&lt;u&gt;</b>")
    }

    @Test func plainTemplatesDoNotEscape() throws {
        #expect(try render("{{ s }}|{{ [safe, s]|join }}", name: "mail.txt", context: context) == "<i>&'\"|<b>ok</b><i>&'\"")
    }

    @Test func tojsonIsSafeInsideScript() throws {
        let output = try render("<script>var d = {{ d|tojson }};</script>", context: ["d": ["html": "</script><b>&'", "n": [1, 2.5, nil, true]]])
        #expect(output == "<script>var d = {\"html\": \"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u0027\", \"n\": [1, 2.5, null, true]};</script>")
    }

    @Test func blockSetAndMacroResultsAreMarkup() throws {
        #expect(try render("{% set x %}<b>{{ s }}</b>{% endset %}{{ x }}", context: context) == "<b>&lt;i&gt;&amp;&#39;&#34;</b>")
        #expect(try render("{% set x %}<b>{% endset %}{{ x }}", name: "a.txt") == "<b>")
    }
}
