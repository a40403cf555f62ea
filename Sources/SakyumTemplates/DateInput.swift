import Foundation

/// The `datetimeformat` / `dateformat` filters: a date, ISO-8601 string or Unix timestamp formatted with strftime codes.
enum DateInput {
    static func format(_ value: Value, _ arguments: TemplateArguments, defaultPattern: String) throws -> Value {
        let pattern = arguments.value("format", at: 0)?.stringContent ?? defaultPattern
        var timeZone = TimeZone(identifier: "UTC")!
        if let name = (arguments.value("tz", at: 1) ?? arguments.keyword.first { $0.0 == "timezone" }?.1)?.stringContent {
            guard let zone = TimeZone(identifier: name) else { throw EvaluationError("unknown time zone '\(name)'") }
            timeZone = zone
        }
        let date: Date
        switch value {
        case .none, .undefined: return .string("")
        case .date(let d): date = d
        case .int, .double:
            // About ±3000 years around 1970; beyond that calendars are meaningless.
            guard let seconds = value.doubleValue, seconds.isFinite, abs(seconds) < 1e11 else {
                throw EvaluationError("timestamp out of range: \(value.text)")
            }
            date = Date(timeIntervalSince1970: seconds)
        case .string, .markup:
            let text = value.stringContent!
            guard let parsed = parse(text) else { throw EvaluationError("cannot parse '\(text)' as a date") }
            date = parsed
        default:
            throw EvaluationError("datetimeformat expects a date, not \(value.typeName)")
        }
        return .string(Strftime.format(date, pattern: pattern, timeZone: timeZone))
    }

    /// Parses "2024-01-02", "2024-01-02 03:04[:05[.123]]" or with "T", optionally ending in "Z" or "+02:00" (UTC if none).
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let scanner = Array(trimmed)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= scanner.count else { return nil }
            let slice = String(scanner[index..<(index + digits)])
            guard slice.allSatisfy(\.isNumber), let value = Int(slice) else { return nil }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < scanner.count, scanner[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offset = 0
        if index < scanner.count, scanner[index] == "T" || scanner[index] == " " {
            index += 1
            guard let hour = number(2), expect(":"), let minute = number(2) else { return nil }
            components.hour = hour
            components.minute = minute
            if expect(":") {
                guard let second = number(2) else { return nil }
                components.second = second
                if expect(".") {
                    var fraction = ""
                    while index < scanner.count, scanner[index].isNumber {
                        fraction.append(scanner[index])
                        index += 1
                    }
                    components.nanosecond = Int((Double("0." + fraction) ?? 0) * 1_000_000_000)
                }
            }
            if expect("Z") {
                offset = 0
            } else if index < scanner.count, scanner[index] == "+" || scanner[index] == "-" {
                let sign = scanner[index] == "-" ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(":")
                let minutes = number(2) ?? 0
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == scanner.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        return calendar.date(from: components)
    }
}
