import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

extension FieldValue {
    /// The value as templates see it: datetimes are datetime objects (`strftime`, `.year`), JSON is parsed.
    var templateValue: Value {
        switch self {
        case .null: .none
        case .integer(let value): .int(value)
        case .float(let value): .double(value)
        case .boolean(let value): .bool(value)
        case .string(let value): .string(value)
        case .date(let value): .string(value.description)
        case .datetime(let value): .date(value.foundationDate)
        case .json(let text): Value(jsonText: text) ?? .string(text)
        }
    }
}

extension DateTimeValue {
    /// The same moment as a `Date`, reading the stored value as UTC (how SQLAlchemy's naive datetimes are kept).
    var foundationDate: Date {
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        components.hour = hour
        components.minute = minute
        components.second = second
        let whole = Self.utcCalendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        return whole.addingTimeInterval(Double(microsecond) / 1_000_000)
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension Value {
    /// A JSON document as template values (object keys sorted); nil when the text is not JSON.
    init?(jsonText: String) {
        guard let node = try? JSONDecoder().decode(JSONNode.self, from: Data(jsonText.utf8)) else { return nil }
        self = node.value
    }
}

/// Any JSON value, decoded strictly (a number is never a boolean).
private enum JSONNode: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONNode]), object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Int.self) { self = .int(number) }
        else if let number = try? container.decode(Double.self) { self = .double(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let items = try? container.decode([JSONNode].self) { self = .array(items) }
        else { self = .object(try container.decode([String: JSONNode].self)) }
    }

    var value: Value {
        switch self {
        case .null: .none
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.value))
        case .object(let pairs): .dict(pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) })
        }
    }
}
