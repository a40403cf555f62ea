// libFuzzer entry for what a request's Cookie header goes through before any key is involved: the header
// split into name=value pairs (CookieJar), each session value taken apart as base64url(payload).base64url(mac),
// and the payload read as a session (SessionState). A canonical base64url spelling must survive a round trip,
// and a session that reads must encode and read back equal.
import Foundation
import HTTPTypes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCookies(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var headers = HTTPFields()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8) {
        headers.append(HTTPField(name: .cookie, value: String(line)))
    }
    let jar = CookieJar(headers)
    for value in jar.values(named: "session") + jar.values(named: "remember_token") {
        if let (payload, mac) = Base64URL.signedParts(of: value) {
            guard Base64URL.encode(payload) + "." + Base64URL.encode(mac) == value else {
                fatalError("\(value) took apart into parts that do not spell it again")
            }
            if let state = SessionState(payload: payload) {
                let encoded = try! JSONEncoder().encode(state)
                guard SessionState(payload: Array(encoded)) == state else { fatalError("\(state) does not read back") }
            }
        }
    }
    if let bytes = Base64URL.decode(text), Base64URL.encode(bytes) != text {
        fatalError("\(text) decoded but is not canonical")
    }
    return 0
}
