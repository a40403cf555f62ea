import Foundation
import HTTPTypes
import SakyumSite
import Testing

@Suite("StaticResponsePlan")
struct StaticResponsePlanTests {
    /// Modified at Sun, 06 Nov 1994 08:49:37.5 GMT; 1000 bytes.
    let file = StaticFile(
        url: URL(fileURLWithPath: "/srv/site.css"), size: 1000, modified: Date(timeIntervalSince1970: 784_111_777.5),
        contentType: "text/css; charset=utf-8", etag: "\"abc\"")
    let lastModified = "Sun, 06 Nov 1994 08:49:37 GMT"
    let earlier = "Sun, 06 Nov 1994 08:49:36 GMT"
    let later = "Sun, 06 Nov 1994 08:49:38 GMT"

    private func plan(_ headers: [String: String] = [:], method: HTTPRequest.Method = .get) -> StaticResponsePlan {
        StaticResponsePlan(file: file, method: method, headers: Self.fields(headers))
    }

    private static func fields(_ headers: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    private var validators: [String: String] {
        ["ETag": "\"abc\"", "Last-Modified": lastModified, "Cache-Control": "no-cache"]
    }

    private var fullHeaders: [String: String] {
        validators.merging([
            "Content-Type": "text/css; charset=utf-8", "Content-Length": "1000", "Accept-Ranges": "bytes",
        ]) { $1 }
    }

    @Test func servesTheWholeFile() {
        let plan = plan()
        #expect(plan.status == 200)
        #expect(plan.headerDictionary == fullHeaders)
        #expect(plan.body == 0..<1000)
    }

    @Test func headSendsHeadersOnly() {
        let plan = plan(method: .head)
        #expect(plan.status == 200)
        #expect(plan.headerDictionary == fullHeaders)
        #expect(plan.body == nil)
    }

    @Test(arguments: ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "\"x\",W/\"abc\"", "*", " \"a,b\" , \"abc\" "])
    func ifNoneMatchHitIsNotModified(header: String) {
        // Methods are case-sensitive (RFC 9110 §9.1): "get" is not GET.
        for method in [HTTPRequest.Method.get, .head] {
            let plan = plan(["if-none-match": header], method: method)
            #expect(plan == StaticResponsePlan(file: file, method: .head, headers: [.ifNoneMatch: "\"abc\""]))
            #expect(plan.status == 304)
            #expect(plan.headerDictionary == validators)
            #expect(plan.body == nil)
        }
    }

    @Test(arguments: ["\"abd\"", "\"x\", \"y\"", "abc", "\"a,b\"", ""])
    func ifNoneMatchMissIsServed(header: String) {
        #expect(plan(["if-none-match": header]).status == 200)
    }

    @Test func ifNoneMatchWinsOverIfModifiedSince() {
        #expect(plan(["if-none-match": "\"other\"", "if-modified-since": later]).status == 200)
        #expect(plan(["if-none-match": "\"abc\"", "if-modified-since": earlier]).status == 304)
    }

    @Test func ifNoneMatchHitFailsOtherMethods() {
        let plan = plan(["if-none-match": "\"abc\""], method: .post)
        #expect(plan.status == 412)
        #expect(plan.body == nil)
    }

    @Test func ifModifiedSince() {
        #expect(plan(["if-modified-since": lastModified]).status == 304)
        #expect(plan(["if-modified-since": later]).status == 304)
        #expect(plan(["if-modified-since": "Sunday, 06-Nov-94 08:49:37 GMT"]).status == 304)
        #expect(plan(["if-modified-since": "Sun Nov  6 08:49:37 1994"]).status == 304)
        #expect(plan(["if-modified-since": later], method: .head).status == 304)
        #expect(plan(["if-modified-since": earlier]).status == 200)
        #expect(plan(["if-modified-since": "yesterday"]).status == 200)
        #expect(plan(["if-modified-since": later], method: .post).status == 200)
    }

    @Test func ifMatch() {
        #expect(plan(["if-match": "\"abc\""]).status == 200)
        #expect(plan(["if-match": "*"]).status == 200)
        #expect(plan(["if-match": "\"x\", \"abc\""], method: .put).status == 200)
        #expect(plan(["if-match": "W/\"abc\""]).status == 412)
        #expect(plan(["if-match": "\"x\""]).status == 412)
        #expect(plan(["if-match": "\"x\""]).headerDictionary == [:])
        #expect(plan(["if-match": "\"abc\"", "if-unmodified-since": earlier]).status == 200)
    }

    @Test func ifUnmodifiedSince() {
        #expect(plan(["if-unmodified-since": earlier]).status == 412)
        #expect(plan(["if-unmodified-since": lastModified]).status == 200)
        #expect(plan(["if-unmodified-since": "nonsense"]).status == 200)
    }

    @Test(
        "serves a single range",
        arguments: [
            ("bytes=0-99", 0..<100), ("bytes=900-", 900..<1000), ("bytes=-100", 900..<1000),
            ("bytes=-2000", 0..<1000), ("bytes=990-2000", 990..<1000), ("bytes=999-999", 999..<1000),
            ("Bytes=5-9", 5..<10), ("bytes=5-9,", 5..<10), ("bytes=0-99999999999999999999999", 0..<1000),
        ]
    )
    func range(header: String, bytes: Range<Int>) {
        let plan = plan(["range": header])
        #expect(plan.status == 206)
        #expect(plan.body == bytes)
        var expected = fullHeaders
        expected["Content-Length"] = String(bytes.count)
        expected["Content-Range"] = "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/1000"
        #expect(plan.headerDictionary == expected)
    }

    @Test(arguments: ["bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999999-"])
    func unsatisfiableRange(header: String) {
        let plan = plan(["range": header])
        #expect(plan.status == 416)
        #expect(plan.headerDictionary == ["Content-Range": "bytes */1000"])
        #expect(plan.body == nil)
    }

    @Test(
        "ignores ranges it does not serve",
        arguments: ["bytes=0-1,5-6", "items=0-5", "bytes=5-1", "bytes=abc", "bytes=", "bytes=-", "bytes=1-2-3", "0-5", "bytes=--5", "bytes = 5-9"]
    )
    func ignoredRange(header: String) {
        let plan = plan(["range": header])
        #expect(plan.status == 200)
        #expect(plan.body == 0..<1000)
    }

    @Test func rangeOnlyForGet() {
        #expect(plan(["range": "bytes=0-9"], method: .head).status == 200)
        #expect(plan(["range": "bytes=0-9"], method: .post).status == 200)
    }

    @Test func ifRange() {
        #expect(plan(["range": "bytes=0-9", "if-range": "\"abc\""]).status == 206)
        #expect(plan(["range": "bytes=0-9", "if-range": lastModified]).status == 206)
        #expect(plan(["range": "bytes=0-9", "if-range": "\"old\""]).status == 200)
        #expect(plan(["range": "bytes=0-9", "if-range": "W/\"abc\""]).status == 200)
        #expect(plan(["range": "bytes=0-9", "if-range": later]).status == 200)
        #expect(plan(["range": "bytes=0-9", "if-range": "garbage"]).status == 200)
        #expect(plan(["range": "bytes=5000-", "if-range": "\"old\""]).status == 200)
    }

    @Test func conditionsComeBeforeRanges() {
        #expect(plan(["range": "bytes=0-9", "if-none-match": "\"abc\""]).status == 304)
        #expect(plan(["range": "bytes=5000-", "if-match": "\"x\""]).status == 412)
    }

    @Test func emptyFile() {
        let empty = StaticFile(url: file.url, size: 0, modified: file.modified, contentType: "text/plain", etag: "\"e\"")
        let whole = StaticResponsePlan(file: empty, method: .get, headers: [:])
        #expect(whole.status == 200)
        #expect(whole.body == 0..<0)
        #expect(whole.headerDictionary["Content-Length"] == "0")
        for header in ["bytes=0-", "bytes=-5", "bytes=0-0"] {
            #expect(StaticResponsePlan(file: empty, method: .get, headers: [.range: header]).status == 416)
        }
    }
}

extension StaticResponsePlan {
    /// The headers by name as sent, to compare with a dictionary.
    var headerDictionary: [String: String] {
        Dictionary(headers.map { ($0.name.rawName, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
