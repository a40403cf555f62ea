import Foundation
import Glibc
import SakyumTestSupport

/// A deliberately small HTTP/1.1 client over a raw socket, so tests control every byte,
/// hostile requests included.
enum RawHTTP {
    static func send(port: Int, method: String, target: String, host: String?, headers: [(String, String)] = [], body: Data = Data()) throws -> HTTPReply {
        var head = "\(method) \(target) HTTP/1.1\r\n"
        if let host { head += "Host: \(host)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        let raw = try exchange(port: port, bytes: Data(head.utf8) + body)
        return try parse(raw, method: method)
    }

    /// Sends raw bytes and returns everything the server sends before closing.
    static func exchange(port: Int, bytes: Data) throws -> Data {
        let connection = try TCPConnection(port: port)
        connection.send(bytes)
        return connection.receiveUntilClosed().0
    }

    static func parse(_ raw: Data, method: String) throws -> HTTPReply {
        guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else {
            throw TestFailure("no complete response (got \(raw.count) bytes: \(String(decoding: raw.prefix(200), as: UTF8.self)))")
        }
        let headText = String(decoding: raw[..<split.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestFailure("bad status line") }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Data(raw[split.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
            body = dechunk(body)
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var result = Data()
        var index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? "0"
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            let end = data.index(start, offsetBy: size)
            result.append(data[start..<end])
            index = data.index(end, offsetBy: 2)
        }
        return result
    }
}
