import Foundation
import SakyumTemplates

/// A stand-in for Flask's `url_for`, identical to the one in jinja_bench.py:
/// "/" + endpoint with dots as slashes, then the keyword arguments as a query in call order.
enum URLFor {
    static let function = TemplateFunction { arguments in
        guard case .string(let endpoint)? = arguments.positional.first else {
            throw BenchError("url_for needs an endpoint")
        }
        var url = "/" + endpoint.replacingOccurrences(of: ".", with: "/")
        let query = try arguments.keyword.map { name, value in "\(name)=\(try text(of: value))" }
        if !query.isEmpty {
            url += "?" + query.joined(separator: "&")
        }
        return .string(url)
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
