/// JSON as Python's `json.dumps(sort_keys=True)` writes it, made safe for HTML like Jinja2's `htmlsafe_json_dumps`.
enum JSONText {
    static func htmlSafe(_ value: Value, indent: Int?) throws -> String {
        // `< > & '` only occur inside strings (keys included), which `writeString` escapes.
        var output = OutputBuffer(capacity: 256)
        try write(value, indent: indent, level: 0, to: &output)
        return output.text
    }

    private static func write(_ value: Value, indent: Int?, level: Int, to output: inout OutputBuffer) throws {
        switch value {
        case .none: output.append("null")
        case .bool(let b): output.append(b ? "true" : "false")
        case .int(let i): output.append(i)
        case .double(let d):
            if d.isNaN { output.append("NaN") } else if d.isInfinite { output.append(d < 0 ? "-Infinity" : "Infinity") } else {
                output.append(PythonText.float(d))
            }
        case .string(let s): writeString(s, to: &output)
        case .markup(let m): writeString(m.string, to: &output)
        case .array(let items):
            try writeContainer(items.lazy.map { (nil, $0) }, open: "[", close: "]", indent: indent, level: level, to: &output)
        case .dict(let dictionary):
            // Python's sort_keys orders by code point, which is the order of the UTF-8 bytes.
            let pairs = dictionary.lazyPairs.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            try writeContainer(pairs.lazy.map { ($0.0, $0.1) }, open: "{", close: "}", indent: indent, level: level, to: &output)
        case .object(let object):
            if let sequence = object as? any TemplateSequence {
                try write(.array(sequence.elements), indent: indent, level: level, to: &output)
            } else if let namespace = object as? Namespace {
                try write(.dict(namespace.attributes), indent: indent, level: level, to: &output)
            } else {
                throw EvaluationError("Object of type \(type(of: object)) is not JSON serializable")
            }
        case .undefined: throw EvaluationError("Object of type Undefined is not JSON serializable")
        case .date: throw EvaluationError("Object of type datetime is not JSON serializable")
        case .callable: throw EvaluationError("Object of type function is not JSON serializable")
        }
    }

    private static func writeContainer<Items: Collection<(String?, Value)>>(
        _ items: Items, open: StaticString, close: StaticString, indent: Int?, level: Int, to output: inout OutputBuffer
    ) throws {
        output.append(open)
        guard !items.isEmpty else {
            output.append(close)
            return
        }
        for (index, (key, item)) in items.enumerated() {
            if let indent {
                if index > 0 { output.append(",") }
                output.append("\n")
                output.appendRepeated(UInt8(ascii: " "), count: indent * (level + 1))
            } else if index > 0 {
                output.append(", ")
            }
            if let key {
                writeString(key, to: &output)
                output.append(": ")
            }
            try write(item, indent: indent, level: level + 1, to: &output)
        }
        if let indent {
            output.append("\n")
            output.appendRepeated(UInt8(ascii: " "), count: indent * level)
        }
        output.append(close)
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func writeString(_ text: String, to output: inout OutputBuffer) {
        output.append(UInt8(ascii: "\""))
        for unit in text.utf16 {
            switch unit {
            case 0x22: output.append("\\\"")
            case 0x5C: output.append("\\\\")
            case 0x0A: output.append("\\n")
            case 0x0D: output.append("\\r")
            case 0x09: output.append("\\t")
            case 0x08: output.append("\\b")
            case 0x0C: output.append("\\f")
            // HTML-safe: Jinja2's htmlsafe_json_dumps replaces these after json.dumps.
            case 0x3C, 0x3E, 0x26, 0x27: unicodeEscape(unit, to: &output)
            case 0x20..<0x7F: output.append(UInt8(unit))
            default: unicodeEscape(unit, to: &output)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ unit: UInt16, to output: inout OutputBuffer) {
        output.append("\\u")
        hexDigits.withUTF8Buffer { digits in
            for shift in stride(from: 12, through: 0, by: -4) { output.append(digits[Int((unit >> UInt16(shift)) & 0xF)]) }
        }
    }
}
