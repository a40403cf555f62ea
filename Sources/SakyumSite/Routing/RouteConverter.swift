import Foundation

/// How a rule variable matches URL text and turns values back into URL text, after
/// Werkzeug's converters. The same checks serve matching and building.
enum RouteConverter: Sendable, Hashable {
    /// One segment of `minLength...maxLength` characters (`string`, also the default).
    case string(minLength: Int, maxLength: Int?)
    /// Decimal digits, optionally signed, zero-padded to `fixedDigits` when that is not 0.
    case int(fixedDigits: Int, min: Int?, max: Int?, signed: Bool)
    /// `digits.digits`, optionally signed.
    case float(min: Double?, max: Double?, signed: Bool)
    /// One or more segments, slashes included.
    case path
    /// A UUID in its 8-4-4-4-12 hexadecimal form.
    case uuid
    /// Exactly one of the listed words.
    case any([String])

    /// Builds the converter `name` from its parsed argument list.
    init(name: String, arguments: ConverterArguments) throws(ConverterArgumentError) {
        switch name {
        case "default", "string":
            let bound = try arguments.bind(to: ["minlength", "maxlength", "length"])
            let length = try Self.integer(bound["length"], "length", atLeast: 1)
            var minLength = try Self.integer(bound["minlength"], "minlength", atLeast: 1) ?? 1
            var maxLength = try Self.integer(bound["maxlength"], "maxlength", atLeast: 1)
            if let length {
                guard bound["minlength"] == nil, bound["maxlength"] == nil else {
                    throw ConverterArgumentError("cannot combine 'length' with 'minlength' or 'maxlength'")
                }
                minLength = length
                maxLength = length
            }
            if let maxLength, maxLength < minLength {
                throw ConverterArgumentError("has 'maxlength' \(maxLength) below 'minlength' \(minLength)")
            }
            self = .string(minLength: minLength, maxLength: maxLength)
        case "int":
            let bound = try arguments.bind(to: ["fixed_digits", "min", "max", "signed"])
            let min = try Self.integer(bound["min"], "min", atLeast: nil)
            let max = try Self.integer(bound["max"], "max", atLeast: nil)
            if let min, let max, max < min {
                throw ConverterArgumentError("has 'max' \(max) below 'min' \(min)")
            }
            self = .int(
                fixedDigits: try Self.integer(bound["fixed_digits"], "fixed_digits", atLeast: 0) ?? 0,
                min: min,
                max: max,
                signed: try Self.boolean(bound["signed"], "signed")
            )
        case "float":
            let bound = try arguments.bind(to: ["min", "max", "signed"])
            let min = try Self.number(bound["min"], "min")
            let max = try Self.number(bound["max"], "max")
            if let min, let max, max < min {
                throw ConverterArgumentError("has 'max' \(max) below 'min' \(min)")
            }
            self = .float(min: min, max: max, signed: try Self.boolean(bound["signed"], "signed"))
        case "path":
            _ = try arguments.bind(to: [])
            self = .path
        case "uuid":
            _ = try arguments.bind(to: [])
            self = .uuid
        case "any":
            guard arguments.named.isEmpty else { throw ConverterArgumentError("takes only positional words") }
            let words = try arguments.positional.map { (value) throws(ConverterArgumentError) -> String in
                switch value {
                case .string(let word) where !word.isEmpty: return word
                case .int(let number): return String(number)
                default: throw ConverterArgumentError("takes only non-empty words")
                }
            }
            guard !words.isEmpty else { throw ConverterArgumentError("needs at least one word") }
            self = .any(words)
        default:
            throw ConverterArgumentError("does not exist (known: string, int, float, path, uuid, any)")
        }
    }

    /// Werkzeug's ordering weight: lower weights are tried first.
    var weight: Int {
        switch self {
        case .int, .float: 50
        case .string, .uuid, .any: 100
        case .path: 200
        }
    }

    /// Whether the converter consumes slashes, making its rule part span the rest of the path.
    var spansSegments: Bool {
        if case .path = self { true } else { false }
    }

    /// Whether shorter text is tried first, like Werkzeug's non-greedy `path` pattern.
    var prefersShortestMatch: Bool { spansSegments }

    /// The argument for matched `text`, or nil when the text is not one this converter accepts.
    func argument(fromURLText text: String) -> RouteArgument? {
        guard !text.isEmpty else { return nil }
        switch self {
        case .string(let minLength, let maxLength):
            let count = text.count
            guard count >= minLength, maxLength.map({ count <= $0 }) ?? true else { return nil }
            return .string(text)
        case .int(let fixedDigits, let min, let max, let signed):
            let digits = signed && text.first == "-" ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit),
                fixedDigits == 0 || text.count == fixedDigits,
                let value = Int(text),
                min.map({ value >= $0 }) ?? true, max.map({ value <= $0 }) ?? true
            else { return nil }
            return .int(value)
        case .float(let min, let max, let signed):
            let unsigned = signed && text.first == "-" ? text.dropFirst() : Substring(text)
            let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                let value = Double(text), value.isFinite,
                min.map({ value >= $0 }) ?? true, max.map({ value <= $0 }) ?? true
            else { return nil }
            return .double(value)
        case .path:
            guard text.first != "/" else { return nil }
            return .string(text)
        case .uuid:
            let groups = text.split(separator: "-", omittingEmptySubsequences: false)
            guard groups.map(\.count) == [8, 4, 4, 4, 12], groups.allSatisfy({ $0.allSatisfy(\.isHexDigit) }),
                let value = UUID(uuidString: text)
            else { return nil }
            return .uuid(value)
        case .any(let words):
            return words.contains(text) ? .string(text) : nil
        }
    }

    /// The canonical URL text (not yet percent-encoded) for a value given to `build`, or nil
    /// when the value is not one this converter would match.
    func urlText(for value: String) -> String? {
        let text: String?
        switch self {
        case .string, .path, .any:
            text = value
        case .int(let fixedDigits, _, _, _):
            text = Self.integerText(value).map { Self.zeroPadded($0, to: fixedDigits) }
        case .float:
            text = Self.decimalText(value)
        case .uuid:
            text = UUID(uuidString: value).map { $0.uuidString.lowercased() }
        }
        guard let text, argument(fromURLText: text) != nil else { return nil }
        return text
    }

    private static func integerText(_ value: String) -> String? {
        Int(value.trimmingWhitespace()).map { String($0) }
    }

    private static func zeroPadded(_ text: String, to width: Int) -> String {
        let digits = text.first == "-" ? text.dropFirst() : Substring(text)
        let padding = String(repeating: "0", count: max(0, width - text.count))
        return (text.first == "-" ? "-" : "") + padding + digits
    }

    /// Formats a decimal the way the `float` converter matches it: digits, a dot, digits.
    private static func decimalText(_ value: String) -> String? {
        guard let number = Double(value.trimmingWhitespace()), number.isFinite else { return nil }
        let described = String(abs(number))
        let mantissa: Substring
        let exponent: Int
        if let marker = described.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = described[..<marker]
            guard let parsed = Int(described[described.index(after: marker)...]) else { return nil }
            exponent = parsed
        } else {
            mantissa = Substring(described)
            exponent = 0
        }
        let digits = mantissa.filter { $0 != "." }
        let point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count) + exponent
        let plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            plain = digits + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            plain = String(digits.prefix(point)) + "." + digits.dropFirst(point)
        }
        return (number < 0 ? "-" : "") + plain
    }

    private static func integer(
        _ value: ConverterArguments.Value?, _ name: String, atLeast lowest: Int?
    ) throws(ConverterArgumentError) -> Int? {
        switch value {
        case nil, .none?:
            return nil
        case .int(let number)?:
            if let lowest, number < lowest {
                throw ConverterArgumentError("needs '\(name)' of at least \(lowest), not \(number)")
            }
            return number
        default:
            throw ConverterArgumentError("needs an integer for '\(name)'")
        }
    }

    private static func number(_ value: ConverterArguments.Value?, _ name: String) throws(ConverterArgumentError) -> Double? {
        switch value {
        case nil, .none?: nil
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: throw ConverterArgumentError("needs a number for '\(name)'")
        }
    }

    private static func boolean(_ value: ConverterArguments.Value?, _ name: String) throws(ConverterArgumentError) -> Bool {
        switch value {
        case nil, .none?: false
        case .bool(let flag)?: flag
        default: throw ConverterArgumentError("needs True or False for '\(name)'")
        }
    }
}
