import SakyumTemplates

/// A stand-in for Flask's `url_for`, identical to the one in jinja_bench.py:
/// "/" + endpoint with dots as slashes, then the keyword arguments as a query in call order.
enum URLFor {
    static let function = TemplateFunction { arguments in
        guard case .string(let endpoint)? = arguments.positional.first else {
            throw BenchError("url_for needs an endpoint")
        }
        // Built as UTF-8 bytes copied from each string's contiguous storage: Foundation's replacingOccurrences
        // is slow on Linux, so are many small String appends, and so is `Array.append(contentsOf: s.utf8)`
        // (it walks the view byte by byte). "." is one byte that never occurs inside a multi-byte character.
        var url: [UInt8] = []
        url.reserveCapacity(64)
        url.append(UInt8(ascii: "/"))
        appendBytes(of: endpoint, to: &url)
        for index in url.indices where url[index] == UInt8(ascii: ".") {
            url[index] = UInt8(ascii: "/")
        }
        for (index, (name, value)) in arguments.keyword.enumerated() {
            url.append(index == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            appendBytes(of: name, to: &url)
            url.append(UInt8(ascii: "="))
            switch value {
            case .string(let string): appendBytes(of: string, to: &url)
            case .int(let int): appendDigits(of: int, to: &url)
            default: throw BenchError("url_for: unsupported argument \(value)")
            }
        }
        return .string(String(decoding: url, as: UTF8.self))
    }

    /// Read in place where the string is native (`withUTF8` alone needs a mutable copy: a retain and a release).
    private static func appendBytes(of string: String, to bytes: inout [UInt8]) {
        if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            var string = string
            string.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    /// Python's `str(int)`, as digits written on the stack and appended at once (`String(Int)` goes through the
    /// generic description).
    private static func appendDigits(of integer: Int, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign fit
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            var rest = integer.magnitude
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if integer < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[start...]).bindMemory(to: UInt8.self))
        }
    }
}
