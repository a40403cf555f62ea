/// Substring search on UTF-8 bytes (code-point semantics like Python, and much faster than
/// Foundation's `NSString`-backed `range(of:)` on Linux).
enum UTF8Search {
    /// Byte ranges of non-overlapping occurrences of `needle`, left to right, at most `limit` (negative: all).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], limit: Int = -1) -> [Range<Int>] {
        guard !needle.isEmpty else { return [] }
        return needle.withUnsafeBufferPointer { needle in
            haystack.withUnsafeBufferPointer { haystack in
                var found: [Range<Int>] = []
                var position = 0
                while limit < 0 || found.count < limit, let match = firstOccurrence(of: needle, in: haystack, from: position) {
                    found.append(match..<(match + needle.count))
                    position = match + needle.count
                }
                return found
            }
        }
    }

    /// The byte offset of the first occurrence of a non-empty `needle` at or after `start`.
    static func firstOccurrence(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        needle.withUnsafeBufferPointer { needle in
            haystack.withUnsafeBufferPointer { haystack in firstOccurrence(of: needle, in: haystack, from: start) }
        }
    }

    /// The byte offset of the last occurrence of `needle`.
    static func lastOccurrence(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    /// The number of code points in the first `byteCount` bytes (Python string indices count code points).
    static func codePointCount(_ bytes: [UInt8], upTo byteCount: Int) -> Int {
        var count = 0
        for index in 0..<byteCount where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Python `str.replace(old, new, count)`; a result past `TemplateLimits.resultSize` bytes is a `.limit`
    /// error before it is built (nested `replace('', …)` grows it exponentially).
    static func replace(_ text: String, _ old: String, _ new: String, count: Int) throws -> String {
        if old.isEmpty {
            let insertions = count < 0 ? PythonString.length(text) + 1 : Swift.min(count, PythonString.length(text) + 1)
            try Value.checkedSize(new.utf8.count, times: insertions)
            try Value.checkedSize(text.utf8.count + new.utf8.count * insertions)
            // Python inserts `new` before every code point and at the end.
            var result = ""
            var inserted = 0
            for scalar in text.unicodeScalars {
                if count < 0 || inserted < count {
                    result += new
                    inserted += 1
                }
                result.unicodeScalars.append(scalar)
            }
            if count < 0 || inserted < count { result += new }
            return result
        }
        // On the strings' own bytes, counting first: most calls find nothing and return the text unchanged.
        let replaced: String? = try text.withUTF8Bytes { haystack in
            try old.withUTF8Bytes { needle in
                try new.withUTF8Bytes { replacement in
                    var found = 0
                    var position = 0
                    while count < 0 || found < count, let match = firstOccurrence(of: needle, in: haystack, from: position) {
                        found += 1
                        position = match + needle.count
                    }
                    guard found > 0 else { return nil }
                    let growth = Swift.max(0, replacement.count - needle.count)
                    try Value.checkedSize(growth, times: found)
                    try Value.checkedSize(haystack.count + found * growth)
                    let length = haystack.count + found * (replacement.count - needle.count)
                    return String(unsafeUninitializedCapacity: length) { buffer in
                        var written = 0
                        func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                            (buffer.baseAddress! + written).initialize(from: base, count: bytes.count)
                            written += bytes.count
                        }
                        var position = 0
                        for _ in 0..<found {
                            let match = firstOccurrence(of: needle, in: haystack, from: position)!
                            copy(UnsafeBufferPointer(rebasing: haystack[position..<match]))
                            copy(replacement)
                            position = match + needle.count
                        }
                        copy(UnsafeBufferPointer(rebasing: haystack[position...]))
                        return written
                    }
                }
            }
        }
        return replaced ?? text
    }

    /// The byte offset of the first occurrence of a non-empty `needle` at or after `start`.
    private static func firstOccurrence(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int?
    {
        guard needle.count <= haystack.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        search: while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count {
                    if haystack[index + offset] != needle[offset] {
                        index += 1
                        continue search
                    }
                    offset += 1
                }
                return index
            }
            index += 1
        }
        return nil
    }

    /// Python `str.split(sep, maxsplit)` for a non-empty separator.
    static func split(_ text: String, separator: String, maxSplit: Int, fromRight: Bool) -> [String] {
        let haystack = Array(text.utf8)
        var found = occurrences(of: Array(separator.utf8), in: haystack)
        if maxSplit >= 0, found.count > maxSplit {
            found = fromRight ? Array(found.suffix(maxSplit)) : Array(found.prefix(maxSplit))
        }
        var parts: [String] = []
        var position = 0
        for range in found {
            parts.append(string(haystack[position..<range.lowerBound]))
            position = range.upperBound
        }
        parts.append(string(haystack[position...]))
        return parts
    }
}
