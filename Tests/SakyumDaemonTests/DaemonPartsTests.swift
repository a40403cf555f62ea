import Foundation
import Logging
import Testing
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
