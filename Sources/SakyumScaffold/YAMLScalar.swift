/// Writes a name or host as a YAML scalar that reads back as the same string.
enum YAMLScalar {
    /// `text` as it is, or double-quoted when YAML would read it as a number, boolean or null.
    ///
    /// Only names and hosts reach this (letters, digits, `_`, `-`, `.`), so quoting never needs escapes.
    static func string(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return "\"\"" }
        let startsLikeNumber = ("0"..."9").contains(first) || first == "." || first == "-" || first == "+"
        if startsLikeNumber || nonStringWords.contains(text.lowercased()) { return "\"\(text)\"" }
        return text
    }

    /// Plain words that YAML 1.1 or 1.2 resolves to booleans or null.
    private static let nonStringWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null",
    ]
}
