import Foundation
import HTTPTypes
import Hummingbird
import SakyumTemplates

/// The one place where failures become error pages: a project's own template, else the built-in one.
struct ErrorPages: Sendable {
    /// The pages every project has, built in and overridable: sakyum's 12, and the 405, 409 and 413 that
    /// sakyumd answers too. Any other status renders errors/layout.html with the error's own text.
    static let builtinCodes: Set<Int> = [400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 501, 502, 503, 504]

    let templates: TemplateEnvironment
    /// From project.yaml `errors:`; else `errors/CODE.html` (the project's file wins over the built-in).
    let customTemplates: [Int: String]
    let debug: Bool

    /// Where a failure happened, shown in debug mode: a template's file:line and the lines around it.
    struct Location {
        var file: String
        var line: Int
        /// Numbered source lines around `line`.
        var excerpt: [(number: Int, text: String)]

        /// The error's template and five lines either side, read from `templates`.
        init(_ error: TemplateError, templates: TemplateEnvironment) {
            file = error.templateName
            line = error.line
            let lines = templates.source(named: error.templateName)?.text.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            let range = max(1, error.line - 5)...max(1, min(lines.count, error.line + 5))
            excerpt = lines.isEmpty || error.line < 1 ? [] : range.map { ($0, String(lines[$0 - 1])) }
        }

        var description: String { "\(file):\(line)" }
    }

    func response(for failure: HTTPFailure, location: Location? = nil, context: [String: Value], head: Bool) -> Response {
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
            error.append(("location", location.map { .string($0.description) } ?? .none))
            error.append(("source", .array(location?.excerpt.map { line in
                .dict([("number", .int(line.number)), ("text", .string(line.text)), ("current", .bool(line.number == location?.line))])
            } ?? [])))
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

    /// The error as JSON, for the views that answer JSON: `{"code", "name", "description", "reason"}`.
    func json(for failure: HTTPFailure, head: Bool) -> Response {
        var object: [String: Any] = [
            "code": failure.status.code, "name": failure.status.reasonPhrase,
            "description": Self.description(for: failure.status.code),
        ]
        if let reason = failure.reason { object["reason"] = reason }
        if debug, let detail = failure.detail { object["detail"] = detail }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var response = Response.json(String(decoding: data, as: UTF8.self), head: head)
        response.status = failure.status
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
