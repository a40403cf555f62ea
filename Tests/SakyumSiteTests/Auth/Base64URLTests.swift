import Foundation
import Testing

@testable import SakyumSite

@Suite("Base64URL")
struct Base64URLTests {
    /// Foundation's base64 in the URL alphabet without padding: what cookies were always written as.
    private static func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test func encodesAsFoundationDoesAndDecodesBack() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                let text = Base64URL.encode(bytes)
                #expect(text == Self.reference(bytes))
                #expect(Base64URL.decode(text) == bytes)
            }
        }
        #expect(Base64URL.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw")
    }

    @Test(arguments: ["A", "QR", "QUJ", "QQ==", "Q+8", "Q/8", "QQ QQ", "Y W55", "é", "AAAAA"])
    func refusesWhatIsNotCanonical(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func takesSignedValuesApart() {
        let parts = Base64URL.signedParts(of: "YWJj.ZGVm")
        #expect(parts?.payload == Array("abc".utf8))
        #expect(parts?.mac == Array("def".utf8))
        #expect(Base64URL.signedParts(of: "YWJj") == nil)
        #expect(Base64URL.signedParts(of: String(repeating: "A", count: 8200) + ".AA") == nil)
    }
}

@Suite("RandomHex")
struct RandomHexTests {
    @Test func givesTwoLowercaseHexDigitsPerByteAndNeverRepeats() {
        var seen: Set<String> = []
        for length in [1, 7, 8, 9, 16, 32] {
            for _ in 0..<50 {
                let text = RandomHex.make(bytes: length)
                #expect(text.utf8.count == 2 * length)
                #expect(text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
                if length >= 8 { #expect(seen.insert(text).inserted) }
            }
        }
        // Every digit turns up in every position over many draws (the bytes are not truncated or shifted away).
        let draws = (0..<400).map { _ in Array(RandomHex.make(bytes: 16).utf8) }
        for position in 0..<32 {
            #expect(Set(draws.map { $0[position] }).count == 16, "position \(position)")
        }
    }
}
