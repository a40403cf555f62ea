import Foundation

/// A date and time without a time zone (sakyum stores UTC), kept to the microsecond the way
/// SQLAlchemy stores `DateTime` on SQLite: `YYYY-MM-DD HH:MM:SS.ffffff`.
public struct DateTimeValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: DateValue
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var microsecond: Int

    public init?(date: DateValue, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0...999_999).contains(microsecond) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    /// Parses what SQLAlchemy reads back: `YYYY-MM-DD HH:MM[:SS[.ffffff]]`, also with `T` as separator.
    public init?(parsing text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = value
    }

    /// Byte-wise, since every datetime of every row read goes through here.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DateTimeValue? {
        guard let date = DateValue.parse(bytes[..<min(10, bytes.count)]) else { return nil }
        if bytes.count == 10 { return DateTimeValue(date: date) }
        // HH:MM, HH:MM:SS or HH:MM:SS.f… (1 to 6 digits) after a space or a T.
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"),
              let hour = DateValue.digits(bytes[...], from: 11, count: 2),
              let minute = DateValue.digits(bytes[...], from: 14, count: 2) else { return nil }
        if bytes.count == 16 { return DateTimeValue(date: date, hour: hour, minute: minute) }
        guard bytes.count >= 19, bytes[16] == UInt8(ascii: ":"),
              let second = DateValue.digits(bytes[...], from: 17, count: 2) else { return nil }
        if bytes.count == 19 { return DateTimeValue(date: date, hour: hour, minute: minute, second: second) }
        let fractionDigits = bytes.count - 20
        guard bytes[19] == UInt8(ascii: "."), (1...6).contains(fractionDigits),
              var microsecond = DateValue.digits(bytes[...], from: 20, count: fractionDigits) else { return nil }
        for _ in fractionDigits..<6 { microsecond *= 10 }
        return DateTimeValue(date: date, hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    /// The moment as a UTC date and time.
    public init(_ moment: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        let wholeSeconds = moment.timeIntervalSince1970.rounded(.down)
        let microsecond = min(999_999, Int(((moment.timeIntervalSince1970 - wholeSeconds) * 1_000_000).rounded()))
        self.date = DateValue(year: parts.year!, month: parts.month!, day: parts.day!)!
        self.hour = parts.hour!
        self.minute = parts.minute!
        self.second = parts.second!
        self.microsecond = microsecond
    }

    /// The current UTC time (`datetime.utcnow()`).
    public static func now() -> DateTimeValue { DateTimeValue(Date()) }

    /// The moment this value names, read as UTC.
    public var moment: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                        hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!.addingTimeInterval(Double(microsecond) / 1_000_000)
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff`, as SQLAlchemy stores it.
    public var description: String { text(withMicroseconds: true) }

    /// `YYYY-MM-DD HH:MM:SS`, with `.ffffff` when asked; Python's `str(datetime)` asks only when they are not 0.
    public func text(withMicroseconds: Bool) -> String {
        let count = withMicroseconds ? 26 : 19
        return String(unsafeUninitializedCapacity: count) { text in
            date.write(into: text)
            text[10] = UInt8(ascii: " ")
            DateValue.writeDigits(hour, count: 2, into: text, at: 11)
            text[13] = UInt8(ascii: ":")
            DateValue.writeDigits(minute, count: 2, into: text, at: 14)
            text[16] = UInt8(ascii: ":")
            DateValue.writeDigits(second, count: 2, into: text, at: 17)
            if withMicroseconds {
                text[19] = UInt8(ascii: ".")
                DateValue.writeDigits(microsecond, count: 6, into: text, at: 20)
            }
            return count
        }
    }

    public static func < (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second, lhs.microsecond) < (rhs.date, rhs.hour, rhs.minute, rhs.second, rhs.microsecond)
    }
}
