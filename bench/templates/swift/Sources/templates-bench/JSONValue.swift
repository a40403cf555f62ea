import Foundation
import SakyumTemplates

/// Converts JSONSerialization output to template values the way Python's json module reads it:
/// ints, floats and bools stay apart, and object keys are sorted like `sort_keys=True`.
enum JSONValue {
    static func value(from object: Any) throws -> Value {
        switch object {
        case is NSNull:
            return .none
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": return .bool(number.boolValue)
            case "d", "f": return .double(number.doubleValue)
            default: return .int(number.intValue)
            }
        case let array as [Any]:
            return .array(try array.map(value(from:)))
        case let dictionary as [String: Any]:
            let pairs = dictionary.sorted { $0.key < $1.key }
            return .dict(try pairs.map { pair in (pair.key, try value(from: pair.value)) })
        default:
            throw BenchError("unsupported JSON value \(type(of: object))")
        }
    }
}
