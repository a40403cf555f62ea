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
            appendBytes(of: try text(of: value), to: &url)
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

    /// Python's `str()` for the argument types the benchmark passes.
    private static func text(of value: Value) throws -> String {
        switch value {
        case .string(let string): return string
        case .int(let int): return String(int)
        default: throw BenchError("url_for: unsupported argument \(value)")
        }
    }
}
