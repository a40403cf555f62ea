/// A small raw DEFLATE encoder (RFC 1951): one block with the fixed Huffman codes, whose
/// back-references only look at a few caller-chosen distances.
///
/// For images, offering the pixel size and the row length as distances finds the runs and
/// repeated rows that make up most drawn pictures, without a general LZ77 search.
struct DeflateEncoder {
    /// The distances a back-reference may use, each in 1...32768.
    var distances: [Int]

    /// Compresses `data` into a raw DEFLATE stream.
    func compress(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)  // BFINAL: this is the last block
        writer.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        var position = 0
        while position < data.count {
            let (length, distance) = longestMatch(in: data, at: position)
            if length >= 3 {
                Self.writeLength(length, to: &writer)
                Self.writeDistance(distance, to: &writer)
                position += length
            } else {
                Self.writeLiteral(Int(data[position]), to: &writer)
                position += 1
            }
        }
        Self.writeLiteral(256, to: &writer)  // end of block
        return writer.finish()
    }

    private static let maximumMatch = 258

    private func longestMatch(in data: [UInt8], at position: Int) -> (length: Int, distance: Int) {
        var best = (length: 0, distance: 0)
        let limit = min(Self.maximumMatch, data.count - position)
        for distance in distances where distance <= position {
            var length = 0
            while length < limit, data[position + length] == data[position + length - distance] {
                length += 1
            }
            if length > best.length { best = (length, distance) }
        }
        return best
    }

    private static func writeLiteral(_ symbol: Int, to writer: inout BitWriter) {
        switch symbol {
        case 0...143: writer.writeHuffman(0x30 + symbol, count: 8)
        case 144...255: writer.writeHuffman(0x190 + symbol - 144, count: 9)
        case 256...279: writer.writeHuffman(symbol - 256, count: 7)
        default: writer.writeHuffman(0xC0 + symbol - 280, count: 8)
        }
    }

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    private static func writeLength(_ length: Int, to writer: inout BitWriter) {
        let index = lengthBases.lastIndex { $0 <= length }!
        writeLiteral(257 + index, to: &writer)
        writer.write(length - lengthBases[index], count: lengthExtraBits[index])
    }

    private static func writeDistance(_ distance: Int, to writer: inout BitWriter) {
        let index = distanceBases.lastIndex { $0 <= distance }!
        writer.writeHuffman(index, count: 5)
        writer.write(distance - distanceBases[index], count: distanceExtraBits[index])
    }
}

/// Packs bit fields into bytes least significant bit first, as DEFLATE orders them.
private struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var bufferedBits = 0

    /// Writes the low `count` bits of `value`, least significant first (extra bits, headers).
    mutating func write(_ value: Int, count: Int) {
        buffer |= UInt32(value) << UInt32(bufferedBits)
        bufferedBits += count
        while bufferedBits >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bufferedBits -= 8
        }
    }

    /// Writes a Huffman code, most significant bit first.
    mutating func writeHuffman(_ code: Int, count: Int) {
        var reversed = 0
        for bit in 0..<count {
            reversed |= (code >> bit & 1) << (count - 1 - bit)
        }
        write(reversed, count: count)
    }

    /// The bytes written, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if bufferedBits > 0 { write(0, count: 8 - bufferedBits) }
        return bytes
    }
}
