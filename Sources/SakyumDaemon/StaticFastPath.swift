import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import SakyumSite
import SakyumSpec

/// Answers GET and HEAD requests for small static files (a project's static/ folder and the built-in assets)
/// and, for visitors without cookies, pages in a Site's page cache, on the event loop, under Hummingbird: no task, no HTTPTypes values; the head (mostly bytes made in
/// advance, `PreparedStaticFile`, `CachedPage`) and the shared body buffer leave in one writev. Everything else, and anything unusual about a request (a body, a
/// Range, If-Match, HTTP/1.0, percent-encoding, a project not compiled yet), goes on
/// to Hummingbird and the Site exactly as before, which keeps every behaviour in one place.
/// `Connection: close` is honoured as the usual path does: the same answer, then the connection closes.
///
/// Sits right after NIO's request decoder, so it sees requests as `HTTPServerRequestPart` and the
/// responses Hummingbird writes before they are encoded; it answers only when no response is pending
/// (HTTP/1.1 pipelining keeps answers in request order). Its own answers go out through `RawResponseWriter`,
/// in front of the response encoder. Each answer gets the access log line and the metrics the slow path
/// would give.
final class StaticFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: StaticFastPathRouter
    /// Told that a request was answered here, head and all.
    private let timeouts: RequestTimeouts?
    /// Requests passed on whose response has not ended.
    private var pending = 0
    /// The rest (`.end`) of a request answered here.
    private var discardingRest = false
    private var needsFlush = false
    /// Answered a `Connection: close` request: nothing more is read.
    private var closing = false
    private var writer: ChannelHandlerContext?
    /// The peer's address as text, made once per connection (inet_ntop through sprintf, per request before).
    private var peerAddress: String?

    init(router: StaticFastPathRouter, timeouts: RequestTimeouts?) {
        self.router = router
        self.timeouts = timeouts
    }

    func handlerAdded(context: ChannelHandlerContext) {
        writer = try? context.pipeline.syncOperations.context(handlerType: RawResponseWriter.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        writer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if closing { return }
            if peerAddress == nil { peerAddress = context.channel.remoteAddress?.ipAddress ?? "-" }
            if pending == 0, let writer, let peerAddress,
               let answer = router.answer(head, peerAddress: peerAddress, allocator: context.channel.allocator) {
                discardingRest = true
                timeouts?.answeredByFastPath()
                // The head and the shared body buffer, written together (one writev) at the flush.
                writer.write(NIOAny(IOData.byteBuffer(answer.head)), promise: nil)
                if answer.close {
                    // As the usual path does for `Connection: close`: the answer, then the end of the connection.
                    closing = true
                    let written = context.eventLoop.makePromise(of: Void.self)
                    writer.writeAndFlush(NIOAny(IOData.byteBuffer(answer.body ?? ByteBuffer())), promise: written)
                    written.futureResult.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
                } else {
                    if let body = answer.body { writer.write(NIOAny(IOData.byteBuffer(body)), promise: nil) }
                    needsFlush = true
                }
                return
            }
            pending += 1
            context.fireChannelRead(data)
        case .body:
            if !discardingRest && !closing { context.fireChannelRead(data) }
        case .end:
            if closing { return }
            if discardingRest {
                discardingRest = false
            } else {
                context.fireChannelRead(data)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            writer?.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), pending > 0 {
            pending -= 1
        }
        context.write(data, promise: promise)
    }
}

/// In front of the response encoder: the place `StaticFastPath` writes finished response bytes from.
/// Passes everything else on untouched.
final class RawResponseWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData
}

/// Decides whether a request head is the fast path's and builds the answer: routing (Host, else prefix),
/// the Site's prepared file, the validators, and the log line.
struct StaticFastPathRouter: Sendable {
    let supervisor: Supervisor
    let trustedProxies: [IPRange]
    let accessLog: AccessLog?
    let date = HTTPDateHeader()

    /// The response's head and body and whether the connection ends after it, or nil to pass the request on.
    func answer(_ head: HTTPRequestHead, peerAddress: String, allocator: ByteBufferAllocator) -> (head: ByteBuffer, body: ByteBuffer?, close: Bool)? {
        let start = ContinuousClock.now
        let isHead: Bool
        switch head.method {
        case .GET: isHead = false
        case .HEAD: isHead = true
        default: return nil
        }
        guard head.version == .http1_1, head.uri.utf8.count <= Dispatcher.maximumTargetLength, head.uri.utf8.first == UInt8(ascii: "/") else {
            return nil
        }
        let headers = head.headers
        let path = head.uri.utf8.firstIndex(of: UInt8(ascii: "?")).map { String(head.uri[..<$0]) } ?? head.uri
        guard !path.utf8.contains(UInt8(ascii: "%")), !headers.contains(name: "content-length"), !headers.contains(name: "transfer-encoding"),
              !headers.contains(name: "range"), !headers.contains(name: "if-match"), !headers.contains(name: "if-unmodified-since")
        else { return nil }
        let close = headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
        let client = ForwardedClient(peer: peerAddress, isSecure: false, trusted: trustedProxies) { headers[$0.canonicalName] }
        guard let rawHost = client.host ?? headers.first(name: "host"), let host = RequestHost(rawHost) else { return nil }
        guard let (route, mount) = supervisor.table.current.lookup(host: host.name, path: path), case .loaded(let site) = route.target else {
            return nil
        }
        let responseHead: [UInt8], status: Int, body: ByteBuffer?, bytes: Int
        if let prepared = site.preparedStatic(localPath: mount.localPath(of: path)) {
            (responseHead, status, body) = prepared.answer(ifNoneMatch: headers.first(name: "if-none-match"),
                                                           ifModifiedSince: headers.first(name: "if-modified-since"), isHead: isHead)
            bytes = status == 200 ? prepared.body.readableBytes : 0
        } else if !headers.contains(name: "cookie"), !headers.contains(name: "if-none-match"), !headers.contains(name: "if-modified-since"),
                  let page = site.cachedPage(host: rawHost, scriptRoot: mount.scriptRoot, target: head.uri) {
            // A page for anonymous visitors (see PageCache); without cookies the usual path would render the same.
            (responseHead, status, body, bytes) = (page.head, 200, isHead ? nil : page.body, page.body.readableBytes)
        } else {
            return nil
        }
        route.activity.touch()

        let requestID = RequestID.of(given: headers.first(name: "x-request-id"), viaTrustedProxy: client.viaTrustedProxy)
        let dateText = date.current
        var buffer = allocator.buffer(capacity: responseHead.count + 80 + dateText.utf8.count + requestID.utf8.count)
        buffer.writeBytes(responseHead)
        buffer.writeStaticString("Date: ")
        buffer.writeString(dateText)
        buffer.writeStaticString("\r\nServer: sakyumd\r\nX-Request-ID: ")
        buffer.writeString(requestID)
        buffer.writeStaticString("\r\n\r\n")

        let duration = start.duration(to: .now)
        let method = isHead ? "HEAD" : "GET"
        DaemonMetrics.request(project: site.name, method: method, status: status, bytes: bytes, duration: duration)
        if let accessLog, site.logsRequests {
            accessLog.record(AccessLog.Entry(
                time: Date(), remote: client.address, userID: nil, method: method, target: head.uri, status: status, bytes: bytes,
                referer: headers.first(name: "referer"), userAgent: headers.first(name: "user-agent"), project: site.name,
                host: rawHost, requestID: requestID, duration: duration))
        }
        return (buffer, body, close)
    }
}
