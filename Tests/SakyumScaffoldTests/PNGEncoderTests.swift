import Testing
@testable import SakyumScaffold

struct PNGEncoderTests {
    @Test func checksumsMatchKnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([]) == 1)
        // Long enough to pass the 5552-byte reduction point several times.
        #expect(Adler32.checksum([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }

    @Test(arguments: [
        [UInt8](),
        Array("abc".utf8),
        Array(String(repeating: "sakyum ", count: 500).utf8),
        (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 13) },
        [UInt8](repeating: 0, count: 70_000),
    ])
    func deflateRoundTrips(_ data: [UInt8]) throws {
        let encoder = DeflateEncoder(distances: [1, 4, 7, 300])
        let compressed = encoder.compress(data)
        #expect(Inflater.inflate(compressed) == data)
    }

    @Test func defaultProfileImageIsAValidPNG() throws {
        let png = DefaultProfileImage.png()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        var chunks: [(type: String, payload: [UInt8])] = []
        var offset = 8
        while offset < png.count {
            let length = Int(bigEndian(png, at: offset))
            let typeAndPayload = Array(png[offset + 4..<offset + 8 + length])
            #expect(bigEndian(png, at: offset + 8 + length) == CRC32.checksum(typeAndPayload))
            chunks.append((String(decoding: typeAndPayload.prefix(4), as: UTF8.self), Array(typeAndPayload.dropFirst(4))))
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])

        let header = try #require(chunks.first).payload
        #expect(bigEndian(header, at: 0) == 256)
        #expect(bigEndian(header, at: 4) == 256)
        #expect(Array(header[8...]) == [8, 6, 0, 0, 0])

        let stream = chunks[1].payload
        #expect(stream.prefix(2) == [0x78, 0x01])
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0)
        let scanlines = try #require(Inflater.inflate(Array(stream.dropFirst(2).dropLast(4))))
        #expect(scanlines.count == 256 * (1 + 256 * 4))
        #expect(bigEndian(stream, at: stream.count - 4) == Adler32.checksum(scanlines))

        var pixels: [UInt8] = []
        for row in 0..<256 {
            let start = row * 1025
            #expect(scanlines[start] == 0)
            pixels += scanlines[start + 1..<start + 1025]
        }
        #expect(pixels == DefaultProfileImage.pixels())
        #expect(png.count < 40_000)
    }

    @Test func defaultProfileImageDrawsASilhouetteOnABackground() {
        let pixels = DefaultProfileImage.pixels()
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(pixels[(y * 256 + x) * 4..<(y * 256 + x) * 4 + 4]) }
        let head = pixel(128, 104)
        let shoulders = pixel(128, 240)
        let corner = pixel(4, 4)
        #expect(head == shoulders)
        #expect(head != corner)
        #expect(pixel(128, 158) != head)  // the gap between head and shoulders
        #expect(corner[3] == 255)
    }

    private func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
