import Foundation

/// Python's text forms of values: `str()` and `repr()`, including float repr rules.
enum PythonText {
    /// `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text = value.description
        // Swift and Python agree except where Swift uses an exponent and Python does not (1e-4 ≤ |x| < 1e16).
        if !text.utf8.contains(UInt8(ascii: "e")) { return text }
        var negative = false
        var body = Substring(text)
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...]) ?? 0
            body = body[..<e]
        }
        var digits: [Character] = []
        var pointPosition: Int?
        for character in body {
            if character == "." { pointPosition = digits.count } else { digits.append(character) }
        }
        var decimalExponent = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }
        let scientific = decimalExponent - 1
        if scientific >= -4 && scientific < 16 {
            if decimalExponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -decimalExponent) + String(digits)
            }
            if decimalExponent >= digits.count {
                return sign + String(digits) + String(repeating: "0", count: decimalExponent - digits.count) + ".0"
            }
            return sign + String(digits[..<decimalExponent]) + "." + String(digits[decimalExponent...])
        }
        var mantissa = String(digits[0])
        if digits.count > 1 { mantissa += "." + String(digits[1...]) }
        let exponentDigits = String(abs(scientific))
        return sign + mantissa + "e" + (scientific < 0 ? "-" : "+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
    }

    /// Python's `round(value, digits)`: correctly rounded, ties to even on the exact binary value.
    static func round(_ value: Double, digits: Int) -> Double {
        // A double has at most 17 significant digits, and none beyond 10^-324: more digits change nothing.
        if digits > 340 || !value.isFinite { return value }
        let scale = pow(10.0, Double(digits))
        let scaled = value * scale
        let fraction = Swift.abs(scaled - scaled.rounded(.towardZero))
        // Far from a tie the scaled product decides; near one, let the C formatter round the exact value.
        if scale.isFinite && Swift.abs(fraction - 0.5) > 1e-6 && Swift.abs(scaled) < 1e15 {
            return scaled.rounded(.toNearestOrEven) / scale
        }
        return Double(String(format: "%.\(digits)f", value)) ?? value
    }

    /// 10^0 through 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { pow(10, Double($0)) }

    /// `'%.Nf' % value`: fixed-point digits, correctly rounded like C's printf.
    static func fixed(_ value: Double, precision: Int) -> String {
        if value.isFinite, precision <= 15 {
            let scaled = Swift.abs(value) * powersOfTen[precision]
            let fraction = scaled - scaled.rounded(.towardZero)
            // Far from a tie and within exact integer range the scaled product decides the digits.
            if scaled < 9e15 && Swift.abs(fraction - 0.5) > 1e-6 {
                return fixedDigits(UInt64(scaled.rounded(.toNearestOrEven)), precision: precision, negative: value.sign == .minus)
            }
        }
        return String(format: "%.\(precision)f", value)
    }

    /// `scaled` written with a point `precision` digits from the right (at least one digit before it), in one
    /// pass into the string's own storage.
    private static func fixedDigits(_ scaled: UInt64, precision: Int, negative: Bool) -> String {
        var digitCount = 1
        var rest = scaled / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        digitCount = Swift.max(digitCount, precision + 1)
        let length = (negative ? 1 : 0) + digitCount + (precision > 0 ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var remaining = scaled
            var position = length
            for written in 0..<digitCount {
                if precision > 0 && written == precision {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            if negative { buffer[0] = UInt8(ascii: "-") }
            return length
        }
    }

    /// `repr(str)`: quoted with Python's choice of quotes and escapes.
    static func stringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result.append(quote)
        return result
    }

    /// `str(datetime)` in UTC: "2024-01-02 03:04:05" (with microseconds when present).
    static func date(_ date: Date) -> String {
        Strftime.format(date, pattern: "%Y-%m-%d %H:%M:%S", timeZone: TimeZone(identifier: "UTC")!)
            + microsecondSuffix(date)
    }

    private static func microsecondSuffix(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let micro = Int(((seconds - seconds.rounded(.down)) * 1_000_000).rounded())
        return micro == 0 || micro == 1_000_000 ? "" : "." + String(format: "%06d", micro)
    }
}

extension Value {
    /// Python `str(value)`, as `{{ value }}` prints it before escaping (undefined prints as empty).
    public var text: String {
        switch self {
        case .string(let s): s
        case .markup(let m): m.string
        case .int(let i): String(i)
        case .double(let d): PythonText.float(d)
        case .bool(let b): b ? "True" : "False"
        case .none: "None"
        case .undefined: ""
        case .date(let date): PythonText.date(date)
        case .object(let o): (o as? any TemplateSequence).map { Value.tupleRepr($0.elements) } ?? o.renderedText
        case .array, .dict, .callable: repr
        }
    }

    /// Python `repr(value)`, as items of printed lists and dicts appear.
    var repr: String {
        switch self {
        case .string(let s): PythonText.stringRepr(s)
        case .markup(let m): "Markup(\(PythonText.stringRepr(m.string)))"
        case .array(let items): "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case .dict(let d):
            "{" + d.lazyPairs.map { PythonText.stringRepr($0.0) + ": " + $0.1.repr }.joined(separator: ", ") + "}"
        case .undefined: "Undefined"
        case .callable: "<function>"
        case .date(let date): "datetime(\(PythonText.date(date)))"
        default: text
        }
    }

    static func tupleRepr(_ items: [Value]) -> String {
        items.count == 1 ? "(\(items[0].repr),)" : "(" + items.map(\.repr).joined(separator: ", ") + ")"
    }
}
