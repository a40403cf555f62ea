/// Encodes 8-bit RGBA pixels as a PNG file (non-interlaced, zlib-compressed).
struct PNGEncoder {
    /// Width in pixels.
    var width: Int
    /// Height in pixels.
    var height: Int

    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Returns the PNG file for `pixels`: `height` rows of `width` RGBA quadruples, top row first.
    func encode(rgba pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height * 4, "expected \(width)×\(height) RGBA pixels")
        var header: [UInt8] = []
        Self.appendBigEndian(UInt32(width), to: &header)
        Self.appendBigEndian(UInt32(height), to: &header)
        header += [8, 6, 0, 0, 0]  // bit depth 8, colour type RGBA, deflate, adaptive filtering, no interlace

        var file = Self.signature
        Self.appendChunk("IHDR", header, to: &file)
        Self.appendChunk("IDAT", zlibStream(of: scanlines(pixels)), to: &file)
        Self.appendChunk("IEND", [], to: &file)
        return file
    }

    /// Each row prefixed by filter type 0; the compressor finds the repeats itself.
    private func scanlines(_ pixels: [UInt8]) -> [UInt8] {
        let rowLength = width * 4
        var data: [UInt8] = []
        data.reserveCapacity(height * (rowLength + 1))
        for row in 0..<height {
            data.append(0)
            data += pixels[row * rowLength..<(row + 1) * rowLength]
        }
        return data
    }

    private func zlibStream(of data: [UInt8]) -> [UInt8] {
        // Back-references to the previous pixel, the one before it, and the pixel above.
        let rowStride = width * 4 + 1
        let encoder = DeflateEncoder(distances: [4, 8, rowStride].filter { $0 <= 32768 })
        var stream: [UInt8] = [0x78, 0x01]  // deflate with a 32 KiB window; header check bits
        stream += encoder.compress(data)
        Self.appendBigEndian(Adler32.checksum(data), to: &stream)
        return stream
    }

    private static func appendChunk(_ type: String, _ payload: [UInt8], to file: inout [UInt8]) {
        appendBigEndian(UInt32(payload.count), to: &file)
        let typeAndPayload = Array(type.utf8) + payload
        file += typeAndPayload
        appendBigEndian(CRC32.checksum(typeAndPayload), to: &file)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
