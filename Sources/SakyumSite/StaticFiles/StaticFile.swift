import Foundation

/// A regular, readable file found inside a `StaticFileFolder`, with what its responses need.
public struct StaticFile: Sendable, Equatable {
    /// The file's resolved location (symlinks followed), inside the folder's resolved root.
    public let url: URL
    /// The size in bytes when it was looked up.
    public let size: Int
    /// The modification time when it was looked up.
    public let modified: Date
    /// The Content-Type header value.
    public let contentType: String
    /// A strong entity tag, quoted, from the file's inode, size and modification time.
    public let etag: String

    /// Describes a file; `StaticFileFolder.resolve` is the usual way to get one.
    public init(url: URL, size: Int, modified: Date, contentType: String, etag: String) {
        self.url = url
        self.size = size
        self.modified = modified
        self.contentType = contentType
        self.etag = etag
    }
}
