import Foundation
import Glibc
import SakyumSpec
import Synchronization

/// One line per request, after its response went out: NCSA combined format (with the project, request id
/// and duration appended) or JSON lines; to the journal with SAKYUM_* fields under systemd, else to
/// standard error or a file. Never the query string of a state-changing request (a login's `next`, a
/// token), never a cookie.
final class AccessLog: Sendable {
    enum Destination: Sendable {
        case journal
        case stream(FileHandle)
    }

    let format: DaemonSettings.AccessLogSettings.Format
    private let destination: Destination
    private let writing = Mutex(())

    init(format: DaemonSettings.AccessLogSettings.Format, destination: Destination) {
        self.format = format
        self.destination = destination
    }

    /// The log the settings ask for: nil when it is off; a file is opened for appending (and made).
    static func open(_ settings: DaemonSettings.AccessLogSettings, underSystemd: Bool) throws -> AccessLog? {
        guard settings.enabled else { return nil }
        if let path = settings.file {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]) else {
                    throw DaemonOptionsError(message: "access_log: cannot create '\(path)'")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw DaemonOptionsError(message: "access_log: cannot write '\(path)'") }
            handle.seekToEndOfFile()
            return AccessLog(format: settings.format, destination: .stream(handle))
        }
        return AccessLog(format: settings.format, destination: underSystemd ? .journal : .stream(FileHandle.standardError))
    }

    /// What one request and its response were.
    struct Entry: Sendable {
        var time: Date
        var remote: String
        var userID: String?
        var method: String
        /// The path, with the query string for safe methods only.
        var target: String
        var status: Int
        var bytes: Int?
        var referer: String?
        var userAgent: String?
        var project: String?
        var host: String
        var requestID: String
        var duration: Duration

        var milliseconds: Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }
    }

    func record(_ entry: Entry) {
        let line = format == .json ? Self.json(entry) : Self.combined(entry)
        switch destination {
        case .journal:
            var fields = [
                "MESSAGE=\(line)", "PRIORITY=6", "SYSLOG_IDENTIFIER=sakyumd", "SAKYUM_ACCESS=1",
                "SAKYUM_STATUS=\(entry.status)", "SAKYUM_METHOD=\(entry.method)", "SAKYUM_PATH=\(entry.target)",
                "SAKYUM_HOST=\(entry.host)", "SAKYUM_REMOTE=\(entry.remote)", "SAKYUM_REQUEST_ID=\(entry.requestID)",
                "SAKYUM_DURATION_MS=\(String(format: "%.3f", entry.milliseconds))",
            ]
            if let project = entry.project { fields.append("SAKYUM_PROJECT=\(project)") }
            if let user = entry.userID { fields.append("SAKYUM_USER_ID=\(user)") }
            if let bytes = entry.bytes { fields.append("SAKYUM_BYTES=\(bytes)") }
            JournalLogHandler.send(fields)
        case .stream(let handle):
            let data = Data((line + "\n").utf8)
            writing.withLock { _ in handle.write(data) }
        }
    }

    /// `remote - user [time] "METHOD target HTTP/1.1" status bytes "referer" "agent" project=… request_id=… duration_ms=…`
    static func combined(_ entry: Entry) -> String {
        let user = entry.userID.map(Self.escaped) ?? "-"
        let bytes = entry.bytes.map(String.init) ?? "-"
        return "\(entry.remote) - \(user) [\(clfTime(entry.time))] \"\(escaped(entry.method)) \(escaped(entry.target)) HTTP/1.1\" "
            + "\(entry.status) \(bytes) \"\(escaped(entry.referer ?? "-"))\" \"\(escaped(entry.userAgent ?? "-"))\" "
            + "project=\(entry.project.map(escaped) ?? "-") request_id=\(escaped(entry.requestID)) duration_ms=\(String(format: "%.3f", entry.milliseconds))"
    }

    static func json(_ entry: Entry) -> String {
        var object: [String: Any] = [
            "time": isoTime(entry.time), "remote": entry.remote, "method": entry.method,
            "path": entry.target, "status": entry.status, "host": entry.host, "request_id": entry.requestID,
            "duration_ms": (entry.milliseconds * 1000).rounded() / 1000,
        ]
        object["project"] = entry.project
        object["user_id"] = entry.userID
        object["bytes"] = entry.bytes
        object["referer"] = entry.referer
        object["user_agent"] = entry.userAgent
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Quotes, backslashes and control characters as \xNN, as nginx writes them: a header cannot forge a line.
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes += Array("\\x".utf8) + Array(String(byte, radix: 16, uppercase: true).leftPadded(to: 2).utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `06/Dec/2026:02:30:00 +0000`.
    static func clfTime(_ date: Date) -> String {
        let parts = utc(date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%02d/%@/%04d:%02d:%02d:%02d +0000", parts.tm_mday, months[Int(parts.tm_mon)], parts.tm_year + 1900,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// `2026-12-06T02:30:00Z`, as ISO8601DateFormatter writes it, without building a formatter for every line.
    static func isoTime(_ date: Date) -> String {
        let parts = utc(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func utc(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
