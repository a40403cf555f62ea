import Foundation
import SakyumScaffold
import SakyumSite

/// Copies templates/, static/ and media/ into the new project, rewriting in templates the `url_for`
/// endpoints of static files, which sakyumd serves from one folder (`exam.static` → `static` with `exam/…`).
/// An endpoint sakyumd does not have becomes
/// a `#sakyum-import-missing-…` link so the page still renders, and is reported with file:line.
/// sakyum's own page layouts (default_base.html and the two below it) are given as sakyumd pages
/// with the same blocks, unless the project has its own.
struct TemplateImport {
    private(set) var tree = FileTree()
    private(set) var copiedFiles = 0
    private(set) var rewrites = 0

    static let templateExtensions: Set<String> = ["html", "htm", "xml", "txt", "j2", "jinja", "jinja2"]

    /// sakyum's own static files (`default.static`) and the built-in assets standing for them.
    private static let defaultAssets = ["css/style.css": "default/style.css", "js/index.js": "default/sakyum.js",
                                        "media/favicon.ico": "default/favicon.svg"]

    init(source: SakyumSource, endpoints: Set<String>, report: inout ImportReport) throws(ScaffoldError) {
        let staticFolders = Dictionary(uniqueKeysWithValues: source.apps.map { ($0, $0) } + [("base", source.package)])
        let blueprints = Set(source.apps + ["base", "auth", "admin", "default", "errors"])
        for (path, url) in try Self.files(under: "templates", in: source, report: &report) {
            let ext = (path as NSString).pathExtension.lowercased()
            guard Self.templateExtensions.contains(ext), let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                tree.addCopy(path, of: url.path)
                copiedFiles += 1
                continue
            }
            let rewritten = rewrite(text, file: path, staticFolders: staticFolders, blueprints: blueprints, endpoints: endpoints, report: &report)
            tree.addFile(path, text: rewritten)
            copiedFiles += 1
        }
        for folder in ["static", "media"] {
            for (path, url) in try Self.files(under: folder, in: source, report: &report) {
                tree.addCopy(path, of: url.path)
                copiedFiles += 1
            }
        }
        if !tree.contains("media/default_img.png") {
            tree.addFile("media/default_img.png", bytes: DefaultProfileImage.png())
        }
        for (name, text) in SakyumLayouts.templates where !tree.contains("templates/" + name) {
            tree.addFile("templates/" + name, text: text)
        }
        tree.addFile("templates/" + ViewImport.notPortedTemplate, text: SakyumLayouts.notPorted)
    }

    private mutating func rewrite(_ text: String, file: String, staticFolders: [String: String], blueprints: Set<String>,
                                  endpoints: Set<String>, report: inout ImportReport) -> String {
        let pattern = #"url_for\(\s*(['"])([A-Za-z0-9_.]+)\1(\s*,\s*filename\s*=\s*(['"])([^'"]*)\4)?"#
        let expression = try! NSRegularExpression(pattern: pattern)
        let source = text as NSString
        var result = ""
        var cursor = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let endpoint = source.substring(with: match.range(at: 2))
            let filename = match.range(at: 5).location == NSNotFound ? nil : source.substring(with: match.range(at: 5))
            let line = source.substring(to: match.range.location).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let location = "\(file):\(line)"
            let parts = endpoint.split(separator: ".", maxSplits: 1).map(String.init)
            var replacement: String?
            if parts.count == 2 && parts[1] == "static" {
                if parts[0] == "default" {
                    if let filename, let asset = Self.defaultAssets[filename] {
                        replacement = "url_for('static', filename='\(asset)'"
                    } else {
                        replacement = missing(endpoint, filename: filename, at: location, why: "sakyum's own static files are not part of sakyumd (its built-in assets are style.css, sakyum.js and favicon.svg under /static/default/)", report: &report)
                    }
                } else if let folder = staticFolders[parts[0]] {
                    if let filename {
                        replacement = "url_for('static', filename='\(folder)/\(filename)'"
                    } else {
                        report.note(.templates, location, "url_for('\(endpoint)', filename=…) with a computed filename: sakyumd serves it as url_for('static', filename='\(folder)/' ~ …); rewrite it by hand")
                    }
                } else {
                    replacement = missing(endpoint, filename: filename, at: location, why: parts[0] == "admin" ? "Flask-Admin's own static files (Bootstrap) are not part of sakyumd, whose admin has its own style" : "no blueprint \(parts[0]) serves static files", report: &report)
                }
            } else if parts.count == 2, blueprints.contains(parts[0]), !endpoints.contains(endpoint), !Site.builtinEndpoints.contains(endpoint) {
                replacement = missing(endpoint, filename: filename, at: location, why: "sakyumd has no endpoint \(endpoint)", report: &report)
            }
            guard let replacement else { continue }
            result += source.substring(with: NSRange(location: cursor, length: match.range.location - cursor)) + replacement
            cursor = match.range.location + match.range.length
            rewrites += 1
        }
        if cursor == 0 { return text }
        return result + source.substring(from: cursor)
    }

    /// `url_for('x.y'` becomes a string that is a harmless `#` link, keeping the call's other arguments valid Jinja.
    private func missing(_ endpoint: String, filename: String?, at location: String, why: String, report: inout ImportReport) -> String {
        report.note(.templates, location, "url_for('\(endpoint)') is replaced by a `#sakyum-import-missing-\(endpoint)` link so the page renders: \(why)")
        return "'#sakyum-import-missing-\(endpoint)'.format(" + (filename.map { "filename='\($0)'" } ?? "")
    }

    /// Regular files under `folder`, by relative path; symbolic links are not followed (a link could
    /// point anywhere on the daemon's machine) and are reported.
    private static func files(under folder: String, in source: SakyumSource, report: inout ImportReport) throws(ScaffoldError) -> [(String, URL)] {
        let root = source.url(folder)
        guard SakyumSource.isDirectory(root) else { return [] }
        var found: [(String, URL)] = []
        var pending = [folder]
        while let current = pending.popLast() {
            let url = source.url(current)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            } catch {
                throw ScaffoldError(.io, "cannot read the folder \(url.path): \(error.localizedDescription)")
            }
            for name in names where name != "__pycache__" && !name.hasPrefix(".") {
                let path = current + "/" + name
                let child = source.url(path)
                if SakyumSource.isDirectory(child) {
                    pending.append(path)
                } else if SakyumSource.isFile(child) {
                    found.append((path, child))
                } else {
                    report.note(.templates, path, "not a regular file (a symbolic link?); not copied")
                }
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }
}
