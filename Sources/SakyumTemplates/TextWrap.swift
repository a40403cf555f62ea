/// Greedy line wrapping exactly like Python 3.11's `textwrap.wrap` as Jinja2's `wordwrap` calls it (tabs not
/// expanded, whitespace not replaced): the same chunks as its `wordsep_re` (hyphenated words, em-dashes),
/// lengths in code points, long words broken after their last hyphen that fits, and its quirks kept (only
/// ASCII spaces and tabs separate words, so a no-break space joins; a full line keeps a trailing space when
/// a long word follows it).
///
/// The algorithm works on positions in an array of code points; ASCII text (nearly all text) uses its UTF-8
/// bytes as that array, which spares decoding scalars and keeping a String index per scalar.
enum TextWrap {
    /// Jinja2's `wordwrap`: each line of `text` (`str.splitlines()`) wrapped on its own, all the pieces joined
    /// by `separator`. ASCII text is wrapped on its bytes and written straight into the result.
    static func wordwrap(_ text: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool, separator: String) -> String {
        let ascii: String? = text.withUTF8Bytes { bytes in
            guard bytes.isASCII else { return nil }
            return wordwrapASCII(bytes, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens, separator: separator)
        }
        if let ascii { return ascii }
        return PythonString.splitLines(text).map { line in
            wrap(line, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens).joined(separator: separator)
        }.joined(separator: separator)
    }

    private static func wordwrapASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, width: Int, breakLongWords: Bool, breakOnHyphens: Bool, separator: String
    ) -> String {
        var output = OutputBuffer(capacity: bytes.count + 16)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, !bytes[lineEnd].isLineBoundary { lineEnd += 1 }
            if lineStart > 0 { output.append(separator) }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            let pieces = wrap(line, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { output.append(separator) }
                output.append(UnsafeBufferPointer(rebasing: line[piece]))
            }
            let isCRLF = lineEnd + 1 < bytes.count && bytes[lineEnd] == 0x0D && bytes[lineEnd + 1] == 0x0A
            lineStart = lineEnd + (isCRLF ? 2 : 1)
        }
        return output.text
    }

    static func wrap(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        let scalars = Array(line.unicodeScalars)
        let lines = wrap(scalars, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens)
        return lines.map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    /// The ranges of `units` that make the wrapped lines (`_wrap_chunks`). Chunks are found one at a time as the
    /// line takes them (a line's chunks are consecutive in the text), not listed and reversed first.
    private static func wrap<Units: RandomAccessCollection>(
        _ units: Units, width: Int, breakLongWords: Bool, breakOnHyphens: Bool
    ) -> [Range<Int>] where Units.Element: WrapUnit, Units.Index == Int {
        // Without a hyphen, `wordsep_re` finds the same chunks as `wordsep_simple_re`, in a fraction of the work.
        let hyphenated = breakOnHyphens && units.contains(.hyphen)
        func chunk(from start: Int) -> Range<Int> {
            guard start < units.count else { return start..<start }
            return start..<(hyphenated ? hyphenatedChunkEnd(units, from: start) : simpleChunkEnd(units, from: start))
        }
        func isBlank(_ range: Range<Int>) -> Bool { range.allSatisfy { units[$0].isPythonSpace } }

        var lines: [Range<Int>] = []
        // The next chunk, or what is left of a long word broken on the last line; empty at the end.
        var next = chunk(from: 0)
        while !next.isEmpty {
            if isBlank(next), !lines.isEmpty {
                next = chunk(from: next.upperBound)
                if next.isEmpty { break }
            }
            let lineStart = next.lowerBound
            var lineEnd = lineStart
            var lastPieceStart = lineStart
            var pieces = 0
            while !next.isEmpty, lineEnd - lineStart + next.count <= width {
                lastPieceStart = next.lowerBound
                lineEnd = next.upperBound
                pieces += 1
                next = chunk(from: next.upperBound)
            }
            if next.count > width {
                if breakLongWords {
                    // May be 0 on a full line: Python then appends an empty piece, which keeps the line's last space.
                    var end = width - (lineEnd - lineStart)
                    if breakOnHyphens, let hyphen = units[next.lowerBound..<(next.lowerBound + end)].lastIndex(of: .hyphen),
                        hyphen > next.lowerBound, units[next.lowerBound..<hyphen].contains(where: { $0 != .hyphen })
                    {
                        end = hyphen + 1 - next.lowerBound
                    }
                    lastPieceStart = next.lowerBound
                    lineEnd = next.lowerBound + end
                    pieces += 1
                    next = lineEnd..<next.upperBound
                } else if pieces == 0 {
                    lastPieceStart = next.lowerBound
                    lineEnd = next.upperBound
                    pieces += 1
                    next = chunk(from: next.upperBound)
                }
            }
            if pieces > 0, isBlank(lastPieceStart..<lineEnd) {
                lineEnd = lastPieceStart
                pieces -= 1
            }
            if pieces > 0 { lines.append(lineStart..<lineEnd) }
        }
        return lines
    }

    /// The end of the `wordsep_simple_re` chunk at `start` (for `break_on_hyphens=False`): a run of whitespace
    /// or of everything else.
    private static func simpleChunkEnd<Units: RandomAccessCollection>(_ units: Units, from start: Int) -> Int
    where Units.Element: WrapUnit, Units.Index == Int {
        let isSpace = units[start].isWrapSpace
        var end = start + 1
        while end < units.count, units[end].isWrapSpace == isSpace { end += 1 }
        return end
    }

    /// The end of the `wordsep_re` chunk at `start`: a whitespace run, an em-dash between words (`--` after a
    /// word character or punctuation, before a word character), or a word, ending after a hyphen between
    /// letters ("state-" "of-" "the-" "art"), before whitespace, or before an em-dash.
    private static func hyphenatedChunkEnd<Units: RandomAccessCollection>(_ units: Units, from start: Int) -> Int
    where Units.Element: WrapUnit, Units.Index == Int {
        let count = units.count
        func isLetter(_ index: Int) -> Bool { index >= 0 && index < count && units[index].isLetter }
        func isHyphen(_ index: Int) -> Bool { index >= 0 && index < count && units[index] == .hyphen }
        /// Two or more hyphens from `index`, then a word character: the em-dash's end, else nil.
        func emDashEnd(from index: Int) -> Int? {
            var end = index
            while isHyphen(end) { end += 1 }
            return end - index >= 2 && end < count && units[end].isWord ? end : nil
        }
        if units[start].isWrapSpace { return simpleChunkEnd(units, from: start) }
        if start > 0, units[start - 1].isWordPunctuation, let end = emDashEnd(from: start) { return end }
        // The shortest word (at least one character) followed by one of the three endings.
        var end = start + 1
        while true {
            if isHyphen(end)
                && ((isLetter(end - 1) && isLetter(end - 2)) || (isLetter(end - 1) && isHyphen(end - 2) && isLetter(end - 3)))
                && isLetter(end + 1) && (isLetter(end + 2) || (isHyphen(end + 2) && isLetter(end + 3)))
            {
                return end + 1
            }
            if end == count || units[end].isWrapSpace { return end }
            if units[end] == .hyphen, units[end - 1].isWordPunctuation, emDashEnd(from: end) != nil { return end }
            end += 1
        }
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
    /// Ends a line for `str.splitlines()` (`\r\n` counts once).
    var isLineBoundary: Bool { self == 0x0A || self == 0x0D || self == 0x0B || self == 0x0C || (self >= 0x1C && self <= 0x1E) }
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
