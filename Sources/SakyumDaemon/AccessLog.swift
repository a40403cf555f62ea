import Foundation
import Glibc
import SakyumSpec
import ServiceLifecycle
import Synchronization

/// One line per request, after its response went out: NCSA combined format (with the project, request id
/// and duration appended) or JSON lines; to the journal with SAKYUM_* fields under systemd, else to
/// standard error or a file. Never the query string of a state-changing request (a login's `next`, a
/// token), never a cookie.
final class AccessLog: Sendable {
    enum Destination: Sendable {
        case journal
        /// Standard error is written a line at a time (people watch it). A file's lines are gathered and
        /// written 32 KiB at a time, or by `flush()` every second (AccessLogFlusher), as nginx's `buffer=`:
        /// a write(2) per request costs a cached page a sixth of its throughput. A kill -9 loses at most the
        /// last second of lines; a stop flushes them.
        case stream(FileHandle, buffered: Bool)
    }

    static let bufferLimit = 32 * 1024

    let format: DaemonSettings.AccessLogSettings.Format
    private let destination: Destination
    private let pending = Mutex<[UInt8]>([])

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
            return AccessLog(format: settings.format, destination: .stream(handle, buffered: true))
        }
        return AccessLog(format: settings.format, destination: underSystemd ? .journal : .stream(FileHandle.standardError, buffered: false))
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
    }

    func record(_ entry: Entry) {
        switch destination {
        case .journal:
            var fields = [
                "MESSAGE=\(String(decoding: line(entry).bytes, as: UTF8.self))", "PRIORITY=6", "SYSLOG_IDENTIFIER=sakyumd", "SAKYUM_ACCESS=1",
                "SAKYUM_STATUS=\(entry.status)", "SAKYUM_METHOD=\(entry.method)", "SAKYUM_PATH=\(entry.target)",
                "SAKYUM_HOST=\(entry.host)", "SAKYUM_REMOTE=\(entry.remote)", "SAKYUM_REQUEST_ID=\(entry.requestID)",
                "SAKYUM_DURATION_MS=\(Self.milliseconds(entry.duration))",
            ]
            if let project = entry.project { fields.append("SAKYUM_PROJECT=\(project)") }
            if let user = entry.userID { fields.append("SAKYUM_USER_ID=\(user)") }
            if let bytes = entry.bytes { fields.append("SAKYUM_BYTES=\(bytes)") }
            JournalLogHandler.send(fields)
        case .stream(let handle, let buffered):
            var line = line(entry)
            line.append("\n")
            pending.withLock { pending in
                pending += line.bytes
                if !buffered || pending.count >= Self.bufferLimit {
                    Self.write(pending, to: handle.fileDescriptor)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    private func line(_ entry: Entry) -> AccessLine {
        format == .json ? Self.jsonLine(entry) : Self.combinedLine(entry)
    }

    /// Writes the lines gathered for a file.
    func flush() {
        guard case .stream(let handle, buffered: true) = destination else { return }
        pending.withLock { pending in
            guard !pending.isEmpty else { return }
            Self.write(pending, to: handle.fileDescriptor)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// A full disk or a closed stream loses the lines: the requests were served.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// `remote - user [time] "METHOD target HTTP/1.1" status bytes "referer" "agent" project=… request_id=… duration_ms=…`
    static func combined(_ entry: Entry) -> String {
        String(decoding: combinedLine(entry).bytes, as: UTF8.self)
    }

    static func json(_ entry: Entry) -> String {
        String(decoding: jsonLine(entry).bytes, as: UTF8.self)
    }

    private static func combinedLine(_ entry: Entry) -> AccessLine {
        var line = AccessLine()
        line.appendEscaped(entry.remote)
        line.append(" - ")
        if let user = entry.userID { line.appendEscaped(user) } else { line.append("-") }
        line.append(" [")
        line.appendCLFTime(utc(entry.time))
        line.append("] \"")
        line.appendEscaped(entry.method)
        line.append(" ")
        line.appendEscaped(entry.target)
        line.append(" HTTP/1.1\" ")
        line.appendNumber(entry.status)
        line.append(" ")
        if let bytes = entry.bytes { line.appendNumber(bytes) } else { line.append("-") }
        line.append(" \"")
        line.appendEscaped(entry.referer ?? "-")
        line.append("\" \"")
        line.appendEscaped(entry.userAgent ?? "-")
        line.append("\" project=")
        line.appendEscaped(entry.project ?? "-")
        line.append(" request_id=")
        line.appendEscaped(entry.requestID)
        line.append(" duration_ms=")
        line.appendMilliseconds(entry.duration)
        return line
    }

    /// One object, keys sorted, absent values left out.
    private static func jsonLine(_ entry: Entry) -> AccessLine {
        var line = AccessLine()
        var first = true
        func key(_ name: String) {
            line.append(first ? "{\"" : ",\"")
            first = false
            line.append(name)
            line.append("\":")
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            line.appendJSON(value)
        }
        if let bytes = entry.bytes {
            key("bytes")
            line.appendNumber(bytes)
        }
        key("duration_ms")
        line.appendMilliseconds(entry.duration)
        string("host", entry.host)
        string("method", entry.method)
        string("path", entry.target)
        string("project", entry.project)
        string("referer", entry.referer)
        string("remote", entry.remote)
        string("request_id", entry.requestID)
        key("status")
        line.appendNumber(entry.status)
        key("time")
        line.append("\"")
        line.appendISOTime(utc(entry.time))
        line.append("\"")
        string("user_agent", entry.userAgent)
        string("user_id", entry.userID)
        line.append("}")
        return line
    }

    private static func milliseconds(_ duration: Duration) -> String {
        var text = AccessLine()
        text.appendMilliseconds(duration)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    private static func utc(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }
}

/// Writes a file access log's gathered lines every second, and once more on the way out.
struct AccessLogFlusher: Service {
    let log: AccessLog

    func run() async throws {
        // Cancelled at once on a stop: the daemon's exit must not wait out a sleep.
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: .seconds(1))) != nil {
                log.flush()
            }
        }
        log.flush()
    }
}
