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
/// Sits after the HTTP codec; `RequestBytesSignal`, before it, says when raw bytes arrive (the codec only
/// speaks once a head is complete) and `StaticFastPath` when it answered a request whole.
///
/// Each guard is one timer per connection, not one per request: a deadline is a value that requests move, and
/// the timer, when it fires, waits again for a deadline that moved on or retires if there is none. Scheduling
/// and cancelling a task per request cost 5% of a static file's answer (`perf`).
final class RequestTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let accessLog: AccessLog?
    private var context: ChannelHandlerContext?
    /// Between a head and its end.
    private var readingBody = false
    /// Heads read whose response has not ended yet (HTTP/1.1 pipelining allows several).
    private var unanswered = 0
    /// Bytes of a next request arrived while a response was still being written.
    private var bytesWaiting = false
    /// When the head awaited must be complete; nil when none is awaited.
    private var headDeadline: NIODeadline?
    private var headTimer: Scheduled<Void>?
    private var bodyTimer: Scheduled<Void>?
    private var lastBodyRead = NIODeadline.now()

    init(headerTimeout: Duration, bodyTimeout: Duration, accessLog: AccessLog?) {
        self.headerTimeout = TimeAmount(headerTimeout)
        self.bodyTimeout = TimeAmount(bodyTimeout)
        self.accessLog = accessLog
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { awaitHead() }
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitHead()
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        headTimer?.cancel()
        bodyTimer?.cancel()
        self.context = nil
    }

    /// Bytes arrived, before the HTTP decoder: perhaps the first of a request's head.
    func requestBytesArrived() {
        guard !readingBody else { return }
        if unanswered == 0 {
            awaitHead()
        } else {
            bytesWaiting = true
        }
    }

    /// A request `StaticFastPath` answered whole: its head arrived in time.
    func answeredByFastPath() {
        headDeadline = nil
        bytesWaiting = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            headDeadline = nil
            bytesWaiting = false
            unanswered += 1
            readingBody = true
            lastBodyRead = .now()
            if bodyTimer == nil { armBodyTimer(in: bodyTimeout) }
        case .body:
            lastBodyRead = .now()
        case .end:
            readingBody = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, bytesWaiting {
                bytesWaiting = false
                awaitHead()
            }
        }
        context.write(data, promise: promise)
    }

    private func awaitHead() {
        guard headDeadline == nil else { return }
        let deadline = NIODeadline.now() + headerTimeout
        headDeadline = deadline
        if headTimer == nil { armHeadTimer(at: deadline) }
    }

    private func armHeadTimer(at deadline: NIODeadline) {
        guard let context else { return }
        headTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.headTimer = nil
            guard let deadline = self.headDeadline else { return }
            if NIODeadline.now() < deadline { return self.armHeadTimer(at: deadline) }
            self.headDeadline = nil
            guard self.unanswered == 0, !self.readingBody, context.channel.isActive else { return }
            context.answerAndClose(.requestTimeout, accessLog: self.accessLog)
        }
    }

    private func armBodyTimer(in delay: TimeAmount) {
        guard let context else { return }
        bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.bodyTimer = nil
            guard self.readingBody else { return }
            let silence = NIODeadline.now() - self.lastBodyRead
            if silence >= self.bodyTimeout {
                context.close(promise: nil)
            } else {
                self.armBodyTimer(in: self.bodyTimeout - silence)
            }
        }
    }
}

/// First in a connection's pipeline: tells `RequestTimeouts` that a request may have begun.
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Set once the rest of the pipeline is in place (none on the metrics listener).
    var timeouts: RequestTimeouts?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        timeouts?.requestBytesArrived()
        context.fireChannelRead(data)
    }
}
