import Foundation

/// JSON as Python's `json.dumps(sort_keys=True)` writes it, made safe for HTML like Jinja2's `htmlsafe_json_dumps`.
enum JSONText {
    static func htmlSafe(_ value: Value, indent: Int?) throws -> String {
        // `< > & '` only occur inside strings (keys included), which `writeString` escapes.
        var output = ""
        try write(value, indent: indent, level: 0, to: &output)
        return output
    }

    private static func write(_ value: Value, indent: Int?, level: Int, to output: inout String) throws {
        switch value {
        case .none: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .double(let d):
            if d.isNaN { output += "NaN" } else if d.isInfinite { output += d < 0 ? "-Infinity" : "Infinity" } else {
                output += PythonText.float(d)
            }
        case .string(let s): writeString(s, to: &output)
        case .markup(let m): writeString(m.string, to: &output)
        case .array(let items):
            try writeContainer(items.map { (nil, $0) }, open: "[", close: "]", indent: indent, level: level, to: &output)
        case .dict(let dictionary):
            let pairs = zip(dictionary.keys, dictionary.values).sorted {
                $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars)
            }
            try writeContainer(pairs.map { ($0.0, $0.1) }, open: "{", close: "}", indent: indent, level: level, to: &output)
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

    private static func writeContainer(
        _ items: [(String?, Value)], open: String, close: String, indent: Int?, level: Int, to output: inout String
    ) throws {
        output += open
        guard !items.isEmpty else {
            output += close
            return
        }
        for (index, (key, item)) in items.enumerated() {
            if let indent {
                output += (index == 0 ? "" : ",") + "\n" + String(repeating: " ", count: indent * (level + 1))
            } else if index > 0 {
                output += ", "
            }
            if let key {
                writeString(key, to: &output)
                output += ": "
            }
            try write(item, indent: indent, level: level + 1, to: &output)
        }
        if let indent { output += "\n" + String(repeating: " ", count: indent * level) }
        output += close
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, to output: inout String) {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        func unicodeEscape(_ unit: UInt16) {
            bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)]) }
        }
        for unit in text.utf16 {
            switch unit {
            case 0x22: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case 0x5C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            // HTML-safe: Jinja2's htmlsafe_json_dumps replaces these after json.dumps.
            case 0x3C, 0x3E, 0x26, 0x27: unicodeEscape(unit)
            case 0x20..<0x7F: bytes.append(UInt8(unit))
            default: unicodeEscape(unit)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        output += String(decoding: bytes, as: UTF8.self)
    }
}
