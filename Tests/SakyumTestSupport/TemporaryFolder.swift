import Foundation

/// A fresh folder under the system's temporary directory, removed when the value goes away.
public final class TemporaryFolder: Sendable {
    public let url: URL

    /// `label` starts the folder's name, so a folder left by a crashed run says which test made it.
    /// A machine that cannot make a temporary folder cannot run the tests: that stops the run.
    public init(_ label: String = "sakyum-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot make a temporary folder at \(url.path): \(error)")
        }
    }

    /// Writes `text` to `relative` inside the folder, making the folders on the way.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> URL {
        try Self.write(text, to: url.appendingPathComponent(relative))
    }

    /// Writes `text` to `file`, making the folders on the way.
    @discardableResult
    public static func write(_ text: String, to file: URL) throws -> URL {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Removes the folder now; `defer { folder.remove() }` also keeps it until the end of the scope.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit {
        remove()
    }
}

/// A test step that could not go on; its description says why.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
