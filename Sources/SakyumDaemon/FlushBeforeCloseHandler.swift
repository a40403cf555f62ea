import NIOCore

/// Holds a connection's close back until everything written before it has reached the socket.
///
/// Hummingbird's `HTTPConnectionStateHandler` closes a connection right after the last response's
/// `writeAndFlush` when it is quiescing (graceful stop) or answering `Connection: close`. When the
/// client reads slower than the response is written, part of it is still queued in the channel, and
/// NIO fails queued writes on close: the client sees a truncated body. Placed first in the pipeline
/// (next to the socket), this handler turns such a close into "flush, then close", bounded by
/// `flushTimeout` so a client that stops reading cannot hold a connection open.
final class FlushBeforeCloseHandler: ChannelOutboundHandler, RemovableChannelHandler {
    // Only closes are looked at; writes pass through untouched.
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let flushTimeout: TimeAmount = .seconds(10)

    private var closing = false
    /// The close waiting for the flush, and the timer that gives up on it.
    private var pending: (mode: CloseMode, promise: EventLoopPromise<Void>?, timeout: Scheduled<Void>)?

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, context.channel.isActive, !closing else {
            context.close(mode: mode, promise: promise)
            return
        }
        closing = true
        let loop = context.eventLoop.assumeIsolated()
        let timeout = loop.scheduleTask(in: Self.flushTimeout) { self.closeNow(context) }
        pending = (mode, promise, timeout)
        // Writes complete in order, so this empty write completes once every byte queued before it
        // has been written to the socket (or the connection failed).
        let flushed = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: flushed)
        flushed.futureResult.assumeIsolated().whenComplete { _ in self.closeNow(context) }
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        guard let pending else { return }
        self.pending = nil
        pending.timeout.cancel()
        context.close(mode: pending.mode, promise: pending.promise)
    }
}
