import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves `/static/…`: the project's static/ folder first, then the built-in assets under
/// `/static/default/`. Confinement and conditional/range logic live in `StaticFileFolder` and
/// `StaticResponsePlan`; this type only turns their answer into a response.
enum StaticResponder {
    /// Answers `subpath` (decoded, as the `path` converter gives it) for a GET or HEAD.
    static func respond(to subpath: String, in folder: StaticFileFolder, request: Request,
                        context: some RequestContext) async throws -> Response {
        if let file = folder.resolve(decodedSubpath: subpath) {
            return try await respond(with: file, to: request, context: context)
        }
        if subpath.hasPrefix("default/"), let asset = BuiltinAsset.named(String(subpath.dropFirst("default/".count))) {
            let head = request.method == .head
            // The common case, a plain GET or HEAD, is answered with headers and bytes made once.
            if !Self.isConditional(request) {
                return Response(status: .ok, headers: asset.plainHeaders, body: head ? ResponseBody() : ResponseBody(byteBuffer: asset.buffer))
            }
            let plan = StaticResponsePlan(file: asset.file, method: request.method, headers: request.headers)
            var body = ResponseBody()
            if let range = plan.body, !range.isEmpty {
                body = ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes[range]))
            }
            return Response(status: plan.status, headers: plan.headers, body: body)
        }
        throw HTTPFailure(.notFound, detail: "no static file at \(subpath)")
    }

    /// A file of a confined folder, with ETag, Last-Modified, conditional requests and ranges.
    static func respond(with file: StaticFile, to request: SiteRequest) async throws -> Response {
        try await respond(with: file, to: request.http, context: request.context)
    }

    private static func respond(with file: StaticFile, to request: Request, context: some RequestContext) async throws -> Response {
        let plan = StaticResponsePlan(file: file, method: request.method, headers: request.headers)
        var body = ResponseBody()
        if let range = plan.body, !range.isEmpty {
            body = try await FileIO().loadFile(path: file.url.path, range: range.lowerBound...(range.upperBound - 1), context: context)
        }
        return Response(status: plan.status, headers: plan.headers, body: body)
    }

    /// Whether the answer depends on validators or a range the request sends.
    private static func isConditional(_ request: Request) -> Bool {
        let headers = request.headers
        return headers[.ifMatch] != nil || headers[.ifNoneMatch] != nil || headers[.ifModifiedSince] != nil
            || headers[.ifUnmodifiedSince] != nil || headers[.range] != nil
    }
}

/// A built-in asset with the validators a file on disk would have.
struct BuiltinAsset: Sendable {
    let bytes: [UInt8]
    let file: StaticFile
    /// The whole asset as a 200 answers it, made once.
    let buffer: ByteBuffer
    let plainHeaders: HTTPFields
    /// The same for the daemon's fast path.
    let prepared: PreparedStaticFile

    init(bytes: [UInt8], file: StaticFile) {
        self.bytes = bytes
        self.file = file
        self.buffer = ByteBuffer(bytes: bytes)
        self.plainHeaders = StaticResponsePlan(file: file, method: .get, headers: [:]).headers
        self.prepared = PreparedStaticFile(file: file, body: buffer)
    }

    /// The assets never change while the binary runs, so one start time serves as Last-Modified.
    private static let loadedAt = Date()
    private static let all: [String: BuiltinAsset] = BuiltinAssets.files.reduce(into: [:]) { assets, entry in
        let (name, asset) = entry
        let tag = "\"builtin-\(String(ContentHash.fnv1a(asset.bytes), radix: 16))\""
        let file = StaticFile(url: URL(fileURLWithPath: "/builtin/\(name)"), size: asset.bytes.count,
                              modified: loadedAt, contentType: asset.contentType, etag: tag)
        assets[name] = BuiltinAsset(bytes: asset.bytes, file: file)
    }

    static func named(_ name: String) -> BuiltinAsset? { all[name] }
}

/// A fast, stable content fingerprint for ETags of in-memory assets (not a security hash).
enum ContentHash {
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
