import Foundation
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// JSON for the `json` views: rows as objects of their fields (never the User's password hash),
/// pages as `{items, page, pages, total, per_page}`, datetimes as SQLAlchemy prints them.
enum JSONRows {
    static func encode(_ value: Value) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object(value), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    private static func object(_ value: Value) -> Any {
        switch value {
        case .none, .undefined: return NSNull()
        case .bool(let flag): return flag
        case .int(let number): return number
        case .double(let number): return number
        case .string(let text): return text
        case .markup(let markup): return markup.string
        case .date: return value.text
        case .array(let items): return items.map(object)
        case .dict(let dictionary): return Dictionary(dictionary.pairs.map { ($0.0, object($0.1)) }, uniquingKeysWith: { (first: Any, _: Any) in first })
        case .object(let row as RecordObject):
            var fields: [String: Any] = [:]
            for (name, field) in row.record.fields where !(row.record.model.name == "User" && name == "password") {
                fields[name] = object(field.templateValue)
            }
            return fields
        case .object(let page as Pagination):
            return ["items": page.items.map(object), "page": page.page, "pages": page.pages, "total": page.total, "per_page": page.perPage]
        case .object(let other): return other.renderedText
        case .callable: return NSNull()
        }
    }
}
