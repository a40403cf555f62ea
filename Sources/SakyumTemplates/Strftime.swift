import Foundation

/// Formats dates with Python/C `strftime` codes (English names), used by `datetimeformat`.
enum Strftime {
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func format(_ date: Date, pattern: String, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday], from: date)
        let year = parts.year ?? 1970
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let second = parts.second ?? 0
        let weekday = (parts.weekday ?? 1) - 1
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        let offsetSeconds = timeZone.secondsFromGMT(for: date)

        func padded(_ value: Int, _ width: Int, _ unpadded: Bool) -> String {
            let text = String(value)
            return unpadded || text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }

        var result = ""
        var characters = pattern[...]
        while let character = characters.popFirst() {
            guard character == "%", var code = characters.popFirst() else {
                result.append(character)
                continue
            }
            var unpadded = false
            if code == "-", let next = characters.popFirst() {
                unpadded = true
                code = next
            }
            switch code {
            case "Y": result += String(year)
            case "y": result += padded(year % 100, 2, unpadded)
            case "m": result += padded(month, 2, unpadded)
            case "d": result += padded(day, 2, unpadded)
            case "e": result += unpadded ? String(day) : (day < 10 ? " " : "") + String(day)
            case "H": result += padded(hour, 2, unpadded)
            case "I": result += padded(hour12, 2, unpadded)
            case "M": result += padded(minute, 2, unpadded)
            case "S": result += padded(second, 2, unpadded)
            case "f": result += padded((parts.nanosecond ?? 0) / 1000, 6, false)
            case "p": result += hour < 12 ? "AM" : "PM"
            case "B": result += monthNames[month - 1]
            case "b", "h": result += String(monthNames[month - 1].prefix(3))
            case "A": result += weekdayNames[weekday]
            case "a": result += String(weekdayNames[weekday].prefix(3))
            case "w": result += String(weekday)
            case "u": result += String(weekday == 0 ? 7 : weekday)
            case "j": result += padded(dayOfYear, 3, unpadded)
            case "z":
                let sign = offsetSeconds < 0 ? "-" : "+"
                result += sign + padded(abs(offsetSeconds) / 3600, 2, false) + padded(abs(offsetSeconds) % 3600 / 60, 2, false)
            case "Z": result += timeZone.abbreviation(for: date) ?? timeZone.identifier
            case "F": result += format(date, pattern: "%Y-%m-%d", timeZone: timeZone)
            case "T": result += format(date, pattern: "%H:%M:%S", timeZone: timeZone)
            case "R": result += format(date, pattern: "%H:%M", timeZone: timeZone)
            case "D", "x": result += format(date, pattern: "%m/%d/%y", timeZone: timeZone)
            case "X": result += format(date, pattern: "%H:%M:%S", timeZone: timeZone)
            case "c": result += format(date, pattern: "%a %b %e %H:%M:%S %Y", timeZone: timeZone)
            case "s": result += String(Int(date.timeIntervalSince1970.rounded(.down)))
            case "%": result += "%"
            default:
                result += "%" + (unpadded ? "-" : "") + String(code)
            }
        }
        return result
    }
}
