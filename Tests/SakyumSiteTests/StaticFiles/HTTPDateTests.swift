import Foundation
import Testing

@testable import SakyumSite

@Suite("HTTPDate")
struct HTTPDateTests {
    let example = Date(timeIntervalSince1970: 784_111_777)

    @Test func writesIMFFixdate() {
        #expect(HTTPDate.string(from: example) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.string(from: example.addingTimeInterval(0.999)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.string(from: Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.string(from: Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.string(from: Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.string(from: Date(timeIntervalSince1970: 4_102_444_800)) == "Fri, 01 Jan 2100 00:00:00 GMT")
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun Nov 06 08:49:37 1994"])
    func readsTheThreeForms(text: String) {
        #expect(HTTPDate.date(from: text) == example)
    }

    @Test(
        arguments: [
            "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun 06 Nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 29 Feb 1900 00:00:00 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94", "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:3x GMT",
            "Sun, 06 Nov +994 08:49:37 GMT",
        ]
    )
    func refusesOtherText(text: String) {
        #expect(HTTPDate.date(from: text) == nil)
    }

    @Test func readsLeapDaysAndSeconds() {
        #expect(HTTPDate.date(from: "Tue, 29 Feb 2000 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        #expect(HTTPDate.date(from: "Sat, 31 Dec 2016 23:59:60 GMT") == Date(timeIntervalSince1970: 1_483_228_800))
    }

    @Test func twoDigitYearsLookBackFromFiftyYearsAhead() {
        let in2026 = Date(timeIntervalSince1970: 1_780_000_000)
        let seventySix = HTTPDate.date(from: "Thursday, 01-Jan-76 00:00:00 GMT", now: in2026)
        let seventySeven = HTTPDate.date(from: "Saturday, 01-Jan-77 00:00:00 GMT", now: in2026)
        #expect(seventySix.map(HTTPDate.string(from:)) == "Wed, 01 Jan 2076 00:00:00 GMT")
        #expect(seventySeven.map(HTTPDate.string(from:)) == "Sat, 01 Jan 1977 00:00:00 GMT")
    }

    @Test func roundTrips() {
        for seconds in stride(from: -2_208_988_800, through: 4_102_444_800, by: 7_654_321) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(HTTPDate.date(from: HTTPDate.string(from: date)) == date)
        }
    }
}
