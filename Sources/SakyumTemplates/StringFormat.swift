import Foundation

/// Python's `str.format()` and the format-spec mini-language (`{:>10}`, `{:.2f}`, `{:,}`).
enum StringFormat {
    static func format(_ template: String, positional: [Value], keyword: [(String, Value)]) throws -> String {
        var result = ""
        var characters = template[...]
        var automaticIndex = 0
        while let character = characters.popFirst() {
            if character == "}" {
                guard characters.first == "}" else { throw EvaluationError("Single '}' encountered in format string") }
                characters.removeFirst()
                result.append("}")
                continue
            }
            guard character == "{" else {
                result.append(character)
                continue
            }
            if characters.first == "{" {
                characters.removeFirst()
                result.append("{")
                continue
            }
            var field = ""
            var depth = 1
            while let next = characters.popFirst() {
                if next == "{" { depth += 1 }
                if next == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                field.append(next)
            }
            guard depth == 0 else { throw EvaluationError("expected '}' before end of string") }
            var spec = ""
            var conversion: Character?
            if let colon = field.firstIndex(of: ":") {
                spec = String(field[field.index(after: colon)...])
                field = String(field[..<colon])
            }
            if let bang = field.firstIndex(of: "!") {
                conversion = field[field.index(after: bang)...].first
                field = String(field[..<bang])
            }
            // Nested replacement fields in the spec, e.g. {:{width}}.
            if spec.contains("{") {
                spec = try format(spec, positional: positional, keyword: keyword)
            }
            var value = try resolve(field, positional: positional, keyword: keyword, automaticIndex: &automaticIndex)
            if conversion == "r" { value = .string(value.repr) } else if conversion == "s" { value = .string(value.text) }
            result += try formatValue(value, spec: spec)
        }
        return result
    }

    private static func resolve(_ field: String, positional: [Value], keyword: [(String, Value)], automaticIndex: inout Int)
        throws -> Value
    {
        var head = field
        var accessors = ""
        if let split = field.firstIndex(where: { $0 == "." || $0 == "[" }) {
            head = String(field[..<split])
            accessors = String(field[split...])
        }
        var value: Value
        if head.isEmpty {
            guard automaticIndex < positional.count else { throw EvaluationError("Replacement index \(automaticIndex) out of range for positional args tuple") }
            value = positional[automaticIndex]
            automaticIndex += 1
        } else if let index = decimal(head) {
            guard index < positional.count else { throw EvaluationError("Replacement index \(index) out of range for positional args tuple") }
            value = positional[index]
        } else {
            guard let found = keyword.first(where: { $0.0 == head }) else { throw EvaluationError("KeyError: '\(head)'") }
            value = found.1
        }
        var rest = accessors[...]
        while let first = rest.popFirst() {
            if first == "." {
                let name = rest.prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(name.count)
                value = try value.attribute(String(name))
            } else if first == "[" {
                let key = rest.prefix { $0 != "]" }
                rest = rest.dropFirst(key.count + 1)
                value = try value.item(decimal(key).map(Value.int) ?? .string(String(key)))
            }
        }
        return value
    }

    /// A field name or `[key]` is an index only when it is all decimal digits, as in Python: `{-1}` and `{+1}`
    /// name keyword arguments (Swift's `Int("-1")` would index before the first argument).
    private static func decimal(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Applies a format spec `[[fill]align][sign][#][0][width][,|_][.precision][type]` like Python's `format()`.
    static func formatValue(_ value: Value, spec: String) throws -> String {
        if spec.isEmpty { return value.text }
        var characters = Array(spec)
        var fill: Character = " "
        var align: Character?
        if characters.count >= 2, "<>^=".contains(characters[1]) {
            fill = characters[0]
            align = characters[1]
            characters.removeFirst(2)
        } else if let first = characters.first, "<>^=".contains(first) {
            align = first
            characters.removeFirst()
        }
        var sign: Character = "-"
        if let first = characters.first, "+- ".contains(first) {
            sign = first
            characters.removeFirst()
        }
        var alternate = false
        if characters.first == "#" {
            alternate = true
            characters.removeFirst()
        }
        if characters.first == "0" {
            if align == nil {
                fill = "0"
                align = "="
            }
            characters.removeFirst()
        }
        var widthText = ""
        while let first = characters.first, first.isNumber {
            widthText.append(first)
            characters.removeFirst()
        }
        var grouping: Character?
        if let first = characters.first, first == "," || first == "_" {
            grouping = first
            characters.removeFirst()
        }
        var precision: Int?
        if characters.first == "." {
            characters.removeFirst()
            var digits = ""
            while let first = characters.first, first.isNumber {
                digits.append(first)
                characters.removeFirst()
            }
            precision = Int(digits)
        }
        let type = characters.first
        let width = Int(widthText) ?? 0
        try Value.checkedSize(width)
        try Value.checkedSize(precision ?? 0)

        var body: String
        var negative = false
        let isNumber: Bool
        switch value {
        case .int(let integer) where type != "f" && type != "F" && type != "e" && type != "E" && type != "%" && type != "g" && type != "G":
            isNumber = true
            negative = integer < 0
            let magnitude = integer.magnitude
            switch type {
            case "x": body = (alternate ? "0x" : "") + String(magnitude, radix: 16)
            case "X": body = (alternate ? "0X" : "") + String(magnitude, radix: 16).uppercased()
            case "o": body = (alternate ? "0o" : "") + String(magnitude, radix: 8)
            case "b": body = (alternate ? "0b" : "") + String(magnitude, radix: 2)
            case "c":
                guard integer >= 0, let scalar = UInt32(exactly: magnitude).flatMap(Unicode.Scalar.init) else {
                    throw EvaluationError("%c arg not in range(0x110000)")
                }
                body = String(Character(scalar))
            case nil, "d", "n": body = String(magnitude)
            default: throw EvaluationError("Unknown format code '\(type!)' for object of type 'int'")
            }
            if let grouping, type == nil || type == "d" { body = group(body, separator: grouping) }
        case .int, .double, .bool:
            isNumber = true
            var number = value.doubleValue ?? 0
            negative = number < 0 || (number == 0 && number.sign == .minus)
            number = abs(number)
            switch type {
            case "f", "F": body = PythonText.fixed(number, precision: precision ?? 6)
            case "e", "E":
                body = String(format: "%.\(precision ?? 6)\(type!)", number)
            case "g", "G": body = String(format: "%.\(precision ?? 6)\(type!)", number)
            case "%": body = String(format: "%.\(precision ?? 6)f", number * 100) + "%"
            case nil:
                if let precision {
                    body = String(format: "%.\(max(precision, 1))g", number)
                } else {
                    body = PythonText.float(number)
                }
            default: throw EvaluationError("Unknown format code '\(type!)' for object of type 'float'")
            }
            if let grouping {
                let integerPart = body.prefix { $0.isNumber }
                body = group(String(integerPart), separator: grouping) + body.dropFirst(integerPart.count)
            }
        default:
            isNumber = false
            if let type, type != "s" {
                throw EvaluationError("Unknown format code '\(type)' for object of type '\(value.typeName)'")
            }
            body = value.text
            if let precision { body = String(body.prefix(precision)) }
        }
        var signText = ""
        if isNumber {
            if negative { signText = "-" } else if sign == "+" { signText = "+" } else if sign == " " { signText = " " }
        }
        let length = signText.count + body.count
        guard width > length else { return signText + body }
        let padding = width - length
        switch align ?? (isNumber ? ">" : "<") {
        case "<": return signText + body + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + signText + body + String(repeating: fill, count: padding - left)
        case "=": return signText + String(repeating: fill, count: padding) + body
        default: return String(repeating: fill, count: padding) + signText + body
        }
    }

    private static func group(_ digits: String, separator: Character) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(separator) }
            result.append(digit)
        }
        return result
    }
}
