/// Greedy line wrapping like Python's `textwrap.wrap` (whitespace kept inside lines, dropped at breaks;
/// lengths count code points, as Python does).
enum TextWrap {
    private typealias Chunk = ArraySlice<Unicode.Scalar>

    static func wrap(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        // The scalars and where each starts, in one pass over the text.
        let view = line.unicodeScalars
        var scalars: [Unicode.Scalar] = []
        var positions: [String.Index] = []
        scalars.reserveCapacity(line.utf8.count)
        positions.reserveCapacity(line.utf8.count + 1)
        var position = view.startIndex
        while position < view.endIndex {
            scalars.append(view[position])
            positions.append(position)
            view.formIndex(after: &position)
        }
        positions.append(view.endIndex)
        var chunks: [Chunk] = []
        var start = 0
        while start < scalars.count {
            let isSpace = PythonString.isSpace(scalars[start])
            var end = start + 1
            while end < scalars.count, PythonString.isSpace(scalars[end]) == isSpace { end += 1 }
            if !isSpace && breakOnHyphens {
                splitAtHyphens(scalars[start..<end], into: &chunks)
            } else {
                chunks.append(scalars[start..<end])
            }
            start = end
        }
        chunks.reverse()
        var lines: [String] = []
        while !chunks.isEmpty {
            var lineChunks: [Chunk] = []
            var length = 0
            if let last = chunks.last, isBlank(last), !lines.isEmpty { chunks.removeLast() }
            while let next = chunks.last, length + next.count <= width {
                lineChunks.append(chunks.removeLast())
                length += next.count
            }
            if let next = chunks.last, next.count > width {
                if breakLongWords {
                    let room = max(width - length, 1)
                    lineChunks.append(next.prefix(room))
                    chunks[chunks.count - 1] = next.dropFirst(room)
                } else if lineChunks.isEmpty {
                    lineChunks.append(chunks.removeLast())
                }
            }
            if let last = lineChunks.last, isBlank(last) { lineChunks.removeLast() }
            // The chunks of a line are consecutive in the original text.
            if let first = lineChunks.first, let last = lineChunks.last {
                lines.append(String(line.unicodeScalars[positions[first.startIndex]..<positions[last.endIndex]]))
            }
        }
        return lines
    }

    private static func isBlank(_ chunk: Chunk) -> Bool {
        chunk.allSatisfy(PythonString.isSpace)
    }

    /// Splits "state-of-the-art" after hyphens that join letters, like textwrap's `wordsep_re`, appending the parts.
    private static func splitAtHyphens(_ word: Chunk, into parts: inout [Chunk]) {
        guard word.contains("-") else {
            parts.append(word)
            return
        }
        func isLetter(_ index: Int) -> Bool {
            index >= word.startIndex && index < word.endIndex && word[index].properties.isAlphabetic
        }
        var start = word.startIndex
        for index in word.indices where word[index] == "-" {
            let precededByLetters =
                (isLetter(index - 1) && isLetter(index - 2))
                || (isLetter(index - 1) && index - 2 >= word.startIndex && word[index - 2] == "-" && isLetter(index - 3))
            let followedByLetters =
                isLetter(index + 1)
                && (isLetter(index + 2) || (index + 3 < word.endIndex && word[index + 2] == "-" && isLetter(index + 3)))
            if precededByLetters && followedByLetters {
                parts.append(word[start...index])
                start = index + 1
            }
        }
        parts.append(word[start...])
    }
}
