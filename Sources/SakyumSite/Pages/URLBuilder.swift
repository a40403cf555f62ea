import Foundation
import SakyumTemplates

/// `url_for` for one request: builds through the site's `RouteTable` and prefixes the mount.
struct URLBuilder: Sendable {
    let routes: RouteTable
    let mount: SiteMount
    /// Resolves relative endpoints like `.index`.
    let blueprint: String?
    /// "http://host" for `_external=True`.
    let origin: String

    /// Builds `endpoint` with `values` (extra values become the query string).
    func url(for endpoint: String, values: [(String, String)], anchor: String? = nil, external: Bool = false) throws -> String {
        var endpoint = endpoint
        if endpoint.hasPrefix("."), let blueprint {
            endpoint = blueprint + endpoint
        }
        var url = mount.scriptRoot + (try routes.build(endpoint: endpoint, values: values))
        if let anchor {
            url += "#" + (anchor.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? anchor)
        }
        return external ? origin + url : url
    }

    var templateFunction: TemplateFunction {
        TemplateFunction { arguments in
            guard let endpoint = arguments.positional.first, case .string(let name) = endpoint else {
                throw URLBuildFailure(message: "url_for() needs an endpoint name as its first argument")
            }
            var values: [(String, String)] = []
            var anchor: String?
            var external = false
            for (key, value) in arguments.keyword {
                switch key {
                case "_anchor": anchor = try Self.text(of: value, key: key)
                case "_external": if case .bool(let flag) = value { external = flag }
                case "_method", "_scheme": continue
                default:
                    if case .none = value { continue }
                    values.append((key, try Self.text(of: value, key: key)))
                }
            }
            return .string(try url(for: name, values: values, anchor: anchor, external: external))
        }
    }

    /// How Python's str() writes the value into a URL.
    static func text(of value: Value, key: String) throws -> String {
        switch value {
        case .string(let text): return text
        case .markup(let markup): return markup.string
        case .int(let number): return String(number)
        case .double(let number):
            return number == number.rounded() && abs(number) < 1e16 ? String(format: "%.1f", number) : "\(number)"
        case .bool(let flag): return flag ? "True" : "False"
        case .object(let object): return object.renderedText
        default: throw URLBuildFailure(message: "url_for(): '\(key)' must be a string or a number")
        }
    }
}

/// url_for could not build a URL; the message names the endpoint and what was missing.
struct URLBuildFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
