/// A `Range: bytes=…` request resolved against a file size (RFC 9110 §14.1.2).
enum ByteRange: Sendable, Equatable {
    /// Serve the whole file: no usable single range (missing, multiple, other unit, malformed).
    case ignored
    /// Serve these bytes with 206.
    case satisfiable(Range<Int>)
    /// Answer 416: the range starts beyond the end.
    case unsatisfiable

    init(header: String, size: Int) {
        let value = header.trimmingWhitespace()
        guard value.prefix(6).lowercased() == "bytes=" else {
            self = .ignored
            return
        }
        let specs = value.dropFirst(6).split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard specs.count == 1, let dash = specs[0].firstIndex(of: "-") else {
            self = .ignored
            return
        }
        let firstText = specs[0][..<dash].trimmingWhitespace()
        let lastText = specs[0][specs[0].index(after: dash)...].trimmingWhitespace()
        switch (Self.position(firstText), Self.position(lastText)) {
        case (let first?, let last?):
            if last < first {
                self = .ignored
            } else if first >= size {
                self = .unsatisfiable
            } else {
                self = .satisfiable(first..<(Swift.min(last, size - 1) + 1))
            }
        case (let first?, nil) where lastText.isEmpty:
            self = first >= size ? .unsatisfiable : .satisfiable(first..<size)
        case (nil, let suffix?) where firstText.isEmpty:
            self = suffix == 0 || size == 0 ? .unsatisfiable : .satisfiable(Swift.max(0, size - suffix)..<size)
        default:
            self = .ignored
        }
    }

    /// A byte position; numbers too large for `Int` saturate, as they lie past any file's end.
    private static func position(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text) ?? Int.max
    }
}
