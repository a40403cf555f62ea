/// The Content-Type sent for a static file, chosen by its extension.
enum StaticContentType {
    /// The media type for `fileName`; text types carry `charset=utf-8`, unknown extensions are
    /// `application/octet-stream`.
    static func forFile(named fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex,
            let mediaType = byExtension[fileName[fileName.index(after: dot)...].lowercased()]
        else { return "application/octet-stream" }
        return takesCharset(mediaType) ? mediaType + "; charset=utf-8" : mediaType
    }

    /// Like Werkzeug's `get_content_type`: text, XML and JavaScript types name their charset.
    private static func takesCharset(_ mediaType: String) -> Bool {
        mediaType.hasPrefix("text/") || mediaType.hasSuffix("+xml") || mediaType == "application/xml"
    }

    private static let byExtension: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css",
        "js": "text/javascript", "mjs": "text/javascript", "json": "application/json", "map": "application/json",
        "jsonld": "application/ld+json", "webmanifest": "application/manifest+json",
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "ics": "text/calendar",
        "xml": "application/xml", "rss": "application/rss+xml", "atom": "application/atom+xml",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/vnd.microsoft.icon",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "eot": "application/vnd.ms-fontobject",
        "pdf": "application/pdf", "wasm": "application/wasm", "zip": "application/zip",
        "gz": "application/gzip", "tar": "application/x-tar",
        "mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg", "mov": "video/quicktime",
        "mp3": "audio/mpeg", "ogg": "audio/ogg", "oga": "audio/ogg", "wav": "audio/wav", "m4a": "audio/mp4",
    ]
}
