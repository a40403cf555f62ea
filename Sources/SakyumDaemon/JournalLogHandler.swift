import CSystemd
import Foundation
import Glibc
import Logging

/// Sends log records to journald as structured entries: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER,
/// and SAKYUM_PROJECT when the record's metadata names a project (`journalctl SAKYUM_PROJECT=blog`).
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String

    public init(label: String) {
        self.label = label
    }

    /// True when systemd connected stderr to the journal: `JOURNAL_STREAM` names stderr's device and inode.
    public static var isStandardErrorTheJournal: Bool {
        guard let stream = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        var device: UInt64 = 0
        var inode: UInt64 = 0
        guard csystemd_device_and_inode(STDERR_FILENO, &device, &inode) == 0 else { return false }
        return stream == "\(device):\(inode)"
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { $1 }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var fields = [
            "PRIORITY=\(Self.priority(event.level))",
            "SYSLOG_IDENTIFIER=sakyumd",
            "SAKYUM_LOGGER=\(label)",
        ]
        if let project = merged.removeValue(forKey: "project") {
            fields.append("SAKYUM_PROJECT=\(project)")
        }
        let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        fields.append("MESSAGE=" + ([event.message.description] + details).joined(separator: " "))
        Self.send(fields)
    }

    /// syslog priorities, as journald files them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// One iovec per field, all pointing into one buffer.
    static func send(_ fields: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.utf8)
            ranges.append(start..<bytes.count)
        }
        bytes.withUnsafeMutableBytes { buffer in
            let vectors = ranges.map { iovec(iov_base: buffer.baseAddress! + $0.lowerBound, iov_len: $0.count) }
            _ = sd_journal_sendv(vectors, Int32(vectors.count))
        }
    }
}
