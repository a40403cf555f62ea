import Foundation

/// A value captured from the URL by a rule's converter.
public enum RouteArgument: Sendable, Equatable {
    /// From `string`, `path` and `any`.
    case string(String)
    /// From `int`.
    case int(Int)
    /// From `float`.
    case double(Double)
    /// From `uuid`.
    case uuid(UUID)
}

extension RouteArgument: CustomStringConvertible {
    /// The value as text, in the form `RouteTable.build` accepts back.
    public var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .uuid(let value): value.uuidString.lowercased()
        }
    }
}
