import HTTPTypes
import Hummingbird
import SakyumTemplates

/// The one place where failures become error pages: a project's own template, else the built-in one.
struct ErrorPages: Sendable {
    /// The pages every project has, built in and overridable (sakyum's 12).
    static let builtinCodes: Set<Int> = [400, 401, 403, 404, 406, 415, 429, 500, 501, 502, 503, 504]

    let templates: TemplateEnvironment
    /// From project.yaml `errors:`; else `errors/CODE.html` (the project's file wins over the built-in).
    let customTemplates: [Int: String]
    let debug: Bool

    func response(for failure: HTTPFailure, location: String? = nil, context: [String: Value], head: Bool) -> Response {
        let code = failure.status.code
        let name = failure.status.reasonPhrase
        var error: [(String, Value)] = [
            ("code", .int(code)),
            ("name", .string(name)),
            ("description", .string(Self.description(for: code))),
            ("reason", failure.reason.map(Value.string) ?? .none),
        ]
        if debug {
            error.append(("detail", failure.detail.map(Value.string) ?? .none))
            error.append(("location", location.map(Value.string) ?? .none))
        }
        var pageContext = context
        pageContext["error"] = .dict(error)

        let html: String
        do {
            html = try templates.render(templateName(for: code), context: pageContext)
        } catch {
            html = Self.plainPage(code: code, name: name, detail: debug ? "\(failure.detail ?? "")\n\(error)" : nil)
        }
        var response = Response.html(html, status: failure.status, head: head)
        response.headers[.cacheControl] = "no-store"
        response.headers.append(contentsOf: failure.headers)
        return response
    }

    private func templateName(for code: Int) -> String {
        if let custom = customTemplates[code] { return custom }
        return Self.builtinCodes.contains(code) ? "errors/\(code).html" : "errors/layout.html"
    }

    /// Used only when even the error template fails, so a visitor never gets a dropped connection.
    static func plainPage(code: Int, name: String, detail: String?) -> String {
        let detailHTML = detail.map { "<pre>\(Markup.escape($0).string)</pre>" } ?? ""
        return "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(code) \(name)</title><h1>\(code) \(name)</h1>\(detailHTML)</html>"
    }

    static func description(for code: Int) -> String {
        switch code {
        case 400: "The request could not be understood by the server."
        case 401: "You need to log in to see this page."
        case 403: "You do not have permission to see this page."
        case 404: "The page you asked for does not exist. Check the address, or go back to the home page."
        case 405: "This page does not accept that kind of request."
        case 406: "The page cannot be given in a form your browser accepts."
        case 413: "What you sent is larger than this site accepts."
        case 414: "The address is too long."
        case 415: "The kind of content you sent is not supported here."
        case 429: "Too many requests in a short time. Wait a moment and try again."
        case 500: "Something went wrong on our side. The problem has been logged."
        case 501: "The server does not support what you asked for."
        case 502: "The server received a bad answer from another server."
        case 503: "The service is temporarily unavailable. Try again in a moment."
        case 504: "Another server did not answer in time."
        default: "The request could not be completed."
        }
    }
}
