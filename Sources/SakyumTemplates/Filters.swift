import Foundation

/// What a filter sees besides its input and arguments.
struct FilterContext {
    let render: RenderContext
    /// Whether the template (or `{% autoescape %}` block) using the filter autoescapes.
    let autoescape: Bool
}

typealias FilterFunction = @Sendable (Value, TemplateArguments, FilterContext) throws -> Value

/// A filter in `Filters.table`. A struct, not a bare function: a dictionary stores a function in its most general
/// form, so each call of a filter taken from it went through a reabstraction thunk.
struct Filter: Sendable {
    let apply: FilterFunction

    init(_ apply: @escaping FilterFunction) {
        self.apply = apply
    }
}

/// The built-in filters, by name, like Jinja2's `filters.py` (plus `datetimeformat` and `dateformat`).
enum Filters {
    static let table: [String: Filter] = [
        "abs": Filter(abs), "attr": Filter(attr), "batch": Filter(batch), "capitalize": Filter(capitalize),
        "center": Filter(center), "count": Filter(length), "d": Filter(defaultValue), "default": Filter(defaultValue),
        "dictsort": Filter(dictsort), "e": Filter(escape), "escape": Filter(escape),
        "filesizeformat": Filter(filesizeformat), "first": Filter(first), "float": Filter(float),
        "forceescape": Filter(forceescape), "format": Filter(format), "groupby": Filter(groupby),
        "indent": Filter(indent), "int": Filter(int), "items": Filter(items), "join": Filter(join),
        "last": Filter(last), "length": Filter(length), "list": Filter(list), "lower": Filter(lower),
        "map": Filter(map), "max": Filter(max), "min": Filter(min), "pprint": Filter(pprint),
        "random": Filter(random), "reject": Filter(reject), "rejectattr": Filter(rejectattr),
        "replace": Filter(replace), "reverse": Filter(reverse), "round": Filter(round), "safe": Filter(safe),
        "select": Filter(select), "selectattr": Filter(selectattr), "slice": Filter(slice), "sort": Filter(sort),
        "string": Filter(string), "striptags": Filter(striptags), "sum": Filter(sum), "title": Filter(title),
        "tojson": Filter(tojson), "trim": Filter(trim), "truncate": Filter(truncate), "unique": Filter(unique),
        "upper": Filter(upper), "urlencode": Filter(urlencode), "urlize": Filter(urlize),
        "wordcount": Filter(wordcount), "wordwrap": Filter(wordwrap), "xmlattr": Filter(xmlattr),
        "datetimeformat": Filter(datetimeformat), "dateformat": Filter(dateformat),
    ]

    // MARK: Argument helpers

    private static func argument(_ arguments: TemplateArguments, _ name: String, _ position: Int) -> Value? {
        arguments.value(name, at: position)
    }

    private static func intArgument(_ arguments: TemplateArguments, _ name: String, _ position: Int, _ fallback: Int) throws -> Int {
        guard let value = argument(arguments, name, position) else { return fallback }
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .double(let d): return try Value.integer(from: d)
        case .string(let s): if let i = Int(s) { return i }
        default: break
        }
        throw EvaluationError("'\(value.typeName)' object cannot be interpreted as an integer")
    }

    private static func boolArgument(_ arguments: TemplateArguments, _ name: String, _ position: Int, _ fallback: Bool) -> Bool {
        argument(arguments, name, position)?.isTruthy ?? fallback
    }

    private static func stringArgument(_ arguments: TemplateArguments, _ name: String, _ position: Int) -> String? {
        guard let value = argument(arguments, name, position), !value.isNone else { return nil }
        return value.text
    }

    /// Keeps Markup as Markup (MarkupSafe's `soft_str`).
    private static func softString(_ value: Value, _ transform: (String) throws -> String) rethrows -> Value {
        if case .markup(let markup) = value { return .markup(Markup(safe: try transform(markup.string))) }
        return .string(try transform(value.text))
    }

    private static func elements(_ value: Value, _ context: FilterContext) throws -> [Value] {
        guard let items = try context.render.walkedItems(of: value) else { throw EvaluationError("'\(value.typeName)' object is not iterable") }
        return items
    }

    /// Jinja2's `make_attrgetter`: dotted paths, integer parts index, optional lower-casing and default.
    static func attributeGetter(_ path: String?, lowercase: Bool = false, fallback: Value? = nil) -> (Value) throws -> Value {
        let parts: [Value] = path.map { path in
            // Most paths are one name: Character-wise `split` costs more than the lookup it prepares.
            let names = path.withUTF8Bytes({ $0.contains(UInt8(ascii: ".")) }) ? path.split(separator: ".").map(String.init) : [path]
            return names.map { part in Int(part).map(Value.int) ?? .string(part) }
        } ?? []
        return { value in
            var current = value
            for part in parts {
                current = try current.item(part)
                if current.isUndefined, let fallback {
                    current = fallback
                    break
                }
            }
            if lowercase, case .string(let s) = current { return .string(PythonString.lower(s)) }
            if lowercase, case .markup(let m) = current { return .string(PythonString.lower(m.string)) }
            return current
        }
    }

    private static func sorted(_ items: [Value], key: (Value) throws -> Value, reverse: Bool) throws -> [Value] {
        // Keys cannot fail or have effects (a missing attribute is undefined), so short lists need none.
        guard items.count > 1 else { return items }
        let keyed = try items.map { (try key($0), $0) }
        // Jinja2 compares keys as lists ([key]), and lists compare elements with == first: two undefined keys are
        // equal there, and never reach the < that would raise.
        func less(_ left: Value, _ right: Value) throws -> Bool {
            if left.isUndefined && right.isUndefined { return false }
            return try Value.compare(left, right, symbol: "<") < 0
        }
        // Stable either way, like Python's sorted(reverse=True): equal keys keep their order.
        let ordered = reverse ? try keyed.sorted { try less($1.0, $0.0) } : try keyed.sorted { try less($0.0, $1.0) }
        return ordered.map(\.1)
    }

    // MARK: Filters

    static func abs(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        switch value {
        case .int(let i): return .int(i.magnitude > UInt(Int.max) ? i : Swift.abs(i))
        case .double(let d): return .double(Swift.abs(d))
        case .bool(let b): return .int(b ? 1 : 0)
        default: throw EvaluationError("bad operand type for abs(): '\(value.typeName)'")
        }
    }

    static func attr(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        guard let name = stringArgument(arguments, "name", 0) else { throw EvaluationError("attr() needs a name") }
        switch value {
        case .dict: return value.hasMethod(name) ? try value.attribute(name) : .undefined("'dict object' has no attribute '\(name)'")
        default: return try value.attribute(name)
        }
    }

    static func batch(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let size = try intArgument(arguments, "linecount", 0, 1)
        guard size > 0 else { throw EvaluationError("batch size must be positive") }
        let fill = argument(arguments, "fill_with", 1).flatMap { $0.isNone ? nil : $0 }
        let items = try elements(value, context)
        var result: [Value] = []
        result.reserveCapacity(items.count / size + 1)
        var start = 0
        while start < items.count {
            let end = start + Swift.min(size, items.count - start)
            var batch = Array(items[start..<end])
            if let fill, batch.count < size { batch += Array(repeating: fill, count: size - batch.count) }
            result.append(.array(batch))
            start = end
        }
        return .array(result)
    }

    static func capitalize(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        softString(value, PythonString.capitalize)
    }

    static func center(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let width = try intArgument(arguments, "width", 0, 80)
        try Value.checkedSize(width)
        return softString(value) { PythonString.pad($0, width: width, fill: " ", alignment: "center") }
    }

    static func defaultValue(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let fallback = argument(arguments, "default_value", 0) ?? .string("")
        let boolean = boolArgument(arguments, "boolean", 1, false)
        if value.isUndefined || (boolean && !value.isTruthy) { return fallback }
        return value
    }

    static func dictsort(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        guard case .dict(let dictionary) = value else { throw EvaluationError("You can only sort by either \"key\" or \"value\"") }
        let caseSensitive = boolArgument(arguments, "case_sensitive", 0, false)
        let by = stringArgument(arguments, "by", 1) ?? "key"
        let reverse = boolArgument(arguments, "reverse", 2, false)
        guard by == "key" || by == "value" else { throw EvaluationError("You can only sort by either \"key\" or \"value\"") }
        let pairs: [Value] = dictionary.lazyPairs.map { TupleValue.pair(.string($0.0), $0.1) }
        let position = by == "key" ? 0 : 1
        return .array(
            try sorted(
                pairs,
                key: { pair in
                    let key = try pair.item(.int(position))
                    if !caseSensitive, let text = key.stringContent { return .string(PythonString.lower(text)) }
                    return key
                }, reverse: reverse))
    }

    static func escape(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        if case .markup = value { return value }
        return .markup(Markup.escape(value.text))
    }

    static func forceescape(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        .markup(Markup.escape(value.text))
    }

    static func filesizeformat(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        guard let bytes = value.doubleValue ?? value.stringContent.flatMap(Double.init) else {
            throw EvaluationError("could not convert \(value.typeName) to float: \(value.repr)")
        }
        let binary = boolArgument(arguments, "binary", 0, false)
        let base = binary ? 1024.0 : 1000.0
        let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        if bytes == 1 { return .string("1 Byte") }
        if bytes < base { return .string("\((try? Value.integer(from: bytes)).map(String.init) ?? PythonText.float(bytes)) Bytes") }
        var unit = base
        for (index, prefix) in prefixes.enumerated() {
            unit = pow(base, Double(index + 2))
            if bytes < unit || index == prefixes.count - 1 {
                return .string(String(format: "%.1f %@", base * bytes / unit, prefix))
            }
        }
        return .string("")
    }

    static func first(_ value: Value, _: TemplateArguments, _ context: FilterContext) throws -> Value {
        try endItem(of: value, last: false, context) ?? .undefined("No first item, sequence was empty.")
    }

    static func last(_ value: Value, _: TemplateArguments, _ context: FilterContext) throws -> Value {
        try endItem(of: value, last: true, context) ?? .undefined("No last item, sequence was empty.")
    }

    /// Like Jinja2, takes one item of a list or string, not the whole sequence.
    private static func endItem(of value: Value, last: Bool, _ context: FilterContext) throws -> Value? {
        func end<Items: BidirectionalCollection>(_ items: Items) -> Items.Element? { last ? items.last : items.first }
        switch value {
        case .array(let items): return end(items)
        case .string(let text): return end(text).map { .string(String($0)) }
        case .markup(let markup): return end(markup.string).map { .string(String($0)) }
        default: return end(try elements(value, context))
        }
    }

    static func float(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let fallback = argument(arguments, "default", 0) ?? .double(0)
        switch value {
        case .undefined(let message): throw EvaluationError(message)
        case .int, .double, .bool: return .double(value.doubleValue!)
        case .string, .markup:
            let text = PythonString.strip(value.stringContent!, characters: nil, leading: true, trailing: true)
                .filter { $0 != "_" }
            if let number = Double(text) { return .double(number) }
            switch text.lowercased() {
            case "inf", "+inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default: return fallback
            }
        default: return fallback
        }
    }

    static func format(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        try PercentFormat.checkFilterArguments(arguments)
        if case .markup(let markup) = value {
            return .markup(Markup(safe: try PercentFormat.format(try PercentFormat.parse(markup.string), arguments, escaping: true)))
        }
        return .string(try PercentFormat.format(try PercentFormat.parse(value.text), arguments, escaping: false))
    }

    /// `'…'|format(…)` with a constant plain-string format parsed at compile time.
    static func format(_ parsed: PercentFormat.Parsed, _ arguments: TemplateArguments) throws -> Value {
        .string(try PercentFormat.format(parsed, arguments, escaping: false))
    }

    static func groupby(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        guard let attribute = stringArgument(arguments, "attribute", 0) else { throw EvaluationError("groupby() needs an attribute") }
        let fallback = argument(arguments, "default", 1).flatMap { $0.isNone ? nil : $0 }
        let caseSensitive = boolArgument(arguments, "case_sensitive", 2, false)
        let key = attributeGetter(attribute, lowercase: !caseSensitive, fallback: fallback)
        let output = attributeGetter(attribute, fallback: fallback)
        let ordered = try sorted(try elements(value, context), key: key, reverse: false)
        var groups: [GroupTuple] = []
        var currentKey: Value?
        var current: [Value] = []
        for item in ordered {
            let itemKey = try key(item)
            if let currentKey, Value.equal(currentKey, itemKey) {
                current.append(item)
                continue
            }
            if !current.isEmpty { groups.append(GroupTuple(grouper: try output(current[0]), list: current)) }
            currentKey = itemKey
            current = [item]
        }
        if !current.isEmpty { groups.append(GroupTuple(grouper: try output(current[0]), list: current)) }
        return .array(groups.map { .object($0) })
    }

    static func indent(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let indentation: String
        if let width = argument(arguments, "width", 0), let text = width.stringContent {
            indentation = text
        } else {
            let width = Swift.max(0, try intArgument(arguments, "width", 0, 4))
            try Value.checkedSize(width)
            indentation = String(repeating: " ", count: width)
        }
        let first = boolArgument(arguments, "first", 1, false)
        let blank = boolArgument(arguments, "blank", 2, false)
        let lineCount = value.text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        try Value.checkedSize(indentation.utf8.count, times: lineCount + 1)
        try Value.checkedSize(value.text.utf8.count + indentation.utf8.count * (lineCount + 1))
        return softString(value) { text in
            let lines = PythonString.splitLines(text + "\n")
            var result: String
            if blank {
                result = lines.joined(separator: "\n" + indentation)
            } else {
                result = lines.first ?? ""
                if lines.count > 1 {
                    result += "\n" + lines.dropFirst().map { $0.isEmpty ? $0 : indentation + $0 }.joined(separator: "\n")
                }
            }
            return first ? indentation + result : result
        }
    }

    static func int(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let fallback = argument(arguments, "default", 0) ?? .int(0)
        let base = try intArgument(arguments, "base", 1, 10)
        guard base == 0 || (2...36).contains(base) else { throw EvaluationError("int() base must be >= 2 and <= 36, or 0") }
        switch value {
        case .undefined(let message): throw EvaluationError(message)
        case .int: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            guard d.isFinite, Swift.abs(d) < 9.2e18 else { return fallback }
            return .int(Int(d))
        case .string, .markup:
            let trimmed = PythonString.strip(value.stringContent!, characters: nil, leading: true, trailing: true)
            var text = trimmed.filter { $0 != "_" }
            var negative = false
            if text.hasPrefix("-") || text.hasPrefix("+") {
                negative = text.hasPrefix("-")
                text.removeFirst()
            }
            var radix = base
            let lower = text.lowercased()
            if base == 16 && lower.hasPrefix("0x") || base == 8 && lower.hasPrefix("0o") || base == 2 && lower.hasPrefix("0b") {
                text.removeFirst(2)
            } else if base == 0 {
                radix = lower.hasPrefix("0x") ? 16 : lower.hasPrefix("0o") ? 8 : lower.hasPrefix("0b") ? 2 : 10
                if radix != 10 { text.removeFirst(2) }
            }
            if !text.isEmpty, !text.hasPrefix("-"), !text.hasPrefix("+"), let number = Int(text, radix: radix) {
                return .int(negative ? -number : number)
            }
            if let number = Double(trimmed), number.isFinite,
                Swift.abs(number) < 9.2e18
            {
                return .int(Int(number))
            }
            return fallback
        default: return fallback
        }
    }

    static func items(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        switch value {
        case .undefined: return .array([])
        case .dict(let dictionary): return .array(dictionary.lazyPairs.map { TupleValue.pair(.string($0.0), $0.1) })
        default: throw EvaluationError("Can only get item pairs from a mapping.")
        }
    }

    static func join(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let separator = argument(arguments, "d", 0) ?? .string("")
        var items = try elements(value, context)
        if let attribute = stringArgument(arguments, "attribute", 1) {
            let getter = attributeGetter(attribute)
            items = try items.map(getter)
        }
        let plainSeparator = separator.text
        if case .string = separator, let strings = try joinedStrings(items, separator: plainSeparator) { return .string(strings) }
        guard context.autoescape else { return .string(try joined(items.count, separator: plainSeparator) { items[$0].text }) }
        // Markup in the list or as the separator: the result is markup, the plain parts escaped.
        let markupSeparator: String? = if case .markup(let markup) = separator { markup.string } else { nil }
        if markupSeparator != nil || items.contains(where: { if case .markup = $0 { true } else { false } }) {
            return .markup(Markup(safe: try joined(items.count, separator: markupSeparator ?? Markup.escaped(plainSeparator)) { index in
                if case .markup(let markup) = items[index] { return markup.string }
                return Markup.escaped(items[index].text)
            }))
        }
        return .string(try joined(items.count, separator: plainSeparator) { items[$0].text })
    }

    /// Plain strings (a tag or role list) joined in one allocation sized beforehand; nil when an item is anything
    /// else (numbers, markup, nested lists), which the general path turns into text and escapes as needed.
    private static func joinedStrings(_ items: [Value], separator: String) throws -> String? {
        var total = separator.utf8.count * Swift.max(items.count - 1, 0)
        for item in items {
            guard case .string(let text) = item else { return nil }
            total += text.utf8.count
        }
        try Value.checkedSize(total)
        return String(unsafeUninitializedCapacity: total) { buffer in
            var position = 0
            func copy(_ text: String) {
                text.withUTF8Bytes { bytes in
                    guard let source = bytes.baseAddress else { return }
                    (buffer.baseAddress! + position).initialize(from: source, count: bytes.count)
                    position += bytes.count
                }
            }
            for (index, item) in items.enumerated() {
                if index > 0 { copy(separator) }
                if case .string(let text) = item { copy(text) }
            }
            return position
        }
    }

    /// `count` texts with `separator` between, refused before it passes the size limit: nested joins with long
    /// separators grow like nested `replace('', …)` (scripts/fuzz ran out of memory on one). A few texts are
    /// appended to a string (a result of up to 15 bytes, most tag and role lists, stays small, with no
    /// allocation at all); more are written into one buffer.
    static func joined(_ count: Int, separator: String, text: (Int) -> String) throws -> String {
        switch count {
        case 0: return ""
        case 1: return text(0)
        case 2...4:
            var result = text(0)
            for index in 1..<count {
                let next = text(index)
                try Value.checkedSize(result.utf8.count + separator.utf8.count + next.utf8.count)
                result.append(separator)
                result.append(next)
            }
            return result
        default:
            var buffer = OutputBuffer(capacity: 64)
            buffer.append(text(0))
            for index in 1..<count {
                let next = text(index)
                try Value.checkedSize(buffer.byteCount + separator.utf8.count + next.utf8.count)
                buffer.append(separator)
                buffer.append(next)
            }
            return buffer.text
        }
    }

    static func length(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        switch value {
        case .string(let s): return .int(PythonString.length(s))
        case .markup(let m): return .int(PythonString.length(m.string))
        case .array(let items): return .int(items.count)
        case .dict(let d): return .int(d.count)
        case .undefined: return .int(0)
        case .object(let o) where o is any TemplateSequence: return .int((o as! any TemplateSequence).elements.count)
        default: throw EvaluationError("object of type '\(value.typeName)' has no len()")
        }
    }

    static func list(_ value: Value, _: TemplateArguments, _ context: FilterContext) throws -> Value {
        .array(try elements(value, context))
    }

    static func lower(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        softString(value, PythonString.lower)
    }

    static func upper(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        softString(value) { $0.uppercased() }
    }

    static func map(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let items = try elements(value, context)
        if let attribute = arguments.keyword.first(where: { $0.0 == "attribute" })?.1.text {
            let fallback = arguments.keyword.first { $0.0 == "default" }?.1
            let getter = attributeGetter(attribute, fallback: fallback)
            return .array(try items.map(getter))
        }
        guard let name = arguments.positional.first?.stringContent else { throw EvaluationError("map requires a filter argument") }
        guard let filter = table[name]?.apply else { throw EvaluationError("No filter named '\(name)'.") }
        let rest = TemplateArguments(positional: Array(arguments.positional.dropFirst()), keyword: arguments.keyword)
        return try map(items, applying: filter, rest, context)
    }

    /// `map` with the filter already found (`rest`: the arguments after the filter's name).
    static func map(_ value: Value, applying filter: FilterFunction, _ rest: TemplateArguments, _ context: FilterContext) throws -> Value {
        try map(try elements(value, context), applying: filter, rest, context)
    }

    private static func map(_ items: [Value], applying filter: FilterFunction, _ rest: TemplateArguments, _ context: FilterContext) throws
        -> Value
    {
        .array(try items.map { try filter($0, rest, context) })
    }

    private static func aggregate(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext, wantMax: Bool) throws
        -> Value
    {
        let caseSensitive = boolArgument(arguments, "case_sensitive", 0, false)
        let key = attributeGetter(stringArgument(arguments, "attribute", 1), lowercase: !caseSensitive)
        var best: (key: Value, item: Value)?
        for item in try elements(value, context) {
            let itemKey = try key(item)
            if let current = best {
                let order = try Value.compare(itemKey, current.key, symbol: wantMax ? ">" : "<")
                if wantMax ? order > 0 : order < 0 { best = (itemKey, item) }
            } else {
                best = (itemKey, item)
            }
        }
        return best?.item ?? .undefined("No aggregated item, sequence was empty.")
    }

    static func max(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try aggregate(value, arguments, context, wantMax: true)
    }

    static func min(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try aggregate(value, arguments, context, wantMax: false)
    }

    static func pprint(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        .string(value.repr)
    }

    static func random(_ value: Value, _: TemplateArguments, _ context: FilterContext) throws -> Value {
        guard let item = try elements(value, context).randomElement() else { throw EvaluationError("Cannot choose from an empty sequence") }
        return item
    }

    private static func selectOrReject(
        _ value: Value, _ arguments: TemplateArguments, _ context: FilterContext, attribute: Bool, select: Bool
    ) throws -> Value {
        var positional = arguments.positional
        var getter: (Value) throws -> Value = { $0 }
        if attribute {
            guard !positional.isEmpty else { throw EvaluationError("Missing parameter for attribute name") }
            getter = attributeGetter(positional.removeFirst().text)
        }
        let test: (Value) throws -> Bool
        if positional.isEmpty {
            test = { $0.isTruthy }
        } else {
            let name = positional.removeFirst().text
            guard let function = Tests.table[name] else { throw EvaluationError("No test named '\(name)'.") }
            let rest = TemplateArguments(positional: positional, keyword: arguments.keyword)
            test = { try function($0, rest, context.render) }
        }
        return .array(try elements(value, context).filter { try test(try getter($0)) == select })
    }

    static func select(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try selectOrReject(value, arguments, context, attribute: false, select: true)
    }

    static func reject(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try selectOrReject(value, arguments, context, attribute: false, select: false)
    }

    static func selectattr(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try selectOrReject(value, arguments, context, attribute: true, select: true)
    }

    static func rejectattr(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        try selectOrReject(value, arguments, context, attribute: true, select: false)
    }

    static func replace(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        guard let old = argument(arguments, "old", 0), let new = argument(arguments, "new", 1) else {
            throw EvaluationError("replace() needs old and new")
        }
        let count = try intArgument(arguments, "count", 2, -1)
        guard context.autoescape else {
            return .string(try PythonString.replace(value.text, old.text, new.text, count: count))
        }
        func isMarkup(_ v: Value) -> Bool { if case .markup = v { true } else { false } }
        if isMarkup(value) || isMarkup(old) || isMarkup(new) {
            // MarkupSafe 3: Markup.replace escapes the replacement but not the searched text.
            let base = isMarkup(value) ? value.text : Markup.escaped(value.text)
            let newText = isMarkup(new) ? new.text : Markup.escaped(new.text)
            return .markup(Markup(safe: try PythonString.replace(base, old.text, newText, count: count)))
        }
        return .string(try PythonString.replace(value.text, old.text, new.text, count: count))
    }

    static func reverse(_ value: Value, _: TemplateArguments, _ context: FilterContext) throws -> Value {
        switch value {
        case .string(let s): return .string(String(s.reversed()))
        case .markup(let m): return .markup(Markup(safe: String(m.string.reversed())))
        default: return .array(try elements(value, context).reversed())
        }
    }

    static func round(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let precision = try intArgument(arguments, "precision", 0, 0)
        guard precision > -400 else { return value.doubleValue == nil ? value : .double(0) }
        let method = stringArgument(arguments, "method", 1) ?? "common"
        guard ["common", "ceil", "floor"].contains(method) else {
            throw EvaluationError("method must be common, ceil or floor")
        }
        if case .int(let integer) = value, method == "common" {
            guard precision < 0 else { return value }
            return .int(try roundInteger(integer, digits: -precision))
        }
        guard let number = value.doubleValue else {
            throw EvaluationError("type \(value.typeName) doesn't define __round__ method")
        }
        let scale = pow(10.0, Double(precision))
        switch method {
        case "ceil": return .double((number * scale).rounded(.up) / scale)
        case "floor": return .double((number * scale).rounded(.down) / scale)
        default:
            guard number.isFinite else { return .double(number) }
            if precision >= 0 {
                return .double(PythonText.round(number, digits: precision))
            }
            return .double((number / pow(10.0, Double(-precision))).rounded(.toNearestOrEven) * pow(10.0, Double(-precision)))
        }
    }

    /// Python's `round(int, -digits)`: to a multiple of 10^digits, ties to even.
    private static func roundInteger(_ value: Int, digits: Int) throws -> Int {
        guard digits < 19 else { return 0 }
        var unit = 1
        for _ in 0..<digits { unit *= 10 }
        var quotient = value / unit
        var remainder = value % unit
        if remainder < 0 {
            quotient -= 1
            remainder += unit
        }
        if remainder * 2 > unit || (remainder * 2 == unit && quotient % 2 != 0) { quotient += 1 }
        let (result, overflow) = quotient.multipliedReportingOverflow(by: unit)
        if overflow { throw EvaluationError("integer result too large", kind: .limit) }
        return result
    }

    static func safe(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        if case .markup = value { return value }
        return .markup(Markup(safe: value.text))
    }

    static func slice(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let items = try elements(value, context)
        let slices = try intArgument(arguments, "slices", 0, 1)
        guard slices > 0 else { throw EvaluationError("slices must be positive") }
        try Value.checkedSize(slices)
        let fill = argument(arguments, "fill_with", 1).flatMap { $0.isNone ? nil : $0 }
        let perSlice = items.count / slices
        let withExtra = items.count % slices
        var offset = 0
        var result: [Value] = []
        for number in 0..<slices {
            let start = offset + number * perSlice
            if number < withExtra { offset += 1 }
            let end = offset + (number + 1) * perSlice
            var chunk = Array(items[start..<end])
            if let fill, number >= withExtra { chunk.append(fill) }
            result.append(.array(chunk))
        }
        return .array(result)
    }

    static func sort(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let items = try elements(value, context)
        // Nothing to order: skip making the key getters (tag lists of one are common).
        guard items.count > 1 else { return .array(items) }
        if arguments.positional.isEmpty, arguments.keyword.isEmpty, let sorted = sortedStrings(items) { return .array(sorted) }
        let reverse = boolArgument(arguments, "reverse", 0, false)
        let caseSensitive = boolArgument(arguments, "case_sensitive", 1, false)
        // Split on commas and not stripped, as Jinja2's make_multi_attrgetter does (' name' is another attribute).
        let attributes = stringArgument(arguments, "attribute", 2).map { list in
            list.withUTF8Bytes({ $0.contains(UInt8(ascii: ",")) })
                ? list.split(separator: ",").map(String.init) : [list]
        }
        let getters = (attributes ?? [""]).map { attributeGetter($0.isEmpty ? nil : $0, lowercase: !caseSensitive) }
        let key: (Value) throws -> Value =
            getters.count == 1 ? getters[0] : { item in .array(try getters.map { try $0(item) }) }
        return .array(try sorted(items, key: key, reverse: reverse))
    }

    /// `|sort` of plain strings without arguments (a tag list): case-insensitive, by code point, stable, like the
    /// general path but without key closures and `Value` comparisons. Nil when an item is not a plain string.
    private static func sortedStrings(_ items: [Value]) -> [Value]? {
        var keys: [String] = []
        keys.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { return nil }
            keys.append(PythonString.lower(text))
        }
        // Already in order (a short list often is): the list itself, without sorting and rebuilding it.
        if keys.indices.dropFirst().allSatisfy({ Value.compareCodePoints(keys[$0 - 1], keys[$0]) <= 0 }) { return items }
        return keys.indices.sorted { Value.compareCodePoints(keys[$0], keys[$1]) < 0 }.map { items[$0] }
    }

    static func string(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        if case .markup = value { return value }
        return .string(value.text)
    }

    static func striptags(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        .string(HTMLText.stripTags(value.text))
    }

    static func sum(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let getter = attributeGetter(stringArgument(arguments, "attribute", 0))
        var total = argument(arguments, "start", 1) ?? .int(0)
        for item in try elements(value, context) { total = try Value.add(total, try getter(item)) }
        return total
    }

    static func title(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        softString(value) { text in
            let ascii: String?? = text.utf8.withContiguousStorageIfAvailable { bytes in
                guard bytes.isASCII else { return nil }
                var atWordStart = true
                let converted = bytes.map { byte -> UInt8 in
                    let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                    let result = isLetter ? (atWordStart ? byte & ~0x20 : byte | 0x20) : byte
                    atWordStart = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
                        || byte == UInt8(ascii: "<")
                    return result
                }
                return String(decoding: converted, as: UTF8.self)
            }
            if case .some(.some(let result)) = ascii { return result }
            var result = ""
            var atWordStart = true
            for character in text {
                result += atWordStart ? character.uppercased() : character.lowercased()
                atWordStart = PythonString.isSpace(character) || "-([{<".contains(character)
            }
            return result
        }
    }

    static func tojson(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let indent = argument(arguments, "indent", 0).flatMap { if case .int(let i) = $0 { Swift.max(0, i) } else { nil } }
        try Value.checkedSize(indent ?? 0)
        return .markup(Markup(safe: try JSONText.htmlSafe(value, indent: indent)))
    }

    static func trim(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let characters = stringArgument(arguments, "chars", 0)
        return softString(value) { PythonString.strip($0, characters: characters, leading: true, trailing: true) }
    }

    static func truncate(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let text = value.text
        let length = try intArgument(arguments, "length", 0, 255)
        let killWords = boolArgument(arguments, "killwords", 1, false)
        let end = stringArgument(arguments, "end", 2) ?? "..."
        let leeway = try intArgument(arguments, "leeway", 3, 5)
        // Lengths in code points, as Python's len() counts.
        let endLength = PythonString.length(end)
        guard length >= endLength else { throw EvaluationError("expected length >= \(endLength), got \(length)") }
        guard leeway >= 0 else { throw EvaluationError("expected leeway >= 0, got \(leeway)") }
        if PythonString.length(text) <= length + leeway { return .string(text) }
        // ASCII text is cut on its bytes (code points are bytes there); walking unicodeScalars and Characters cost
        // several times more.
        let ascii: String? = text.withUTF8Bytes { bytes in
            guard bytes.isASCII else { return nil }
            let head = bytes[..<(length - endLength)]
            let cut = killWords ? head.endIndex : head.lastIndex(of: UInt8(ascii: " ")) ?? head.endIndex
            return String(decoding: head[..<cut], as: UTF8.self) + end
        }
        if let ascii { return .string(ascii) }
        let head = String(text.unicodeScalars.prefix(length - endLength))
        if killWords { return .string(head + end) }
        if let space = head.lastIndex(of: " ") { return .string(String(head[..<space]) + end) }
        return .string(head + end)
    }

    static func unique(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let caseSensitive = boolArgument(arguments, "case_sensitive", 0, false)
        let key = attributeGetter(stringArgument(arguments, "attribute", 1), lowercase: !caseSensitive)
        let items = try elements(value, context)
        guard items.count > 1 else { return .array(items) }
        let keys = try items.map(key)
        // The first occurrence of each key, in order; the list as it is when no key repeats (tag lists, mostly).
        let firsts = keys.indices.filter { index in !keys[..<index].contains { Value.equal($0, keys[index]) } }
        return .array(firsts.count == items.count ? items : firsts.map { items[$0] })
    }

    static func urlencode(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        switch value {
        case .string, .markup: return .string(URLText.quote(value.text, forQuery: false))
        case .dict(let dictionary):
            return .string(
                dictionary.lazyPairs.map {
                    URLText.quote($0.0, forQuery: true) + "=" + URLText.quote($0.1.text, forQuery: true)
                }.joined(separator: "&"))
        case .array(let items):
            return .string(
                try items.map { pair in
                    URLText.quote(try pair.item(.int(0)).text, forQuery: true) + "="
                        + URLText.quote(try pair.item(.int(1)).text, forQuery: true)
                }.joined(separator: "&"))
        default: return .string(URLText.quote(value.text, forQuery: false))
        }
    }

    static func urlize(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        let text = HTMLText.urlize(value.text)
        return context.autoescape ? .markup(Markup(safe: text)) : .string(text)
    }

    static func wordcount(_ value: Value, _: TemplateArguments, _: FilterContext) throws -> Value {
        // Jinja2 counts matches of `\w+`, which looks at code points: a combining accent ends a word.
        var count = 0
        var inWord = false
        for scalar in value.text.unicodeScalars {
            let isWord = PythonString.isWordCharacter(scalar)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return .int(count)
    }

    static func wordwrap(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        let width = try intArgument(arguments, "width", 0, 79)
        let breakLongWords = boolArgument(arguments, "break_long_words", 1, true)
        let wrapString = stringArgument(arguments, "wrapstring", 2) ?? "\n"
        let breakOnHyphens = boolArgument(arguments, "break_on_hyphens", 3, true)
        guard width > 0 else { throw EvaluationError("invalid width \(width) (must be > 0)") }
        return .string(
            TextWrap.wordwrap(
                value.text, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens, separator: wrapString))
    }

    static func xmlattr(_ value: Value, _ arguments: TemplateArguments, _ context: FilterContext) throws -> Value {
        guard case .dict(let dictionary) = value else { throw EvaluationError("xmlattr() needs a dict") }
        let autospace = boolArgument(arguments, "autospace", 0, true)
        var result = OutputBuffer()
        var written = 0
        for (key, item) in dictionary.lazyPairs {
            if item.isNone || item.isUndefined { continue }
            if !isValidAttributeName(key) {
                throw EvaluationError("Invalid character in attribute name: \(PythonText.stringRepr(key))")
            }
            if autospace || written > 0 { result.append(" ") }
            result.appendEscaped(key)
            result.append("=\"")
            if case .markup(let m) = item { result.append(m.string) } else { result.appendEscaped(item.text) }
            result.append("\"")
            written += 1
        }
        return context.autoescape ? .markup(Markup(safe: result.text)) : .string(result.text)
    }

    /// No whitespace, `/`, `>` or `=`; ASCII names are checked byte by byte, which is much faster than by Character.
    private static func isValidAttributeName(_ name: String) -> Bool {
        let ascii: Bool? = name.withUTF8Bytes { bytes in
            guard bytes.isASCII else { return nil }
            return !bytes.contains { byte in
                PythonString.isSpace(Unicode.Scalar(byte)) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "=")
            }
        }
        if let ascii { return ascii }
        return !name.contains { PythonString.isSpace($0) || $0 == "/" || $0 == ">" || $0 == "=" }
    }

    static func datetimeformat(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        try DateInput.format(value, arguments, defaultPattern: "%Y-%m-%d %H:%M")
    }

    static func dateformat(_ value: Value, _ arguments: TemplateArguments, _: FilterContext) throws -> Value {
        try DateInput.format(value, arguments, defaultPattern: "%Y-%m-%d")
    }
}


