import SakyumSpec

/// A value written into the imported project's YAML files, in flow style (`{a: b, c: [d, e]}`),
/// quoted wherever YAML would read the text as something else.
indirect enum YAMLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case list([YAMLValue])
    /// Keys in the order they are written.
    case map([Entry])

    struct Entry: Sendable, Equatable {
        var key: String
        var value: YAMLValue

        init(_ key: String, _ value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    var flow: String {
        switch self {
        case .string(let text): Self.scalar(text)
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .list(let items): "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { Self.scalar($0.key) + ": " + $0.value.flow }.joined(separator: ", ") + "}"
        }
    }

    /// `text` plain when YAML reads it back as the same string, else double-quoted with escapes.
    static func scalar(_ text: String) -> String {
        isPlain(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        YAMLText.doubleQuoted(text)
    }

    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let letters = first.properties.isAlphabetic || first == "_" || first == "/"
        guard letters, last != " ", !reserved.contains(text.lowercased()) else { return false }
        // Flow-context indicators, comments and `: ` would change the meaning.
        for scalar in text.unicodeScalars where ",[]{}#&*!|>'\"%@`".unicodeScalars.contains(scalar) || scalar.value < 0x20 {
            return false
        }
        return !text.contains(": ") && !text.hasSuffix(":")
    }

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]
}

/// A YAML file written line by line: top-level keys with flow values, and comments.
struct YAMLDocument: Sendable {
    private(set) var lines: [String] = []

    mutating func comment(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.isEmpty ? "#" : "# " + line)
        }
    }

    mutating func raw(_ line: String) {
        lines.append(line)
    }

    mutating func blank() {
        lines.append("")
    }

    mutating func key(_ key: String, _ value: YAMLValue) {
        lines.append(YAMLValue.scalar(key) + ": " + value.flow)
    }

    /// `key:` followed by `  name: value` lines; the entries named in `expanding` one level further
    /// (a model's `fields:` and `relationships:`).
    mutating func block(_ key: String, _ entries: [YAMLValue.Entry], expanding: Set<String> = []) {
        if entries.isEmpty {
            lines.append(YAMLValue.scalar(key) + ": {}")
            return
        }
        lines.append(YAMLValue.scalar(key) + ":")
        for entry in entries {
            if expanding.contains(entry.key), case .map(let inner) = entry.value, !inner.isEmpty {
                lines.append("  " + YAMLValue.scalar(entry.key) + ":")
                for field in inner { lines.append("    " + YAMLValue.scalar(field.key) + ": " + field.value.flow) }
            } else {
                lines.append("  " + YAMLValue.scalar(entry.key) + ": " + entry.value.flow)
            }
        }
    }

    /// A list item at the top level (views.yaml).
    mutating func item(_ value: YAMLValue) {
        lines.append("- " + value.flow)
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
}
