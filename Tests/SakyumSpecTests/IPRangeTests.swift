import SakyumSpec
import Testing

@Suite struct IPRangeTests {
    @Test func rangesContainTheirAddresses() throws {
        let private10 = try #require(IPRange("10.0.0.0/8"))
        #expect(private10.contains("10.1.2.3"))
        #expect(!private10.contains("11.0.0.1"))
        #expect(private10.contains("::ffff:10.9.9.9"), "an IPv4-mapped address counts as IPv4")
        let single = try #require(IPRange("127.0.0.1"))
        #expect(single.prefixLength == 32 && single.contains("127.0.0.1") && !single.contains("127.0.0.2"))
        let v6 = try #require(IPRange("2001:db8::/32"))
        #expect(v6.contains("2001:db8:1::5") && !v6.contains("2001:db9::1") && !v6.contains("10.0.0.1"))
        #expect(try #require(IPRange("192.168.0.0/20")).contains("192.168.15.255"))
        #expect(try !#require(IPRange("192.168.0.0/20")).contains("192.168.16.0"))
        #expect(IPRange("::1")?.description == "::1/128")
    }

    @Test(arguments: ["", "10.0.0.0/33", "not-an-ip", "10.0.0/8", "::1/129", "10.0.0.0/-1", "10.0.0.0/x"])
    func malformedRangesAreRefused(text: String) {
        #expect(IPRange(text) == nil)
    }
}
