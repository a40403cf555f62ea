import Foundation
import Logging
import Testing
import HTTPTypes
import SakyumSpec
import Synchronization
@testable import SakyumDaemon

@Suite struct ReloadTimesTests {
    @Test func percentilesAreNearestRankOverTheKeptSamples() {
        var times = ReloadTimes()
        #expect(times.percentile(50) == nil)
        for milliseconds in 1...100 { times.record(.milliseconds(milliseconds)) }
        #expect(times.count == 100)
        #expect(times.percentile(50) == 50)
        #expect(times.percentile(99) == 99)
        #expect(times.percentile(100) == 100)
    }

    @Test func onlyTheLatestSamplesAreKept() {
        var times = ReloadTimes()
        for _ in 0..<ReloadTimes.capacity { times.record(.seconds(1)) }
        for _ in 0..<ReloadTimes.capacity { times.record(.milliseconds(2)) }
        #expect(times.count == 2 * ReloadTimes.capacity)
        #expect(times.percentile(99) == 2)
    }
}

@Suite struct HTTPDateHeaderTests {
    @Test func formatsIMFFixdate() {
        #expect(HTTPDateHeader.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateHeader.format(1_764_079_205) == "Tue, 25 Nov 2025 14:00:05 GMT")
    }
}

@Suite struct JournalLogHandlerTests {
    @Test func levelsMapToSyslogPriorities() {
        let priorities = [Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(JournalLogHandler.priority)
        #expect(priorities == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func stderrIsNotTheJournalWhenJournalStreamNamesAnotherFile() {
        setenv("JOURNAL_STREAM", "0:0", 1)
        defer { unsetenv("JOURNAL_STREAM") }
        #expect(!JournalLogHandler.isStandardErrorTheJournal)
    }
}

@Suite struct AccessLogFormatTests {
    static let entry = AccessLog.Entry(
        time: Date(timeIntervalSince1970: 1_765_000_000), remote: "203.0.113.7", userID: "3", method: "GET", target: "/school/?q=a",
        status: 200, bytes: 512, referer: nil, userAgent: "Evil\"Agent\n127.0.0.1 - - [forged]", project: "school", host: "school.test",
        requestID: "abc", duration: .milliseconds(12))

    @Test func combinedLinesEscapeWhatCouldForgeALine() {
        let line = AccessLog.combined(Self.entry)
        #expect(line == "203.0.113.7 - 3 [06/Dec/2025:05:46:40 +0000] \"GET /school/?q=a HTTP/1.1\" 200 512 \"-\" "
            + "\"Evil\\x22Agent\\x0A127.0.0.1 - - [forged]\" project=school request_id=abc duration_ms=12.000")
        #expect(!line.contains("\n"))
    }

    @Test func jsonLinesAreOneObject() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(AccessLog.json(Self.entry).utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2025-12-06T05:46:40Z")
        #expect(object["time"] as? String == ISO8601DateFormatter().string(from: Self.entry.time))
        #expect(object["user_id"] as? String == "3")
        #expect(object["bytes"] as? Int == 512)
        #expect(object["duration_ms"] as? Double == 12)
        #expect(object["referer"] == nil)
        #expect(object["user_agent"] as? String == Self.entry.userAgent, "quotes and control characters survive as JSON escapes")
        #expect(!AccessLog.json(Self.entry).contains("\n"))
    }

    @Test func madeRequestIDsAreSixteenHexDigitsAndDiffer() {
        let ids = (0..<100).map { _ in RequestID.of(HTTPFields(), viaTrustedProxy: false) }
        #expect(ids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{16}/) != nil }, "\(ids.prefix(3))")
        #expect(Set(ids).count == ids.count)
        // Made from a counter, yet consecutive ids share no visible pattern: their first halves differ too.
        #expect(Set(ids.map { $0.prefix(8) }).count == ids.count)
    }

    @Test func requestIDsMadeOnManyThreadsAtOnceAreUnique() {
        let made = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let ids = (0..<2_000).map { _ in RequestID.of(given: nil, viaTrustedProxy: false) }
            made.withLock { $0 += ids }
        }
        let ids = made.withLock { $0 }
        #expect(ids.count == 16_000)
        #expect(Set(ids).count == ids.count)
    }

    @Test func durationsAndNumbersAreWrittenExactly() {
        var entry = Self.entry
        entry.duration = .microseconds(1_234_567)
        entry.bytes = nil
        entry.userID = nil
        #expect(AccessLog.combined(entry).hasSuffix("duration_ms=1234.567"))
        #expect(AccessLog.combined(entry).contains("\" 200 - \"-\""))
        #expect(AccessLog.combined(entry).hasPrefix("203.0.113.7 - - [06/Dec/2025:05:46:40 +0000]"))
        entry.duration = .nanoseconds(400)
        #expect(AccessLog.json(entry).contains("\"duration_ms\":0.000,"))
        #expect(AccessLog.json(entry).hasPrefix("{\"duration_ms\":0.000,\"host\":\"school.test\""))
    }

    @Test func onlyATrustedPeerIsBelievedAboutTheClient() throws {
        let trusted = [try #require(IPRange("10.0.0.0/8"))]
        var headers = HTTPFields()
        headers[ForwardedClient.forwardedFor] = "198.51.100.1, 203.0.113.7, 10.0.0.9"
        headers[ForwardedClient.forwardedProto] = "https"
        let viaProxy = ForwardedClient(peer: "10.0.0.2", isSecure: false, headers: headers, trusted: trusted)
        #expect(viaProxy.address == "203.0.113.7", "the right-most hop that is not a trusted proxy")
        #expect(viaProxy.isSecure)
        let direct = ForwardedClient(peer: "198.51.100.9", isSecure: false, headers: headers, trusted: trusted)
        #expect(direct.address == "198.51.100.9" && !direct.isSecure && !direct.viaTrustedProxy)
        headers[RequestID.header] = "bad id with spaces"
        #expect(RequestID.of(headers, viaTrustedProxy: true) != "bad id with spaces")
    }
}
