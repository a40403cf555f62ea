import Foundation
import SakyumSite
import SakyumTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary tree: `outside/secret.txt`, and `root/` holding the served files and links.
private struct Sandbox {
    private let temporary: TemporaryFolder
    var base: URL { temporary.url }
    var root: URL { base.appendingPathComponent("root") }
    var folder: StaticFileFolder { StaticFileFolder(root: root) }

    init() throws {
        temporary = TemporaryFolder("static")
        let files = [
            "outside/secret.txt": "secret",
            "root/site.css": "body{}",
            "root/a b.js": "x",
            "root/css/theme.css": "p{}",
            "root/a/b": "nested",
            "root/dir/inner.txt": "inner",
            "root/.hidden": "dot",
        ]
        for (path, text) in files {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try link("root/escape.txt", to: base.appendingPathComponent("outside/secret.txt").path)
        try link("root/escape-dir", to: base.appendingPathComponent("outside").path)
        try link("root/relative-escape.txt", to: "../outside/secret.txt")
        try link("root/alias.css", to: "css/theme.css")
        try link("root/dangling.css", to: "missing.css")
    }

    func link(_ path: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent(path).path, withDestinationPath: destination)
    }
}

@Suite("StaticFileFolder")
struct StaticFileFolderTests {
    @Test func resolvesFilesInsideTheRoot() throws {
        let sandbox = try Sandbox()
        let file = try #require(sandbox.folder.resolve("css/theme.css"))
        #expect(file.size == 3)
        #expect(file.contentType == "text/css; charset=utf-8")
        #expect(file.url.path == sandbox.root.appendingPathComponent("css/theme.css").resolvingSymlinksInPath().path)
        #expect(sandbox.folder.resolve("a%20b.js")?.contentType == "text/javascript; charset=utf-8")
        #expect(sandbox.folder.resolve("a/b")?.size == 6)
        #expect(sandbox.folder.resolve(".hidden")?.size == 3)
        #expect(sandbox.folder.resolve(decodedSubpath: "a b.js")?.size == 1)
        #expect(sandbox.folder.resolve(decodedSubpath: "css/theme.css")?.size == 3)
    }

    @Test(
        "refuses anything unsafe or missing",
        arguments: [
            "", "/", "/etc/passwd", "..", "../outside/secret.txt", "css/../site.css", ".", "./site.css",
            "%2e%2e/outside/secret.txt", "%2E%2E", "css/%2e%2e/site.css", "%2e", ".%2e/outside/secret.txt",
            "a%2fb", "a%2Fb", "a%5cb", "css\\theme.css", "css%5Ctheme.css", "site.css%00", "site.css\0",
            "%00", "dir", "dir/", "css//theme.css", "site.css/", "missing.css", "%zz", "site%2", "caf%C3",
            "escape.txt", "relative-escape.txt", "escape-dir/secret.txt", "dangling.css",
            "../root/site.css", "%2Fetc%2Fpasswd",
        ]
    )
    func refuses(path: String) throws {
        let sandbox = try Sandbox()
        #expect(sandbox.folder.resolve(path) == nil)
    }

    @Test(arguments: ["..", "../outside/secret.txt", "a/../site.css", "/etc/passwd", "a\\b", "x\0", "", "dir", "escape.txt"])
    func refusesDecodedPaths(path: String) throws {
        let sandbox = try Sandbox()
        #expect(sandbox.folder.resolve(decodedSubpath: path) == nil)
    }

    @Test func followsSymlinksThatStayInside() throws {
        let sandbox = try Sandbox()
        let file = try #require(sandbox.folder.resolve("alias.css"))
        #expect(file.url.lastPathComponent == "theme.css")
        #expect(file.contentType == "text/css; charset=utf-8")
    }

    @Test func worksThroughASymlinkedRoot() throws {
        let sandbox = try Sandbox()
        try sandbox.link("served", to: sandbox.root.path)
        let folder = StaticFileFolder(root: sandbox.base.appendingPathComponent("served"))
        #expect(folder.resolve("site.css")?.size == 6)
        #expect(folder.resolve("escape.txt") == nil)
    }

    @Test func missingRootResolvesNothing() throws {
        let sandbox = try Sandbox()
        #expect(StaticFileFolder(root: sandbox.base.appendingPathComponent("nowhere")).resolve("site.css") == nil)
    }

    @Test(.enabled(if: getuid() != 0, "root can read any file"))
    func refusesUnreadableFiles() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root.appendingPathComponent("site.css").path
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        #expect(sandbox.folder.resolve("site.css") == nil)
    }

    @Test func entityTagFollowsTheContent() throws {
        let sandbox = try Sandbox()
        let url = sandbox.root.appendingPathComponent("site.css")
        let before = try #require(sandbox.folder.resolve("site.css"))
        #expect(before.etag.hasPrefix("\"") && before.etag.hasSuffix("\"") && !before.etag.hasPrefix("W/"))
        #expect(sandbox.folder.resolve("site.css") == before)

        try Data("body{margin:0}".utf8).write(to: url)
        let after = try #require(sandbox.folder.resolve("site.css"))
        #expect(after.size == 14)
        #expect(after.etag != before.etag)

        let stamp = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: url.path)
        let touched = try #require(sandbox.folder.resolve("site.css"))
        #expect(touched.modified == stamp)
        #expect(touched.etag != after.etag)
    }
}
