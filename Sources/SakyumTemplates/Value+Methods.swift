import Foundation

/// The Python methods templates call on strings, dicts, lists and dates (`s.split(',')`, `d.items()`).
extension Value {
    /// Calls `self.name(arguments)`; nil when the value has no such built-in method.
    func callMethod(_ name: String, _ arguments: TemplateArguments, in context: RenderContext) throws -> Value? {
        switch self {
        case .string(let text): return try Value.stringMethod(text, name, arguments, markup: false, in: context)
        case .markup(let markup): return try Value.stringMethod(markup.string, name, arguments, markup: true, in: context)
        case .dict(let dictionary): return try Value.dictionaryMethod(dictionary, name, arguments)
        case .array(let items): return try Value.listMethod(items, name, arguments)
        case .date(let date): return try Value.dateMethod(date, name, arguments)
        case .object(let object):
            if type(of: object) == LoopContext.self, let loop = object as? LoopContext {
                if name == "cycle" { return try loop.cycle(arguments) }
                if name == "changed" { return loop.changed(arguments) }
            }
            return nil
        default: return nil
        }
    }

    private static func argument(_ arguments: TemplateArguments, _ name: String, _ position: Int) -> Value? {
        guard let value = arguments.value(name, at: position) else { return nil }
        if case .none = value { return nil }
        return value
    }

    private static func stringArgument(_ arguments: TemplateArguments, _ name: String, _ position: Int) throws -> String? {
        guard let value = argument(arguments, name, position) else { return nil }
        guard let text = value.stringContent else {
            throw EvaluationError("must be str or None, not \(value.typeName)")
        }
        return text
    }

    private static func stringMethod(
        _ text: String, _ name: String, _ arguments: TemplateArguments, markup: Bool, in context: RenderContext
    ) throws -> Value?
    {
        func wrap(_ result: String) -> Value { markup ? .markup(Markup(safe: result)) : .string(result) }
        /// Markup receivers escape plain string arguments, like MarkupSafe.
        func textArgument(_ value: Value) -> String {
            if markup, case .string(let plain) = value { return Markup.escaped(plain) }
            return value.text
        }
        switch name {
        case "upper": return wrap(text.uppercased())
        case "lower", "casefold": return wrap(PythonString.lower(text))
        case "swapcase":
            return wrap(String(text.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
        case "strip", "lstrip", "rstrip":
            let characters = try stringArgument(arguments, "chars", 0)
            return wrap(PythonString.strip(text, characters: characters, leading: name != "rstrip", trailing: name != "lstrip"))
        case "split", "rsplit":
            let separator = try stringArgument(arguments, "sep", 0)
            let maxSplit: Int
            if case .int(let limit)? = argument(arguments, "maxsplit", 1) { maxSplit = limit } else { maxSplit = -1 }
            let parts = try PythonString.split(text, separator: separator, maxSplit: maxSplit, fromRight: name == "rsplit")
            return .array(parts.map(wrap))
        case "splitlines":
            return .array(PythonString.splitLines(text).map(wrap))
        case "startswith", "endswith":
            guard let prefix = arguments.positional.first else { throw EvaluationError("\(name)() takes at least 1 argument (0 given)") }
            let candidates = prefix.stringContent.map { [$0] } ?? (prefix.iterationElements ?? []).compactMap(\.stringContent)
            return .bool(candidates.contains { name == "startswith" ? text.hasPrefix($0) : text.hasSuffix($0) })
        case "replace":
            guard arguments.positional.count >= 2 else { throw EvaluationError("replace expected at least 2 arguments") }
            var count = -1
            if arguments.positional.count > 2, case .int(let limit) = arguments.positional[2] { count = limit }
            let old = arguments.positional[0].text
            let new = textArgument(arguments.positional[1])
            return wrap(try PythonString.replace(text, old, new, count: count))
        case "format", "format_map":
            var positional = arguments.positional
            var keyword = arguments.keyword
            if name == "format_map", case .dict(let mapping)? = positional.first {
                keyword = mapping.pairs
                positional = []
            }
            if markup {
                positional = positional.map { value in
                    if case .string(let plain) = value { return .markup(Markup.escape(plain)) }
                    return value
                }
                keyword = keyword.map { pair in
                    if case .string(let plain) = pair.1 { return (pair.0, .markup(Markup.escape(plain))) }
                    return pair
                }
            }
            return wrap(try StringFormat.format(text, positional: positional, keyword: keyword))
        case "title": return wrap(PythonString.title(text))
        case "capitalize": return wrap(PythonString.capitalize(text))
        case "join":
            guard let iterable = arguments.positional.first, let items = try context.walkedItems(of: iterable) else {
                throw EvaluationError("can only join an iterable")
            }
            return wrap(try Filters.joined(items.count, separator: text) { textArgument(items[$0]) })
        case "count":
            guard let needle = arguments.positional.first?.stringContent else { throw EvaluationError("must be str") }
            return .int(PythonString.count(text, needle))
        case "find", "index", "rfind":
            guard let needle = arguments.positional.first?.stringContent else { throw EvaluationError("must be str") }
            let haystack = Array(text.utf8)
            let needleBytes = Array(needle.utf8)
            let offset =
                needle.isEmpty
                ? (name == "rfind" ? haystack.count : 0)
                : name == "rfind"
                    ? UTF8Search.lastOccurrence(of: needleBytes, in: haystack)
                    : UTF8Search.occurrences(of: needleBytes, in: haystack, limit: 1).first?.lowerBound
            guard let offset else {
                if name == "index" { throw EvaluationError("substring not found") }
                return .int(-1)
            }
            return .int(UTF8Search.codePointCount(haystack, upTo: offset))
        case "isdigit", "isdecimal", "isnumeric":
            return .bool(!text.isEmpty && text.allSatisfy { $0.isNumber })
        case "isalpha": return .bool(!text.isEmpty && text.allSatisfy { $0.isLetter })
        case "isalnum": return .bool(!text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber })
        case "isspace": return .bool(!text.isEmpty && text.allSatisfy(PythonString.isSpace))
        case "islower": return .bool(text.contains { $0.isLowercase } && !text.contains { $0.isUppercase })
        case "isupper": return .bool(text.contains { $0.isUppercase } && !text.contains { $0.isLowercase })
        case "zfill":
            guard case .int(let width)? = arguments.positional.first else { throw EvaluationError("zfill() takes an integer") }
            try Value.checkedSize(width)
            let padding = String(repeating: "0", count: max(0, width - text.count))
            if let sign = text.first, sign == "-" || sign == "+" { return wrap(String(sign) + padding + text.dropFirst()) }
            return wrap(padding + text)
        case "center", "ljust", "rjust":
            guard case .int(let width)? = arguments.positional.first else { throw EvaluationError("\(name)() takes an integer") }
            try Value.checkedSize(width)
            let fill = arguments.positional.count > 1 ? (arguments.positional[1].stringContent ?? " ") : " "
            return wrap(PythonString.pad(text, width: width, fill: fill, alignment: name))
        case "partition", "rpartition":
            guard let separator = arguments.positional.first?.stringContent, !separator.isEmpty else {
                throw EvaluationError("empty separator")
            }
            let haystack = Array(text.utf8)
            let needle = Array(separator.utf8)
            let offset =
                name == "partition"
                ? UTF8Search.occurrences(of: needle, in: haystack, limit: 1).first?.lowerBound
                : UTF8Search.lastOccurrence(of: needle, in: haystack)
            guard let offset else {
                let parts = name == "partition" ? [wrap(text), wrap(""), wrap("")] : [wrap(""), wrap(""), wrap(text)]
                return .object(TupleValue(elements: parts))
            }
            return .object(
                TupleValue(elements: [
                    wrap(UTF8Search.string(haystack[..<offset])), wrap(separator),
                    wrap(UTF8Search.string(haystack[(offset + needle.count)...])),
                ]))
        case "removeprefix":
            guard let prefix = arguments.positional.first?.stringContent else { throw EvaluationError("must be str") }
            return wrap(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        case "removesuffix":
            guard let suffix = arguments.positional.first?.stringContent else { throw EvaluationError("must be str") }
            return wrap(text.hasSuffix(suffix) && !suffix.isEmpty ? String(text.dropLast(suffix.count)) : text)
        default: return nil
        }
    }

    private static func dictionaryMethod(_ dictionary: ValueDictionary, _ name: String, _ arguments: TemplateArguments)
        throws -> Value?
    {
        switch name {
        case "items": return .array(dictionary.lazyPairs.map { TupleValue.pair(.string($0.0), $0.1) })
        case "keys": return .array(dictionary.keys.map(Value.string))
        case "values": return .array(dictionary.values)
        case "get":
            guard let key = arguments.positional.first else { throw EvaluationError("get expected at least 1 argument, got 0") }
            let fallback = arguments.positional.count > 1 ? arguments.positional[1] : .none
            return key.stringContent.flatMap { dictionary[$0] } ?? fallback
        case "copy": return .dict(dictionary)
        case "update", "pop", "setdefault":
            throw EvaluationError("dict.\(name)() is not supported: template values are immutable (use namespace())")
        default: return nil
        }
    }

    private static func listMethod(_ items: [Value], _ name: String, _ arguments: TemplateArguments) throws -> Value? {
        switch name {
        case "index":
            guard let needle = arguments.positional.first else { throw EvaluationError("index expected 1 argument") }
            guard let position = items.firstIndex(where: { Value.equal($0, needle) }) else {
                throw EvaluationError("\(needle.repr) is not in list")
            }
            return .int(position)
        case "count":
            guard let needle = arguments.positional.first else { throw EvaluationError("count expected 1 argument") }
            return .int(items.filter { Value.equal($0, needle) }.count)
        case "copy": return .array(items)
        default: return nil
        }
    }

    private static func dateMethod(_ date: Date, _ name: String, _ arguments: TemplateArguments) throws -> Value? {
        let utc = TimeZone(identifier: "UTC")!
        switch name {
        case "strftime":
            guard let pattern = arguments.positional.first?.stringContent else { throw EvaluationError("strftime() needs a format") }
            return .string(Strftime.format(date, pattern: pattern, timeZone: utc))
        case "isoformat":
            let separator = arguments.positional.first?.stringContent ?? "T"
            return .string(Strftime.format(date, pattern: "%Y-%m-%d\(separator)%H:%M:%S", timeZone: utc))
        case "weekday", "isoweekday":
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = utc
            let sundayBased = calendar.component(.weekday, from: date) - 1
            let mondayBased = (sundayBased + 6) % 7
            return .int(name == "weekday" ? mondayBased : mondayBased + 1)
        case "timestamp": return .double(date.timeIntervalSince1970)
        case "date": return .string(Strftime.format(date, pattern: "%Y-%m-%d", timeZone: utc))
        case "time": return .string(Strftime.format(date, pattern: "%H:%M:%S", timeZone: utc))
        default: return nil
        }
    }
}
