import Foundation

/// Python `str` operations with Python's edge cases (whitespace splitting, counted replace, title case).
enum PythonString {
    /// Python's `str.isspace()` for one code point.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) || (value >= 0x1C && value <= 0x1F) }
        return scalar.properties.isWhitespace
    }

    /// `str.isalpha()` for one code point: the letter categories.
    static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// What `\w` matches in a Python regular expression: `str.isalnum()` or an underscore.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let byte = UInt8(scalar.value)
            return ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
        return isAlpha(scalar) || scalar.properties.numericType != nil
    }

    /// `str.lower()`. ASCII text is mapped byte by byte (and returned as is when it has no capital), which
    /// costs a fraction of `lowercased()`; other text goes through `lowercased()`.
    static func lower(_ text: String) -> String {
        let ascii: String?? = text.withUTF8Bytes { bytes in
            guard bytes.isASCII else { return .none }
            guard bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return .some(nil) }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (index, byte) in bytes.enumerated() {
                    buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                }
                return bytes.count
            }
        }
        switch ascii {
        case .some(.some(let lowered)): return lowered
        case .some(.none): return text
        case .none: return lowerUnicode(text)
        }
    }

    /// Full lower-case mappings, with Python's final sigma: a capital sigma after a cased letter and not before
    /// one (case-ignorable characters between are skipped) becomes "ς", as in "ΟΔΟΣ" -> "οδος" .
    private static func lowerUnicode(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        appendLowered(scalars, from: 0, to: &result)
        return String(result)
    }

    /// The lower-case mappings of `scalars[start...]`, the final sigma judged on the whole text.
    private static func appendLowered(_ scalars: [Unicode.Scalar], from start: Int, to result: inout String.UnicodeScalarView) {
        func hasCased(from start: Int, step: Int) -> Bool {
            var index = start
            while index >= 0 && index < scalars.count {
                let properties = scalars[index].properties
                if !properties.isCaseIgnorable { return properties.isCased }
                index += step
            }
            return false
        }
        for index in start..<scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{03A3}" && hasCased(from: index - 1, step: -1) && !hasCased(from: index + 1, step: 1) {
                result.append("\u{03C2}")
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
    }

    /// Python's `len(str)`: the number of code points, counted on the UTF-8 bytes (every byte that does not
    /// continue a sequence starts one), which is several times cheaper than walking `unicodeScalars`.
    static func length(_ text: String) -> Int {
        return text.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            // Continuation bytes are 10xxxxxx: bit 7 set and bit 6 clear, counted eight bytes at a time.
            var continuations = 0
            var position = 0
            while position + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                position += 8
            }
            for byte in bytes[position...] where byte & 0xC0 == 0x80 { continuations += 1 }
            return bytes.count - continuations
        }
    }

    static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (ascii >= 0x09 && ascii <= 0x0D) || (ascii >= 0x1C && ascii <= 0x1F) }
        return character.isWhitespace
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }

    static func strip(_ text: String, characters: String?, leading: Bool, trailing: Bool) -> String {
        // Nothing to strip from either end (the usual case): ASCII ends that are not whitespace.
        if characters == nil, let first = text.utf8.first, let last = text.utf8.last,
            isVisibleASCII(first), isVisibleASCII(last)
        {
            return text
        }
        let shouldStrip: (Character) -> Bool =
            characters.map { set in { set.contains($0) } } ?? { isSpace($0) }
        var slice = Substring(text)
        if leading { slice = slice.drop(while: shouldStrip) }
        if trailing {
            while let last = slice.last, shouldStrip(last) { slice.removeLast() }
        }
        return String(slice)
    }

    static func split(_ text: String, separator: String?, maxSplit: Int, fromRight: Bool) throws -> [String] {
        guard let separator else {
            let words = text.split(whereSeparator: isSpace).map(String.init)
            guard maxSplit >= 0, words.count > maxSplit + 1 else { return words }
            if fromRight {
                // Rare in templates; keep Python's result for the kept words and rejoin the rest by one space.
                let kept = words.suffix(maxSplit)
                let head = strip(text, characters: nil, leading: true, trailing: true)
                var remainder = head
                for word in kept.reversed() {
                    remainder = strip(String(remainder.dropLast(word.count)), characters: nil, leading: false, trailing: true)
                }
                return [remainder] + kept
            }
            var result: [String] = []
            var rest = Substring(text).drop(while: isSpace)
            while result.count < maxSplit, let end = rest.firstIndex(where: isSpace) {
                result.append(String(rest[..<end]))
                rest = rest[end...].drop(while: isSpace)
            }
            if !rest.isEmpty { result.append(String(rest)) }
            return result
        }
        guard !separator.isEmpty else { throw EvaluationError("empty separator") }
        return UTF8Search.split(text, separator: separator, maxSplit: maxSplit, fromRight: fromRight)
    }

    static func splitLines(_ text: String) -> [String] {
        let simple: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == 0x0D || $0 == 0x0B || $0 == 0x0C || ($0 >= 0x1C && $0 <= 0x1E) || $0 >= 0x80 }
        }
        if simple == true {
            var lines = UTF8Search.split(text, separator: "\n", maxSplit: -1, fromRight: false)
            if let last = lines.last, last.isEmpty { lines.removeLast() }
            return lines
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    static func replace(_ text: String, _ old: String, _ new: String, count: Int) throws -> String {
        try UTF8Search.replace(text, old, new, count: count)
    }

    static func count(_ text: String, _ needle: String) -> Int {
        if needle.isEmpty { return length(text) + 1 }
        return UTF8Search.occurrences(of: Array(needle.utf8), in: Array(text.utf8)).count
    }

    /// Python `str.title()`: a letter after a non-letter is upper case, others lower case.
    static func title(_ text: String) -> String {
        var result = ""
        var previousIsLetter = false
        for character in text {
            result += previousIsLetter ? character.lowercased() : character.uppercased()
            previousIsLetter = character.isLetter
        }
        return result
    }

    /// `str.capitalize()`: the first code point title-cased, the rest lower-cased (ASCII in one pass).
    static func capitalize(_ text: String) -> String {
        let ascii: String? = text.withUTF8Bytes { bytes in
            guard !bytes.isEmpty, bytes.isASCII else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (index, byte) in bytes.enumerated() {
                    let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
                    buffer[index] = index == 0 ? (isLower ? byte - 0x20 : byte) : (isUpper ? byte | 0x20 : byte)
                }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return text }
        var result = String.UnicodeScalarView(first.properties.titlecaseMapping.unicodeScalars)
        appendLowered(scalars, from: 1, to: &result)
        return String(result)
    }

    static func pad(_ text: String, width: Int, fill: String, alignment: String) -> String {
        let margin = width - text.count
        guard margin > 0 else { return text }
        switch alignment {
        case "ljust": return text + String(repeating: fill, count: margin)
        case "rjust": return String(repeating: fill, count: margin) + text
        default:
            let left = margin / 2 + (margin & width & 1)
            return String(repeating: fill, count: left) + text + String(repeating: fill, count: margin - left)
        }
    }
}
