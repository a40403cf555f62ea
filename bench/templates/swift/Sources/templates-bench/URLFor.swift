import SakyumTemplates

/// A stand-in for Flask's `url_for`, identical to the one in jinja_bench.py:
/// "/" + endpoint with dots as slashes, then the keyword arguments as a query in call order.
enum URLFor {
    static let function = TemplateFunction { arguments in
        guard case .string(let endpoint)? = arguments.positional.first else {
            throw BenchError("url_for needs an endpoint")
        }
        // Built as UTF-8 bytes in a scratch buffer on the stack, then made into a String once: Foundation's
        // replacingOccurrences is slow on Linux, so are many small String appends, a heap array to build in
        // is an allocation and a free per call, and `String(Int)` goes through the generic description.
        // "." is one byte that never occurs inside a multi-byte character.
        var longest = 1 + endpoint.utf8.count
        for (name, value) in arguments.keyword {
            switch value {
            case .string(let string): longest += 2 + name.utf8.count + string.utf8.count
            case .int: longest += 2 + name.utf8.count + 20
            default: throw BenchError("url_for: unsupported argument \(value)")
            }
        }
        let url = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest) { buffer in
            var writer = ByteWriter(buffer: buffer)
            writer.append(UInt8(ascii: "/"))
            writer.append(endpoint)
            for index in 1..<writer.count where buffer[index] == UInt8(ascii: ".") {
                buffer[index] = UInt8(ascii: "/")
            }
            for (index, (name, value)) in arguments.keyword.enumerated() {
                writer.append(index == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
                writer.append(name)
                writer.append(UInt8(ascii: "="))
                switch value {
                case .string(let string): writer.append(string)
                case .int(let int): writer.appendDigits(of: int)
                default: break
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<writer.count]), as: UTF8.self)
        }
        return .string(url)
    }
}

/// Appends bytes into a buffer known to be large enough.
private struct ByteWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Read in place where the string is native (`withUTF8` alone needs a mutable copy: a retain and a release).
    mutating func append(_ string: String) {
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress else { return }
            (buffer.baseAddress! + count).update(from: source, count: bytes.count)
            count += bytes.count
        }
        if string.utf8.withContiguousStorageIfAvailable(copy) == nil {
            var string = string
            string.withUTF8(copy)
        }
    }

    /// Python's `str(int)`.
    mutating func appendDigits(of integer: Int) {
        if integer < 0 { append(UInt8(ascii: "-")) }
        let start = count
        var rest = integer.magnitude
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        var (low, high) = (start, count - 1)
        while low < high {
            buffer.swapAt(low, high)
            low += 1
            high -= 1
        }
    }
}
