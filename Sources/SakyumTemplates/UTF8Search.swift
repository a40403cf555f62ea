/// Substring search on UTF-8 bytes (code-point semantics like Python, and much faster than
/// Foundation's `NSString`-backed `range(of:)` on Linux).
enum UTF8Search {
    /// Byte ranges of non-overlapping occurrences of `needle`, left to right, at most `limit` (negative: all).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], limit: Int = -1) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var found: [Range<Int>] = []
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last, limit < 0 || found.count < limit {
            if haystack[index] == first {
                var matched = true
                var offset = 1
                while offset < needle.count {
                    if haystack[index + offset] != needle[offset] {
                        matched = false
                        break
                    }
                    offset += 1
                }
                if matched {
                    found.append(index..<(index + needle.count))
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return found
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

    /// Python `str.replace(old, new, count)`; a result past `Value.maximumSequenceSize` bytes is a `.limit`
    /// error before it is built (nested `replace('', …)` grows it exponentially).
    static func replace(_ text: String, _ old: String, _ new: String, count: Int) throws -> String {
        let haystack = Array(text.utf8)
        if old.isEmpty {
            let insertions = count < 0 ? PythonString.length(text) + 1 : Swift.min(count, PythonString.length(text) + 1)
            try Value.checkedSize(new.utf8.count, times: insertions)
            try Value.checkedSize(haystack.count + new.utf8.count * insertions)
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
        let found = occurrences(of: Array(old.utf8), in: haystack, limit: count)
        guard !found.isEmpty else { return text }
        try Value.checkedSize(Swift.max(0, new.utf8.count - old.utf8.count), times: found.count)
        try Value.checkedSize(haystack.count + found.count * Swift.max(0, new.utf8.count - old.utf8.count))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(haystack.count + found.count * max(0, new.utf8.count - old.utf8.count))
        var position = 0
        for range in found {
            bytes.append(contentsOf: haystack[position..<range.lowerBound])
            bytes.append(contentsOf: new.utf8)
            position = range.upperBound
        }
        bytes.append(contentsOf: haystack[position...])
        return String(decoding: bytes, as: UTF8.self)
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
