extension String {
    /// The UTF-8 bytes of a native string, read in place: `withUTF8` needs a mutable copy of the string, and
    /// making it costs a retain and a release, several times the work of a short append.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}

extension Collection<UInt8> {
    /// Whether every byte is ASCII: such UTF-8 text has one code point per byte, so it can be cut, counted and
    /// cased byte by byte.
    var isASCII: Bool { allSatisfy { $0 < 0x80 } }
}
