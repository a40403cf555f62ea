import Hummingbird

/// One routed request to a site: its exchange, who is asking, the checked form, and url_for for it.
struct SiteRequest: Sendable {
    let exchange: Exchange
    let visitor: Visitor
    /// The submitted form for POST (CSRF already checked); nil for GET.
    let form: FormFields?
    let urls: URLBuilder
    let context: any RequestContext

    func url(_ endpoint: String) throws -> String {
        try urls.url(for: endpoint, values: [])
    }
}
