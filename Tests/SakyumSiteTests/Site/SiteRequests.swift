import HTTPTypes
import Hummingbird
import Logging
import NIOCore
@testable import SakyumSite
import SakyumTestSupport

/// What a Site answered: status, headers and the body as text.
struct SiteAnswer {
    let status: Int
    let headers: HTTPFields
    let body: String
}

extension Site {
    /// Sends a GET (or `method`) for `target` (path and query) at the root mount.
    func answer(_ target: String, method: HTTPRequest.Method = .get) async throws -> SiteAnswer {
        let head = HTTPRequest(method: method, scheme: "http", authority: "demo.test", path: target)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        let context = SiteTestContext(source: .init(logger: Logger(label: "test")))
        let response = await respond(to: request, context: context, mount: .root)
        let writer = CollectingWriter()
        try await response.body.write(writer)
        return SiteAnswer(status: Int(response.status.code), headers: response.headers, body: String(buffer: writer.collected))
    }
}

