import HTTPTypes

/// A request that ends in an error page: thrown by handlers, turned into a response in one place (`ErrorPages`).
struct HTTPFailure: Error, Sendable {
    var status: HTTPResponse.Status
    /// Extra headers, e.g. `Allow` for 405.
    var headers: HTTPFields
    /// The cause, shown only in debug mode and in the log.
    var detail: String?
    /// Shown to every visitor instead of the status's standard description (a CSRF failure's reason).
    var reason: String?

    init(_ status: HTTPResponse.Status, headers: HTTPFields = [:], detail: String? = nil, reason: String? = nil) {
        self.status = status
        self.headers = headers
        self.detail = detail
        self.reason = reason
    }
}
