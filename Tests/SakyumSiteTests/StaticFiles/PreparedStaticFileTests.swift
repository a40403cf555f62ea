import Foundation
import NIOCore
import SakyumTestSupport
import Testing

@testable import SakyumSite

/// What the daemon's fast path asks of a Site: which paths it may answer from memory, and with what.
@Suite("PreparedStaticFile and Site.preparedStatic")
struct PreparedStaticFileTests {
    @Test func preparesTheProjectsSmallFilesAndTheBuiltInAssetsOnly() throws {
        let big = String(repeating: "x", count: StaticFileCache.maximumFileSize + 1)
        let project = try TestProject(files: ["static/site.css": "a { }\n", "static/big.txt": big, "secret.txt": "no"])
        defer { project.folder.remove() }
        let site = project.site
        let prepared = try #require(site.preparedStatic(localPath: "/static/site.css"))
        #expect(prepared.body == ByteBuffer(string: "a { }\n"))
        #expect(site.preparedStatic(localPath: "/static/default/style.css") != nil)
        for refused in ["/static/big.txt", "/static/missing.css", "/static/../secret.txt", "/static/", "/static", "/secret.txt",
                        "/static/default/missing.css", "/static/./site.css"] {
            #expect(site.preparedStatic(localPath: refused) == nil, "\(refused)")
        }
    }

    @Test func aChangedOrRemovedFileIsNeverServedFromMemory() throws {
        let project = try TestProject(files: ["static/site.css": "a { }\n"])
        defer { project.folder.remove() }
        let file = project.directory.appendingPathComponent("static/site.css")
        let first = try #require(project.site.preparedStatic(localPath: "/static/site.css"))
        try "b { color: red }\n".write(to: file, atomically: true, encoding: .utf8)
        let second = try #require(project.site.preparedStatic(localPath: "/static/site.css"))
        #expect(second.body == ByteBuffer(string: "b { color: red }\n"))
        #expect(second.etagText != first.etagText)
        try FileManager.default.removeItem(at: file)
        #expect(project.site.preparedStatic(localPath: "/static/site.css") == nil)
    }

    @Test func answersValidatorsAsStaticResponsePlanDoes() throws {
        let project = try TestProject(files: ["static/site.css": "a { }\n"])
        defer { project.folder.remove() }
        let prepared = try #require(project.site.preparedStatic(localPath: "/static/site.css"))
        let lastModified = HTTPDate.string(from: prepared.lastModified)
        let cases: [(String?, String?, Bool, Int, Bool)] = [
            (nil, nil, false, 200, true), (nil, nil, true, 200, false),
            (prepared.etagText, nil, false, 304, false), ("W/\(prepared.etagText)", nil, false, 304, false), ("*", nil, false, 304, false),
            ("\"other\"", nil, false, 200, true), ("\"other\"", lastModified, false, 200, true),
            (nil, lastModified, false, 304, false), (nil, "Thu, 01 Jan 1970 00:00:00 GMT", false, 200, true), (nil, "not a date", false, 200, true),
        ]
        for (ifNoneMatch, ifModifiedSince, isHead, status, hasBody) in cases {
            let answer = prepared.answer(ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince, isHead: isHead)
            #expect(answer.status == status, "\(String(describing: ifNoneMatch)) \(String(describing: ifModifiedSince))")
            #expect((answer.body != nil) == hasBody)
            let head = String(decoding: answer.head, as: UTF8.self)
            #expect(head.hasPrefix(status == 200 ? "HTTP/1.1 200 OK\r\nETag: " : "HTTP/1.1 304 Not Modified\r\nETag: "))
            #expect(head.contains("Content-Length: 6\r\n") == (status == 200))
        }
    }
}
