import CSystemd
import Glibc

/// Listening sockets the service manager passed in (socket activation), grouped by their
/// `FileDescriptorName=`: "http", "https" and "control". Empty when started any other way.
struct InheritedSockets: Sendable {
    static let names: Set<String> = ["http", "https", "control"]

    /// Descriptors by name, in the order systemd passed them.
    private(set) var descriptors: [String: [Int32]] = [:]
    /// Names nobody asked for; their descriptors were closed.
    private(set) var unknownNames: [String] = []

    init() {}

    /// Takes the descriptors from the environment (and clears LISTEN_FDS, so children do not inherit them).
    static func fromEnvironment() -> InheritedSockets {
        var sockets = InheritedSockets()
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        guard count > 0 else { return sockets }
        defer { free(names) }
        for index in 0..<Int(count) {
            let descriptor = SD_LISTEN_FDS_START + Int32(index)
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            free(names?[index])
            if Self.names.contains(name) {
                sockets.descriptors[name, default: []].append(descriptor)
            } else {
                sockets.unknownNames.append(name)
                close(descriptor)
            }
        }
        return sockets
    }

    subscript(name: String) -> [Int32] { descriptors[name] ?? [] }
}
