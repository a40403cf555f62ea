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
        let separator = text.firstIndex { $0 == " " || $0 == "T" }
        guard let separator, let date = DateValue(parsing: String(text[..<separator])) else {
            guard let date = DateValue(parsing: text) else { return nil }
            self.init(date: date)
            return
        }
        let time = text[text.index(after: separator)...]
        let clockAndFraction = time.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let clock = clockAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        var microsecond = 0
        if clockAndFraction.count == 2 {
            let fraction = clockAndFraction[1]
            guard clock.count == 3, (1...6).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit),
                  let value = Int(fraction) else { return nil }
            microsecond = value * Int(pow(10, Double(6 - fraction.count)))
        }
        self.init(date: date, hour: Int(clock[0])!, minute: Int(clock[1])!,
                  second: clock.count == 3 ? Int(clock[2])! : 0, microsecond: microsecond)
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

    public var description: String {
        "\(date) \(DateValue.pad(hour, 2)):\(DateValue.pad(minute, 2)):\(DateValue.pad(second, 2)).\(DateValue.pad(microsecond, 6))"
    }

    public static func < (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second, lhs.microsecond) < (rhs.date, rhs.hour, rhs.minute, rhs.second, rhs.microsecond)
    }
}
