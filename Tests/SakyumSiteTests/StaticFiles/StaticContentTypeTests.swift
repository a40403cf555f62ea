import Testing

@testable import SakyumSite

@Suite("StaticContentType")
struct StaticContentTypeTests {
    @Test(
        arguments: [
            ("site.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
            ("mod.mjs", "text/javascript; charset=utf-8"), ("data.json", "application/json"),
            ("app.js.map", "application/json"), ("index.html", "text/html; charset=utf-8"),
            ("notes.txt", "text/plain; charset=utf-8"), ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("a.png", "image/png"), ("a.jpg", "image/jpeg"), ("a.jpeg", "image/jpeg"), ("a.gif", "image/gif"),
            ("a.webp", "image/webp"), ("favicon.ico", "image/vnd.microsoft.icon"), ("a.avif", "image/avif"),
            ("f.woff", "font/woff"), ("f.woff2", "font/woff2"), ("f.ttf", "font/ttf"), ("f.otf", "font/otf"),
            ("doc.pdf", "application/pdf"), ("feed.xml", "application/xml; charset=utf-8"),
            ("v.mp4", "video/mp4"), ("v.webm", "video/webm"), ("s.mp3", "audio/mpeg"),
            ("m.wasm", "application/wasm"), ("t.csv", "text/csv; charset=utf-8"), ("z.zip", "application/zip"),
            ("PHOTO.JPG", "image/jpeg"), ("README", "application/octet-stream"), (".css", "application/octet-stream"),
            ("archive.unknown", "application/octet-stream"), ("trailing.", "application/octet-stream"),
        ]
    )
    func byExtension(name: String, type: String) {
        #expect(StaticContentType.forFile(named: name) == type)
    }
}
