/// The UTF-8 bytes a render writes, turned into a `String` or a byte array once at the end.
///
/// Appending to a byte buffer is a copy; `String.append` spends several times that on bookkeeping, which made it
/// the largest single cost of rendering. The bytes live in memory this buffer owns (hence noncopyable), kept larger
/// than what is written (`count` bytes), so an append is a capacity check and a copy: an Array's storage checked
/// its uniqueness on every write, about a thousand times a render (bench/templates/callgrind).
struct OutputBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Bytes past which appends are dropped and `isOverLimit` set: a render's output (`TemplateLimits.outputSize`),
    /// which `RenderContext` checks and turns into a limit error. Checked where the buffer grows, not per append.
    var limit = Int.max
    private(set) var isOverLimit = false

    /// `capacity` is also where the first growth (and so the `limit` check) happens: a render's buffer starts
    /// at most as large as its limit.
    init(capacity: Int = 0) {
        self.capacity = Swift.max(capacity, 0)
        base = .allocate(capacity: Swift.max(capacity, 1))
    }

    deinit {
        base.deallocate()
    }

    private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    var text: String { String(decoding: written, as: UTF8.self) }

    /// The bytes written, valid UTF-8: every append is a String's or ASCII.
    func utf8Bytes() -> [UInt8] {
        Array(written)
    }

    /// How many bytes were written.
    var byteCount: Int { count }

    mutating func append(_ text: String) {
        text.withUTF8Bytes { write($0) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    mutating func append(_ byte: UInt8) {
        guard reserve(1) else { return }
        base[count] = byte
        count += 1
    }

    mutating func appendRepeated(_ byte: UInt8, count repeated: Int) {
        guard reserve(repeated) else { return }
        (base + count).initialize(repeating: byte, count: repeated)
        count += repeated
    }

    /// Appends the decimal digits of `number`, without making a String first.
    mutating func append(_ number: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign fit
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            var magnitude = number.magnitude
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            write(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[start...]))
        }
    }

    /// Appends UTF-8 bytes read in place (a part of a string's own bytes).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes)
    }

    /// Appends text encoded ahead of time (template text between tags).
    mutating func append(utf8 encoded: [UInt8]) {
        encoded.withUnsafeBufferPointer { write($0) }
    }

    /// Appends `text` with `& < > " '` escaped like MarkupSafe.
    mutating func appendEscaped(_ text: String) {
        text.withUTF8Bytes { source in
            var runStart = 0
            var special = OutputBuffer.firstSpecialByte(in: source, from: 0)
            while special < source.count {
                let entity: StaticString
                switch source[special] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&#34;"
                default: entity = "&#39;"
                }
                write(UnsafeBufferPointer(rebasing: source[runStart..<special]))
                entity.withUTF8Buffer { write($0) }
                runStart = special + 1
                special = OutputBuffer.firstSpecialByte(in: source, from: runStart)
            }
            write(UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    /// The position of the first `& < > " '` at or after `start`, or the end. Eight bytes at a time (most text
    /// has none); the last bytes as the final eight, overlapping ones already seen, rather than one by one.
    @inline(__always)
    static func firstSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        func word(at position: Int) -> UInt64 { UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) }
        var position = start
        while position + 8 <= bytes.count, !mayNeedEscaping(word(at: position)) { position += 8 }
        if position + 8 > bytes.count, bytes.count >= 8, position < bytes.count, !mayNeedEscaping(word(at: bytes.count - 8)) {
            return bytes.count
        }
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return position
            default: position += 1
            }
        }
        return position
    }

    /// Whether any of the eight bytes is `& < > " '`: each is compared to all eight at once (a byte of
    /// `word ^ pattern` is zero where they match). Never false when one is there.
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        @inline(__always) func hasZeroByte(_ value: UInt64) -> UInt64 {
            (value &- 0x0101_0101_0101_0101) & ~value & 0x8080_8080_8080_8080
        }
        let found = hasZeroByte(word ^ 0x2626_2626_2626_2626) | hasZeroByte(word ^ 0x3C3C_3C3C_3C3C_3C3C)
            | hasZeroByte(word ^ 0x3E3E_3E3E_3E3E_3E3E) | hasZeroByte(word ^ 0x2222_2222_2222_2222)
            | hasZeroByte(word ^ 0x2727_2727_2727_2727)
        return found != 0
    }

    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty, reserve(bytes.count) else { return }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Room for `extra` more bytes, doubling the storage when it runs out; false past `limit`. The check inlined,
    /// the growth not: a call per append cost ~40 instructions (a render appends about a thousand times).
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> Bool {
        if count + extra > capacity { return grow(toFit: extra) }
        return true
    }

    @inline(never)
    private mutating func grow(toFit extra: Int) -> Bool {
        guard extra <= limit - count else {
            isOverLimit = true
            return false
        }
        let larger = Swift.min(Swift.max(count + extra, capacity * 2, 64), limit)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
        return true
    }
}
