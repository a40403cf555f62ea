import Foundation

/// Attribute, item and slice access and calls, with Jinja2's rules (`a.b` tries the attribute, then the item).
extension Value {
    static func isDictionaryMethod(_ name: String) -> Bool {
        switch name.utf8.count {
        case 3: name == "get" || name == "pop"
        case 4: name == "keys" || name == "copy"
        case 5: name == "items"
        case 6: name == "values" || name == "update"
        case 10: name == "setdefault"
        default: false
        }
    }
    static let stringMethods: Set = [
        "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith",
        "replace", "format", "title", "capitalize", "join", "count", "find", "rfind", "index", "isdigit", "isalpha",
        "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal", "zfill", "center", "ljust", "rjust",
        "swapcase", "partition", "rpartition", "casefold", "removeprefix", "removesuffix", "format_map",
    ]
    static let listMethods: Set = ["index", "count", "copy"]
    static let dateMethods: Set = ["strftime", "isoformat", "weekday", "isoweekday", "timestamp", "date", "time"]

    /// Jinja2's `object_type_repr`: "dict object", "None", "User object".
    var objectDescription: String {
        switch self {
        case .none: "None"
        case .object(let o): "\(type(of: o)) object"
        default: "\(typeName) object"
        }
    }

    func hasMethod(_ name: String) -> Bool {
        switch self {
        case .dict: Value.isDictionaryMethod(name)
        case .string, .markup: Value.stringMethods.contains(name)
        case .array: Value.listMethods.contains(name)
        case .date: Value.dateMethods.contains(name)
        default: false
        }
    }

    private func boundMethod(_ name: String) -> Value {
        let receiver = self
        return .callable(
            TemplateFunction(contextual: { arguments, context in
                try receiver.callMethod(name, arguments, in: context) ?? .none
            }))
    }

    /// `value.name` as a template writes it.
    /// `value.name` with the name prepared at compile time. Consuming: the value is a lookup's copy, and reading
    /// a dictionary out of a borrowed one costs a retain and a release more (a tenth of a render's ARC traffic).
    consuming func attribute(_ name: AttributeName) throws -> Value {
        switch consume self {
        case .dict(let dictionary) where !name.isDictionaryMethod:
            return dictionary[name.name] ?? .undefined(name.missingFromDictionary)
        case let value:
            return try value.attribute(name.text)
        }
    }

    /// `value.name`.
    func attribute(_ name: String) throws -> Value {
        switch self {
        case .undefined(let message):
            throw EvaluationError(message)
        case .dict(let dictionary):
            if Value.isDictionaryMethod(name) { return boundMethod(name) }
            return dictionary[name] ?? .undefined("'dict object' has no attribute '\(name)'")
        case .object(let object):
            if let value = object.attribute(name) { return value }
        case .date(let date):
            if let component = Value.dateComponent(date, name) { return component }
            if hasMethod(name) { return boundMethod(name) }
        case .string, .markup, .array:
            if hasMethod(name) { return boundMethod(name) }
        case .double(let d):
            if name == "real" { return self }
            if name == "imag" { return .double(0 * d) }
        case .int:
            if name == "real" || name == "numerator" { return self }
            if name == "imag" { return .int(0) }
            if name == "denominator" { return .int(1) }
        default:
            break
        }
        if case .none = self { return .undefined("'None' has no attribute '\(name)'") }
        return .undefined("'\(objectDescription)' has no attribute '\(name)'")
    }

    private static func dateComponent(_ date: Date, _ name: String) -> Value? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component
        switch name {
        case "year": component = .year
        case "month": component = .month
        case "day": component = .day
        case "hour": component = .hour
        case "minute": component = .minute
        case "second": component = .second
        case "microsecond": return .int(calendar.component(.nanosecond, from: date) / 1000)
        default: return nil
        }
        return .int(calendar.component(component, from: date))
    }

    /// `value[key]`.
    func item(_ key: Value) throws -> Value {
        if case .markup(let markup) = key { return try item(.string(markup.string)) }
        switch (self, key) {
        case (.undefined(let message), _):
            throw EvaluationError(message)
        case (.array(let items), .int(let index)):
            let position = index < 0 ? items.count + index : index
            return position >= 0 && position < items.count ? items[position] : .undefined("list object has no element \(index)")
        case (.array(let items), .bool(let flag)):
            return try Value.array(items).item(.int(flag ? 1 : 0))
        case (.dict(let dictionary), .string(let name)):
            if let value = dictionary[name] { return value }
            if Value.isDictionaryMethod(name) { return boundMethod(name) }
            return .undefined("'dict object' has no attribute '\(name)'")
        case (.string, .int(let index)), (.markup, .int(let index)):
            let characters = Array(stringContent!)
            let position = index < 0 ? characters.count + index : index
            return position >= 0 && position < characters.count
                ? .string(String(characters[position])) : .undefined("str object has no element \(index)")
        case (.object(let object), .int(let index)):
            if let sequence = object as? any TemplateSequence { return try Value.array(sequence.elements).item(key) }
            return .undefined("\(objectDescription) has no element \(index)")
        case (_, .string(let name)):
            return try attribute(name)
        default:
            return .undefined("\(objectDescription) has no element \(key.repr)")
        }
    }

    /// `value[start:stop:step]` with Python's rules for negative and missing bounds.
    func slice(_ start: Value?, _ stop: Value?, _ step: Value?) throws -> Value {
        func bound(_ value: Value?) throws -> Int? {
            switch value {
            case nil, .none?: return nil
            case .int(let i)?: return i
            case .bool(let b)?: return b ? 1 : 0
            case .undefined?: return nil
            default: throw EvaluationError("slice indices must be integers or None or have an __index__ method")
            }
        }
        let stepValue = try bound(step) ?? 1
        if stepValue == 0 { throw EvaluationError("slice step cannot be zero") }
        func indices(_ count: Int) throws -> [Int] {
            func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
                guard var value else { return defaultValue }
                if value < 0 { value += count }
                if stepValue > 0 { return Swift.min(Swift.max(value, 0), count) }
                return Swift.min(Swift.max(value, -1), count - 1)
            }
            let from = clamp(try bound(start), stepValue > 0 ? 0 : count - 1)
            let to = clamp(try bound(stop), stepValue > 0 ? count : -1)
            return Array(stride(from: from, to: to, by: stepValue))
        }
        switch self {
        case .undefined(let message): throw EvaluationError(message)
        case .array(let items): return .array(try indices(items.count).map { items[$0] })
        case .string(let text):
            let ascii: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.contains { $0 >= 0x80 } ? nil : Array(bytes)
            } ?? nil
            if let ascii {
                if (step == nil || step?.isNone == true), try bound(start).map({ $0 >= 0 }) ?? true,
                    try bound(stop).map({ $0 >= 0 }) ?? true
                {
                    let from = Swift.min(try bound(start) ?? 0, ascii.count)
                    let to = Swift.max(from, Swift.min(try bound(stop) ?? ascii.count, ascii.count))
                    return .string(String(decoding: ascii[from..<to], as: UTF8.self))
                }
                return .string(String(decoding: try indices(ascii.count).map { ascii[$0] }, as: UTF8.self))
            }
            let characters = Array(text)
            return .string(String(try indices(characters.count).map { characters[$0] }))
        case .markup(let markup):
            let characters = Array(markup.string)
            return .markup(Markup(safe: String(try indices(characters.count).map { characters[$0] })))
        case .object(let sequence as any TemplateSequence):
            guard case .array(let items) = try Value.array(sequence.elements).slice(start, stop, step) else { return .none }
            return .object(TupleValue(elements: items))
        default:
            throw EvaluationError("'\(typeName)' object is not subscriptable")
        }
    }

    /// Runs a call into code outside the engine; its errors other than the engine's become runtime errors.
    private static func evaluating(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as TemplateError {
            throw error
        } catch let error as EvaluationError {
            throw error
        } catch {
            throw EvaluationError(String(describing: error))
        }
    }

    /// `value(arguments)`.
    func call(_ arguments: TemplateArguments, in context: RenderContext) throws -> Value {
        switch self {
        case .callable(let function):
            return try Self.evaluating { try function.call(arguments, in: context) }
        case .object(let object):
            if let loop = object as? LoopContext { return try loop.call(arguments, in: context) }
            if let joiner = object as? Joiner { return joiner.call() }
            if let callable = object as? any CallableTemplateObject {
                return try Self.evaluating { try callable.call(arguments) }
            }
            throw EvaluationError("'\(type(of: object))' object is not callable")
        case .undefined(let message):
            throw EvaluationError(message)
        default:
            throw EvaluationError("'\(typeName)' object is not callable")
        }
    }
}
