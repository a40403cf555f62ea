import HTTPTypes

/// A request that ends in an error page: thrown by handlers, turned into a response in one place (`ErrorPages`).
public struct HTTPFailure: Error, Sendable {
    public var status: HTTPResponse.Status
    /// Extra headers, e.g. `Allow` for 405.
    public var headers: HTTPFields
    /// The cause, shown only in debug mode and in the log.
    public var detail: String?
    /// Shown to every visitor instead of the status's standard description (a CSRF failure's reason).
    public var reason: String?

    public init(_ status: HTTPResponse.Status, headers: HTTPFields = [:], detail: String? = nil, reason: String? = nil) {
        self.status = status
        self.headers = headers
        self.detail = detail
        self.reason = reason
    }
}
