/// The top-level `blueprints:` list of a project.yaml, found in its text so that an app
/// can be appended without touching any other byte (comments, blank lines, key order).
///
/// Both list styles are understood: a block list (`  - base` lines, the new item gets the
/// same indentation) and a flow list (`[default, errors, auth, base]`, also over several lines).
struct BlueprintList {
    /// The blueprint names listed, in order, unquoted.
    let names: [String]

    private let lines: [[UInt8]]
    private let insertion: Insertion
    private let lineEnding: [UInt8]

    private enum Insertion {
        /// A new `- name` line after line `line`, indented like the other items.
        case blockItem(afterLine: Int, indentation: [UInt8])
        /// `name` inserted into line `line` at `column`, after `separator`.
        case flowItem(line: Int, column: Int, separator: String)
    }

    private static let example = "`blueprints: [default, errors, auth, base]`"

    /// Finds the list in the text of a project.yaml; throws `invalidProject` when it is missing or not an editable list.
    init(projectYAML text: String) throws(ScaffoldError) {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        self.lines = lines
        lineEnding = lines.contains { $0.last == UInt8(ascii: "\r") } ? [UInt8(ascii: "\r")] : []

        let keyLines = lines.indices.compactMap { index in Self.valueAfterKey(in: lines[index]).map { (index, $0) } }
        guard let (keyLine, valueColumn) = keyLines.first else {
            throw ScaffoldError(.invalidProject, "project.yaml has no top-level 'blueprints:' list; add one such as \(Self.example)")
        }
        guard keyLines.count == 1 else {
            let numbers = keyLines.map { String($0.0 + 1) }.joined(separator: ", ")
            throw ScaffoldError(.invalidProject, "project.yaml has 'blueprints:' more than once (lines \(numbers)); keep one")
        }
        let value = Self.stripComment(Array(lines[keyLine][valueColumn...]))
        if value.isEmpty {
            (names, insertion) = try Self.parseBlock(lines, keyLine: keyLine)
        } else if value.first == UInt8(ascii: "[") {
            (names, insertion) = try Self.parseFlow(lines, keyLine: keyLine, column: valueColumn)
        } else {
            throw ScaffoldError(.invalidProject, "'blueprints:' on line \(keyLine + 1) of project.yaml is not a list; write it as \(Self.example)")
        }
    }

    /// The whole project.yaml text with `name` appended to the list.
    func appending(_ name: String) -> String {
        var edited = lines
        let scalar = Array(YAMLScalar.string(name).utf8)
        switch insertion {
        case .blockItem(let afterLine, let indentation):
            edited.insert(indentation + Array("- ".utf8) + scalar + lineEnding, at: afterLine + 1)
        case .flowItem(let line, let column, let separator):
            edited[line].insert(contentsOf: Array(separator.utf8) + scalar, at: column)
        }
        return String(decoding: Array(edited.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
    }

    // MARK: - Parsing

    /// The column after `blueprints:` when `line` is that top-level key (optionally quoted).
    private static func valueAfterKey(in line: [UInt8]) -> Int? {
        for key in ["blueprints", "\"blueprints\"", "'blueprints'"] {
            let keyBytes = Array(key.utf8)
            guard line.starts(with: keyBytes) else { continue }
            var column = keyBytes.count
            while column < line.count, isBlank(line[column]) { column += 1 }
            guard column < line.count, line[column] == UInt8(ascii: ":") else { continue }
            column += 1
            guard column == line.count || isBlank(line[column]) || line[column] == UInt8(ascii: "\r") else { continue }
            return column
        }
        return nil
    }

    private static func parseBlock(_ lines: [[UInt8]], keyLine: Int) throws(ScaffoldError) -> ([String], Insertion) {
        var names: [String] = []
        var itemIndentation: [UInt8]?
        var lastItemLine = keyLine
        var index = keyLine + 1
        while index < lines.count {
            let line = lines[index]
            let indentation = Array(line.prefix(while: isBlank))
            let content = stripComment(Array(line[indentation.count...]))
            defer { index += 1 }
            if content.isEmpty { continue }
            let isItem = content.first == UInt8(ascii: "-") && (content.count == 1 || isBlank(content[1]))
            if let expected = itemIndentation {
                if isItem && indentation == expected {
                    names.append(try itemName(Array(content.dropFirst()), line: index))
                    lastItemLine = index
                } else if indentation.count > expected.count {
                    lastItemLine = index  // the previous item continues on this line
                } else {
                    break
                }
            } else if isItem {
                itemIndentation = indentation
                names.append(try itemName(Array(content.dropFirst()), line: index))
                lastItemLine = index
            } else if indentation.isEmpty {
                break  // the next top-level key: the list is empty
            } else {
                throw ScaffoldError(.invalidProject, "'blueprints:' in project.yaml must be a list of names, but line \(index + 1) is not a '- name' item")
            }
        }
        return (names, .blockItem(afterLine: lastItemLine, indentation: itemIndentation ?? Array("  ".utf8)))
    }

    private static func itemName(_ raw: [UInt8], line: Int) throws(ScaffoldError) -> String {
        let trimmed = Array(raw.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
        if let first = trimmed.first, "[{&*!|>".utf8.contains(first) {
            throw ScaffoldError(.invalidProject, "blueprint item on line \(line + 1) of project.yaml is not a plain name")
        }
        return unquoted(trimmed)
    }

    private static func parseFlow(_ lines: [[UInt8]], keyLine: Int, column: Int) throws(ScaffoldError) -> ([String], Insertion) {
        var names: [String] = []
        var token: [UInt8] = []
        var quote: UInt8?
        var opened = false
        var lastSignificant: (line: Int, column: Int, byte: UInt8)?
        var lineIndex = keyLine
        var columnIndex = column
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            while columnIndex < line.count {
                let byte = line[columnIndex]
                defer { columnIndex += 1 }
                if let open = quote {
                    token.append(byte)
                    if byte == open { quote = nil }
                    lastSignificant = (lineIndex, columnIndex, byte)
                    continue
                }
                switch byte {
                case UInt8(ascii: "#") where columnIndex == 0 || isBlank(line[columnIndex - 1]):
                    columnIndex = line.count  // a comment runs to the end of the line
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = byte
                    token.append(byte)
                case UInt8(ascii: "[") where !opened:
                    opened = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    throw ScaffoldError(.invalidProject, "'blueprints:' in project.yaml (line \(lineIndex + 1)) must be a flat list of names")
                case UInt8(ascii: ","):
                    names.append(unquoted(trimmed(token)))
                    token = []
                case UInt8(ascii: "]"):
                    if !trimmed(token).isEmpty { names.append(unquoted(trimmed(token))) }
                    let anchor = lastSignificant ?? (lineIndex, columnIndex, byte)
                    let separator = switch anchor.byte {
                    case UInt8(ascii: "["): ""
                    case UInt8(ascii: ","): " "
                    default: ", "
                    }
                    return (names, .flowItem(line: anchor.line, column: anchor.column + 1, separator: separator))
                default:
                    if !isBlank(byte) && byte != UInt8(ascii: "\r") { token.append(byte) }
                }
                if !isBlank(byte) && byte != UInt8(ascii: "\r") && columnIndex < line.count {
                    lastSignificant = (lineIndex, columnIndex, byte)
                }
            }
            lineIndex += 1
            columnIndex = 0
        }
        throw ScaffoldError(.invalidProject, "the 'blueprints:' list on line \(keyLine + 1) of project.yaml has no closing ']'")
    }

    // MARK: - Bytes

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace = { (byte: UInt8) in isBlank(byte) || byte == UInt8(ascii: "\r") }
        return Array(bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    /// `bytes` without a trailing ` # comment`, blanks and carriage return.
    private static func stripComment(_ bytes: [UInt8]) -> [UInt8] {
        var quote: UInt8?
        for (index, byte) in bytes.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "#"), index == 0 || isBlank(bytes[index - 1]) {
                return trimmed(Array(bytes[..<index]))
            }
        }
        return trimmed(bytes)
    }

    private static func unquoted(_ bytes: [UInt8]) -> String {
        var inner = bytes
        if inner.count >= 2, let first = inner.first, first == inner.last,
           first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            inner = Array(inner.dropFirst().dropLast())
        }
        return String(decoding: inner, as: UTF8.self)
    }
}
