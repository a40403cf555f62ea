/// The outcome of looking a request path and method up in a `RouteTable`.
public enum RouteMatch: Sendable, Equatable {
    /// A rule matched; `arguments` holds its converted variables by name.
    case matched(endpoint: String, arguments: [String: RouteArgument])
    /// The path needs a different form (a trailing slash, or merged slashes); answer 308 with
    /// this location, which is relative to the mount point and carries no query string.
    case redirect(location: String)
    /// An `OPTIONS` request for a path whose rules do not handle `OPTIONS` themselves;
    /// answer 200 with this sorted `Allow` list.
    case options(allowed: [String])
    /// The path exists but not for this method; answer 405 with this sorted `Allow` list.
    case methodNotAllowed(allowed: [String])
    /// Nothing answers this path.
    case notFound
}
