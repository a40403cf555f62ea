import HTTPTypes

/// The cookies a request carries; every value of a name (two projects on one host can both send `session`).
struct CookieJar {
    private var pairs: [(String, String)] = []

    init(_ headers: HTTPFields) {
        for header in headers[values: .cookie] {
            for piece in header.utf8.split(separator: UInt8(ascii: ";")) {
                guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else { continue }
                pairs.append((Self.trimmed(piece[..<equals]), Self.trimmed(piece[piece.index(after: equals)...])))
            }
        }
    }

    /// Without spaces and tabs at either end. On bytes: Foundation's `trimmingCharacters` cost a quarter of a
    /// million instructions per logged-in request (bench/callgrind).
    private static func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(Substring(bytes[first...last]))
    }

    func values(named name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }
}
