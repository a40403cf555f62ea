import SakyumTemplates

/// A stand-in for Flask's `url_for`, identical to the one in jinja_bench.py:
/// "/" + endpoint with dots as slashes, then the keyword arguments as a query in call order.
enum URLFor {
    static let function = TemplateFunction { arguments in
        guard case .string(let endpoint)? = arguments.positional.first else {
            throw BenchError("url_for needs an endpoint")
        }
        // Built as UTF-8 bytes in plain Swift: Foundation's replacingOccurrences is slow on Linux, and so
        // are many small String appends. "." is one byte that never occurs inside a multi-byte character.
        var url = [UInt8(ascii: "/")]
        url.append(contentsOf: endpoint.utf8)
        for index in url.indices where url[index] == UInt8(ascii: ".") {
            url[index] = UInt8(ascii: "/")
        }
        for (index, (name, value)) in arguments.keyword.enumerated() {
            url.append(index == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            url.append(contentsOf: name.utf8)
            url.append(UInt8(ascii: "="))
            url.append(contentsOf: try text(of: value).utf8)
        }
        return .string(String(decoding: url, as: UTF8.self))
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
