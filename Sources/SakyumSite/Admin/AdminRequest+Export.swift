import Foundation
import HTTPTypes
import Hummingbird
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The list as CSV, with the list's search and filters.
extension AdminRequest {
    func exportCSV() async throws -> Response {
        guard admin.options.canExport else { throw HTTPFailure(.forbidden, detail: "can_export is off for \(admin.name)") }
        let query = try AdminListQuery(request.queryItems, admin: admin)
        let (filtered, invalid) = query.storeQuery(for: admin)
        if let (field, reason) = invalid.first {
            throw HTTPFailure(.badRequest, detail: "filter \(field): \(reason)", reason: "The filter on \(admin.label(field)) is not valid: \(reason)")
        }
        var storeQuery = filtered
        storeQuery.limit = nil
        storeQuery.offset = 0
        let admin = self.admin, allRows = storeQuery
        let csv = try await data.snapshot { transaction, loader in
            var lines = [admin.listColumns.map { CSVText.field($0.label) }.joined(separator: ",")]
            for record in try transaction.all(allRows) {
                lines.append(try admin.listColumns.map { column in
                    let cell = try AdminRequest.cell(record, column: column, admin: admin, loader: loader)
                    return CSVText.field(cell.stringContent ?? "")
                }.joined(separator: ","))
            }
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        var response = Response.body(csv, contentType: "text/csv; charset=utf-8", status: .ok, head: false)
        response.headers[.contentDisposition] = "attachment; filename=\"\(admin.model.name)_\(DateTimeValue.now().date).csv\""
        return response
    }
}

/// RFC 4180 fields; a leading =, +, - or @ is quoted with ' so a spreadsheet never runs it as a formula.
enum CSVText {
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
