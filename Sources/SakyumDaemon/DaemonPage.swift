import HTTPTypes
import Hummingbird
import SakyumSite
import SakyumSpec
import SakyumTemplates

/// Pages the daemon answers itself, for requests no project takes.
enum DaemonPage {
    static func response(status: HTTPResponse.Status, message: String, extraHTML: String = "") -> Response {
        let reason = status.reasonPhrase
        let code = status.code
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(code) \(reason) · sakyumd</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.6rem}code{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}</style>
            </head><body><h1>\(code) \(reason)</h1><p>\(Markup.escape(message).string)</p>\(extraHTML)</body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func notFound(listing projects: [ProjectHead]) -> Response {
        var extra = ""
        if !projects.isEmpty {
            let items = projects.sorted { $0.name < $1.name }.map { project -> String in
                let name = Markup.escape(project.name).string
                let link = project.prefix.map { "<a href=\"\(Markup.escape($0).string)/\">\(Markup.escape($0).string)/</a>" } ?? ""
                let hosts = project.hosts.map { "<code>\(Markup.escape($0).string)</code>" }.joined(separator: " ")
                return "<li><strong>\(name)</strong> \(link) \(hosts)</li>"
            }
            extra = "<p>Projects served here:</p><ul>\(items.joined())</ul>"
        }
        return response(status: .notFound, message: "No project is served at this address.", extraHTML: extra)
    }

    /// A project routed here whose files do not compile; it is tried again when they change.
    static func doesNotLoad(_ project: String) -> Response {
        var response = response(status: .serviceUnavailable,
                                message: "The project \(project) does not load; `sakyumctl status \(project)` says why.")
        response.headers[.retryAfter] = "30"
        return response
    }
}
