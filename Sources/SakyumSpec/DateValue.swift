import Foundation

/// A calendar date without a time zone, stored as SQLAlchemy stores `Date` on SQLite: `YYYY-MM-DD`.
public struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(parsing text: String) {
        var text = text
        guard let value = text.withUTF8({ bytes in Self.parse(bytes[...]) }) else { return nil }
        self = value
    }

    /// `YYYY-MM-DD` from exactly these bytes. Byte-wise: rows are read by the thousand.
    static func parse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> DateValue? {
        guard bytes.count == 10 else { return nil }
        let start = bytes.startIndex
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = digits(bytes, from: start, count: 4),
              let month = digits(bytes, from: start + 5, count: 2),
              let day = digits(bytes, from: start + 8, count: 2) else { return nil }
        return DateValue(year: year, month: month, day: day)
    }

    /// The number written by `count` ASCII digits at `from`, or nil if any is not a digit.
    static func digits(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, from: Int, count: Int) -> Int? {
        var value = 0
        for index in from..<(from + count) {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Today in UTC (sakyum's defaults use `datetime.utcnow`).
    public static func today() -> DateValue { DateTimeValue.now().date }

    public var description: String {
        String(unsafeUninitializedCapacity: 10) { text in
            write(into: text)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes of `text`. Byte-wise: a list page shows dates by the hundred.
    func write(into text: UnsafeMutableBufferPointer<UInt8>) {
        Self.writeDigits(year, count: 4, into: text, at: 0)
        text[4] = UInt8(ascii: "-")
        Self.writeDigits(month, count: 2, into: text, at: 5)
        text[7] = UInt8(ascii: "-")
        Self.writeDigits(day, count: 2, into: text, at: 8)
    }

    /// Writes the last `count` decimal digits of `number` (not negative), zero-padded, at `offset`.
    static func writeDigits(_ number: Int, count: Int, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = number
        for index in stride(from: offset + count - 1, through: offset, by: -1) {
            text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    public static func < (lhs: DateValue, rhs: DateValue) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
