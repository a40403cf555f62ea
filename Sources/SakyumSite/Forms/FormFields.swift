import HTTPTypes
import Foundation
import MultipartKit
import NIOCore

/// A submitted form: `application/x-www-form-urlencoded` or `multipart/form-data` fields, and uploaded files.
struct FormFields: Sendable {
    struct File: Sendable {
        let field: String
        let filename: String
        let contentType: String?
        let data: ByteBuffer
    }

    private(set) var values: [(name: String, value: String)] = []
    private(set) var files: [File] = []

    /// The first value of `name`, like Werkzeug's `form.get`.
    subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    func file(_ field: String) -> File? {
        files.first { $0.field == field }
    }

    init() {}

    /// Whether a checkbox's submitted value means checked, as WTForms' BooleanField reads it.
    static func isChecked(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["y", "yes", "on", "true", "1"].contains(value)
    }

    /// Parses `body` by its Content-Type; anything else (or a malformed body) is a 400.
    init(body: ByteBuffer, contentType: String?) throws(HTTPFailure) {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/x-www-form-urlencoded", "":
            self.init(urlEncoded: String(decoding: body.readableBytesView, as: UTF8.self))
        case "multipart/form-data":
            guard let boundary = Self.parameter("boundary", in: contentType ?? ""), !boundary.isEmpty, boundary.utf8.count <= 200 else {
                throw HTTPFailure(.badRequest, detail: "multipart/form-data without a boundary")
            }
            try self.init(multipart: body, boundary: boundary)
        default:
            throw HTTPFailure(.unsupportedMediaType, detail: "a form must be application/x-www-form-urlencoded or multipart/form-data, not \(type)")
        }
    }

    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
    }

    private init(multipart body: ByteBuffer, boundary: String) throws(HTTPFailure) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var partBody = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, partBody))
            headers = []
            partBody = ByteBuffer()
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPFailure(.badRequest, detail: "malformed multipart body: \(error)")
        }
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0 == "content-disposition" })?.1,
                  let name = Self.parameter("name", in: disposition) else { continue }
            if let filename = Self.parameter("filename", in: disposition) {
                files.append(File(field: name, filename: filename, contentType: part.headers.first { $0.0 == "content-type" }?.1, data: part.body))
            } else {
                values.append((name, String(decoding: part.body.readableBytesView, as: UTF8.self)))
            }
        }
    }

    /// `name="value"` (or unquoted) from a header value such as Content-Disposition.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
