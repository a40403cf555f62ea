import Foundation
import HTTPTypes

/// The cookies a request carries; every value of a name (two projects on one host can both send `session`).
struct CookieJar {
    private var pairs: [(String, String)] = []

    init(_ headers: HTTPFields) {
        for header in headers[values: .cookie] {
            for piece in header.split(separator: ";") {
                let pair = piece.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                pairs.append((pair[0].trimmingCharacters(in: .whitespaces), pair[1].trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    func values(named name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }
}
