/// A minimal DEFLATE decoder for the tests: stored and fixed-Huffman blocks, which is
/// all `DeflateEncoder` writes. Returns nil on any malformed input.
struct Inflater {
    private let input: [UInt8]
    private var bitPosition = 0

    static func inflate(_ data: [UInt8]) -> [UInt8]? {
        var inflater = Inflater(input: data)
        return inflater.run()
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    private mutating func bits(_ count: Int) -> Int? {
        var value = 0
        for index in 0..<count {
            guard bitPosition / 8 < input.count else { return nil }
            value |= Int(input[bitPosition / 8] >> UInt8(bitPosition % 8) & 1) << index
            bitPosition += 1
        }
        return value
    }

    /// Reads a fixed-Huffman literal/length symbol, most significant code bit first.
    private mutating func literalSymbol() -> Int? {
        var code = 0
        for length in 1...9 {
            guard let bit = bits(1) else { return nil }
            code = code << 1 | bit
            switch length {
            case 7 where code <= 0b0010111: return 256 + code
            case 8 where (0x30...0xBF).contains(code): return code - 0x30
            case 8 where (0xC0...0xC7).contains(code): return 280 + code - 0xC0
            case 9 where (0x190...0x1FF).contains(code): return 144 + code - 0x190
            default: continue
            }
        }
        return nil
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func run() -> [UInt8]? {
        var output: [UInt8] = []
        var final = 0
        while final == 0 {
            guard let last = bits(1), let type = bits(2) else { return nil }
            final = last
            switch type {
            case 0:
                bitPosition = (bitPosition + 7) / 8 * 8
                guard let length = bits(16), let complement = bits(16), length ^ complement == 0xFFFF else { return nil }
                let start = bitPosition / 8
                guard start + length <= input.count else { return nil }
                output += input[start..<start + length]
                bitPosition += length * 8
            case 1:
                while true {
                    guard let symbol = literalSymbol() else { return nil }
                    if symbol < 256 { output.append(UInt8(symbol)); continue }
                    if symbol == 256 { break }
                    let index = symbol - 257
                    guard index < 29, let extra = bits(Self.lengthExtra[index]),
                          let distanceCode = bits(5).map(Self.reversed5), distanceCode < 30,
                          let distanceExtraValue = bits(Self.distanceExtra[distanceCode])
                    else { return nil }
                    let length = Self.lengthBases[index] + extra
                    let distance = Self.distanceBases[distanceCode] + distanceExtraValue
                    guard distance <= output.count else { return nil }
                    for _ in 0..<length { output.append(output[output.count - distance]) }
                }
            default:
                return nil
            }
        }
        return output
    }

    private static func reversed5(_ value: Int) -> Int {
        (0..<5).reduce(0) { $0 | (value >> $1 & 1) << (4 - $1) }
    }
}
