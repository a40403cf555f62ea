import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// The slowloris guards Hummingbird's idle timeout leaves open.
///
/// - `header_timeout`: a request's head must arrive whole within this time of its first byte (or of the
///   connection opening). Trickling one header byte at a time no longer holds a connection: it gets 408
///   and is closed.
/// - `body_timeout`: the longest silence while a request body is being read; past it the connection is
///   closed (the handler reading the body sees the body end in an error and nothing is stored).
///
/// Hummingbird's `idle_timeout` still closes keep-alive connections with no request in progress.
/// Sits after the HTTP codec; learns that raw bytes arrived from `RequestBytesSignal`, which sits
/// before it (the codec only speaks once a head is complete).
final class RequestTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let accessLog: AccessLog?
    /// Between a head and its end.
    private var readingBody = false
    /// Heads read whose response has not ended yet (HTTP/1.1 pipelining allows several).
    private var unanswered = 0
    /// Bytes of a next request arrived while a response was still being written.
    private var bytesWaiting = false
    private var headDeadline: Scheduled<Void>?
    private var bodyCheck: Scheduled<Void>?
    private var lastBodyRead = NIODeadline.now()

    init(headerTimeout: Duration, bodyTimeout: Duration, accessLog: AccessLog?) {
        self.headerTimeout = TimeAmount(headerTimeout)
        self.bodyTimeout = TimeAmount(bodyTimeout)
        self.accessLog = accessLog
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHeadDeadline(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startHeadDeadline(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        headDeadline?.cancel()
        bodyCheck?.cancel()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is StaticFastPath.Answered {
            // A request the fast path answered whole: its head arrived in time.
            headDeadline?.cancel()
            headDeadline = nil
            bytesWaiting = false
            return
        }
        guard event is RequestBytesArrived else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard !readingBody else { return }
        if unanswered == 0 {
            startHeadDeadline(context)
        } else {
            bytesWaiting = true
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            headDeadline?.cancel()
            headDeadline = nil
            bytesWaiting = false
            unanswered += 1
            readingBody = true
            lastBodyRead = .now()
            scheduleBodyCheck(context, in: bodyTimeout)
        case .body:
            lastBodyRead = .now()
        case .end:
            readingBody = false
            bodyCheck?.cancel()
            bodyCheck = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, bytesWaiting {
                bytesWaiting = false
                startHeadDeadline(context)
            }
        }
        context.write(data, promise: promise)
    }

    private func startHeadDeadline(_ context: ChannelHandlerContext) {
        guard headDeadline == nil else { return }
        headDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: headerTimeout) {
            self.headDeadline = nil
            guard self.unanswered == 0, !self.readingBody, context.channel.isActive else { return }
            context.answerAndClose(.requestTimeout, accessLog: self.accessLog)
        }
    }

    /// One timer per body, not per chunk: it looks at the last read when it fires and waits again if needed.
    private func scheduleBodyCheck(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        bodyCheck?.cancel()
        bodyCheck = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.bodyCheck = nil
            guard self.readingBody else { return }
            let silence = NIODeadline.now() - self.lastBodyRead
            if silence >= self.bodyTimeout {
                context.close(promise: nil)
            } else {
                self.scheduleBodyCheck(context, in: self.bodyTimeout - silence)
            }
        }
    }
}

/// Fired by `RequestBytesSignal` when bytes arrive, before they reach the HTTP decoder.
struct RequestBytesArrived: Sendable {}

/// First in a connection's pipeline: tells `RequestTimeouts` that a request may have begun.
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(RequestBytesArrived())
        context.fireChannelRead(data)
    }
}
