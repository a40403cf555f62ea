import Foundation
import SakyumSpec

/// JSON text written like Python's `json.dumps` (what SQLAlchemy's `JSON` stores): `{"a": 1, "b": [true, null]}`,
/// non-ASCII escaped as `\uXXXX`.
enum JSONText {
    static func encode(_ value: LiteralValue) -> String {
        switch value {
        case .none: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? "\(number)" : (number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity"))
        case .string(let text): quote(text)
        case .list(let items): "[" + items.map(encode).joined(separator: ", ") + "]"
        case .map(let pairs): "{" + pairs.map { quote($0.key) + ": " + encode($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func isValid(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(unit)!)
            default: result += String(format: "\\u%04x", unit)
            }
        }
        return result + "\""
    }
}
