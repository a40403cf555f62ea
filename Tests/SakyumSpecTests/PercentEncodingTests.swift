import Foundation
import Testing

@testable import SakyumSpec

@Suite("PercentEncoding of query components")
struct QueryComponentEncodingTests {
    @Test(arguments: [
        ("a b", "a+b"), ("x=1&y=2", "x%3D1%26y%3D2"), ("/path?q", "/path?q"), ("é ü", "%C3%A9+%C3%BC"), ("a+b", "a%2Bb"),
        ("!$'()*,/:;?@", "!$'()*,/:;?@"), ("#%[]", "%23%25%5B%5D"), ("", ""), ("safe-._~AZaz09", "safe-._~AZaz09"),
    ])
    func encodesAsHTMLFormsDo(text: String, expected: String) {
        #expect(PercentEncoding.encodeQueryComponent(text) == expected)
        #expect(PercentEncoding.decode(expected.replacingOccurrences(of: "+", with: "%20")) == text)
    }
}
