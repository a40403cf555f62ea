/// Greedy line wrapping exactly like Python 3.11's `textwrap.wrap` as Jinja2's `wordwrap` calls it (tabs not
/// expanded, whitespace not replaced): the same chunks as its `wordsep_re` (hyphenated words, em-dashes),
/// lengths in code points, long words broken after their last hyphen that fits, and its quirks kept (only
/// ASCII spaces and tabs separate words, so a no-break space joins; a full line keeps a trailing space when
/// a long word follows it).
///
/// The algorithm works on positions in an array of code points; ASCII text (nearly all text) uses its UTF-8
/// bytes as that array, which spares decoding scalars and keeping a String index per scalar.
enum TextWrap {
    static func wrap(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        let bytes = Array(line.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let lines = wrap(bytes, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens)
            return lines.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        let scalars = Array(line.unicodeScalars)
        let lines = wrap(scalars, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens)
        return lines.map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    /// The ranges of `units` that make the wrapped lines (`_wrap_chunks`).
    private static func wrap<Unit: WrapUnit>(_ units: [Unit], width: Int, breakLongWords: Bool, breakOnHyphens: Bool)
        -> [Range<Int>]
    {
        var chunks = breakOnHyphens ? hyphenatedChunks(units) : simpleChunks(units)
        chunks.reverse()
        func isBlank(_ chunk: Range<Int>) -> Bool { chunk.allSatisfy { units[$0].isPythonSpace } }

        var lines: [Range<Int>] = []
        var line: [Range<Int>] = []
        while !chunks.isEmpty {
            line.removeAll(keepingCapacity: true)
            var length = 0
            if let last = chunks.last, isBlank(last), !lines.isEmpty { chunks.removeLast() }
            while let next = chunks.last, length + next.count <= width {
                line.append(chunks.removeLast())
                length += next.count
            }
            if let next = chunks.last, next.count > width {
                if breakLongWords {
                    // May be 0 on a full line: Python then appends an empty piece, which keeps the line's last space.
                    var end = width - length
                    if breakOnHyphens, let hyphen = units[next.lowerBound..<(next.lowerBound + end)].lastIndex(of: .hyphen),
                        hyphen > next.lowerBound, units[next.lowerBound..<hyphen].contains(where: { $0 != .hyphen })
                    {
                        end = hyphen + 1 - next.lowerBound
                    }
                    line.append(next.lowerBound..<(next.lowerBound + end))
                    chunks[chunks.count - 1] = (next.lowerBound + end)..<next.upperBound
                } else if line.isEmpty {
                    line.append(chunks.removeLast())
                }
            }
            if let last = line.last, isBlank(last) { line.removeLast() }
            // A line's chunks are consecutive in the text.
            if let first = line.first, let last = line.last { lines.append(first.lowerBound..<last.upperBound) }
        }
        return lines
    }

    /// Runs of whitespace and of everything else (`wordsep_simple_re`, for `break_on_hyphens=False`).
    private static func simpleChunks<Unit: WrapUnit>(_ units: [Unit]) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        while start < units.count {
            let isSpace = units[start].isWrapSpace
            var end = start + 1
            while end < units.count, units[end].isWrapSpace == isSpace { end += 1 }
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }

    /// The chunks of `wordsep_re`: whitespace runs, em-dashes between words (`--` after a word character or
    /// punctuation, before a word character), and words, each ending after a hyphen between letters
    /// ("state-" "of-" "the-" "art"), before whitespace, or before an em-dash.
    private static func hyphenatedChunks<Unit: WrapUnit>(_ units: [Unit]) -> [Range<Int>] {
        let count = units.count
        func isLetter(_ index: Int) -> Bool { index >= 0 && index < count && units[index].isLetter }
        func isHyphen(_ index: Int) -> Bool { index >= 0 && index < count && units[index] == .hyphen }
        /// Two or more hyphens from `index`, then a word character: the em-dash's end, else nil.
        func emDashEnd(from index: Int) -> Int? {
            var end = index
            while isHyphen(end) { end += 1 }
            return end - index >= 2 && end < count && units[end].isWord ? end : nil
        }
        var chunks: [Range<Int>] = []
        var start = 0
        while start < count {
            if units[start].isWrapSpace {
                var end = start + 1
                while end < count, units[end].isWrapSpace { end += 1 }
                chunks.append(start..<end)
                start = end
                continue
            }
            if start > 0, units[start - 1].isWordPunctuation, let end = emDashEnd(from: start) {
                chunks.append(start..<end)
                start = end
                continue
            }
            // The shortest word (at least one character) followed by one of the three endings.
            var end = start + 1
            while true {
                if isHyphen(end)
                    && ((isLetter(end - 1) && isLetter(end - 2)) || (isLetter(end - 1) && isHyphen(end - 2) && isLetter(end - 3)))
                    && isLetter(end + 1) && (isLetter(end + 2) || (isHyphen(end + 2) && isLetter(end + 3)))
                {
                    end += 1
                    break
                }
                if end == count || units[end].isWrapSpace { break }
                if units[end] == .hyphen, units[end - 1].isWordPunctuation, emDashEnd(from: end) != nil { break }
                end += 1
            }
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }
}

/// A code point as `textwrap`'s regular expressions classify it.
private protocol WrapUnit: Equatable {
    static var hyphen: Self { get }
    /// textwrap's whitespace: ASCII space, tab and line breaks only.
    var isWrapSpace: Bool { get }
    /// `str.isspace()`, which `str.strip()` uses to find blank chunks.
    var isPythonSpace: Bool { get }
    /// `\w`: alphanumeric or underscore.
    var isWord: Bool { get }
    /// `[^\d\W]`: a word character that is not a decimal digit.
    var isLetter: Bool { get }
    /// `[\w!"'&.,?]`: what may stand before an em-dash.
    var isWordPunctuation: Bool { get }
}

/// An ASCII byte.
extension UInt8: WrapUnit {
    static var hyphen: UInt8 { UInt8(ascii: "-") }
    var isWrapSpace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
    var isPythonSpace: Bool { isWrapSpace || (self >= 0x1C && self <= 0x1F) }
    var isLetter: Bool { ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z")) || self == UInt8(ascii: "_") }
    var isWord: Bool { isLetter || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) }
    var isWordPunctuation: Bool {
        isWord || self == UInt8(ascii: "!") || self == UInt8(ascii: "\"") || self == UInt8(ascii: "'")
            || self == UInt8(ascii: "&") || self == UInt8(ascii: ".") || self == UInt8(ascii: ",") || self == UInt8(ascii: "?")
    }
}

extension Unicode.Scalar: WrapUnit {
    static var hyphen: Unicode.Scalar { "-" }
    var isWrapSpace: Bool { value < 0x80 && UInt8(value).isWrapSpace }
    var isPythonSpace: Bool { PythonString.isSpace(self) }
    var isWord: Bool { PythonString.isWordCharacter(self) }
    var isLetter: Bool { value < 0x80 ? UInt8(value).isLetter : isWord && properties.numericType != .decimal }
    var isWordPunctuation: Bool { value < 0x80 ? UInt8(value).isWordPunctuation : isWord }
}
