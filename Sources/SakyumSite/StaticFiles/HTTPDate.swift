import Foundation
import SakyumSpec

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three accepted forms.
public enum HTTPDate {
    /// `date` as IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`; fractions of a second are dropped.
    public static func string(from date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let weekday = (days + 4).floorModulo(7)
        return "\(shortWeekdays[weekday]), \(twoDigits(day)) \(months[month - 1]) \(fourDigits(year)) "
            + "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60)) GMT"
    }

    /// Reads IMF-fixdate, the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`) and
    /// asctime (`Sun Nov  6 08:49:37 1994`); nil for anything else.
    public static func date(from text: String) -> Date? {
        date(from: text, now: Date())
    }

    /// As `date(from:)`, with two-digit RFC 850 years read relative to `now`: a year more than
    /// 50 years ahead of it means the century before.
    static func date(from text: String, now: Date) -> Date? {
        let words = text.split(separator: " ")
        switch words.count {
        case 6 where words[0].hasSuffix(",") && shortWeekdays.contains(String(words[0].dropLast())) && words[5] == "GMT":
            guard words[1].count == 2, words[3].count == 4 else { return nil }
            return date(year: words[3], month: words[2], day: words[1], time: words[4])
        case 4 where words[0].hasSuffix(",") && longWeekdays.contains(String(words[0].dropLast())) && words[3] == "GMT":
            let parts = words[1].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let shortYear = Int(parts[2]) else { return nil }
            let currentYear = CivilCalendar.date(fromDays: Int(now.timeIntervalSince1970).floorDivided(by: 86_400)).year
            var year = currentYear - currentYear % 100 + shortYear
            if year > currentYear + 50 { year -= 100 }
            return date(year: Substring(String(year)), month: parts[1], day: parts[0], time: words[2])
        case 5 where shortWeekdays.contains(String(words[0])):
            guard (1...2).contains(words[2].count), words[4].count == 4 else { return nil }
            return date(year: words[4], month: words[1], day: words[2], time: words[3])
        default:
            return nil
        }
    }

    private static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let longWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func date(year: Substring, month: Substring, day: Substring, time: Substring) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard let monthIndex = months.firstIndex(of: String(month)),
            let year = digits(year), let day = digits(day),
            clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = digits(clock[0]), let minute = digits(clock[1]), let second = digits(clock[2]),
            hour < 24, minute < 60, second <= 60,
            day >= 1, day <= daysInMonth(monthIndex + 1, year: year)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    private static func fourDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        self - floorDivided(by: divisor) * divisor
    }
}
