import Foundation
import Glibc
import Logging
import NIOCore
import NIOPosix
import SakyumControl
import ServiceLifecycle

/// Serves the control protocol on a Unix socket: one JSON request per line, one JSON answer per
/// line, many requests per connection. Callers are checked by their peer credentials.
struct ControlServer: Service {
    static let maximumRequestBytes = 1 << 20

    let path: String
    /// A socket systemd bound at `path` (sakyumd-control.socket); it owns the file and its mode.
    let inheritedDescriptor: Int32?
    let access: ControlAccess
    let operations: ControlOperations
    let logger: Logger
    let onListening: @Sendable () -> Void

    init(path: String, inheritedDescriptor: Int32? = nil, access: ControlAccess, operations: ControlOperations,
                logger: Logger, onListening: @escaping @Sendable () -> Void = {}) {
        self.path = path
        self.inheritedDescriptor = inheritedDescriptor
        self.access = access
        self.operations = operations
        self.logger = logger
        self.onListening = onListening
    }

    func run() async throws {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).serverChannelOption(.backlog, value: 64)
        let setup: @Sendable (any Channel) -> EventLoopFuture<(PeerCredentials, NIOAsyncChannel<ByteBuffer, ByteBuffer>)> = { channel in
            let credentials: EventLoopFuture<PeerCredentials> = (channel as? any SocketOptionProvider)?
                .unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(PeerCredentials.optionName))
                ?? channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
            return credentials.flatMapThrowing { peer in
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: Self.maximumRequestBytes)))
                return (peer, try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel))
            }
        }
        let server: NIOAsyncChannel<(PeerCredentials, NIOAsyncChannel<ByteBuffer, ByteBuffer>), Never>
        if let inheritedDescriptor {
            server = try await bootstrap.bind(inheritedDescriptor, childChannelInitializer: setup)
            logger.info("control socket inherited from systemd")
        } else {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Bound under a private name, secured, then renamed into place: the socket never appears
            // at `path` with the umask's mode, not even for the instant before chmod.
            let unsecured = path + ".\(getpid()).binding"
            server = try await bootstrap.bind(unixDomainSocketPath: unsecured, cleanupExistingSocketFile: true, childChannelInitializer: setup)
            do {
                try access.secure(socketPath: unsecured)
                guard rename(unsecured, path) == 0 else {
                    throw ControlAccessError(message: "cannot move the control socket to \(path): \(String(cString: strerror(errno)))")
                }
            } catch {
                unlink(unsecured)
                try? await server.channel.close()
                throw error
            }
            logger.info("control socket at \(path)")
        }
        onListening()
        defer { if inheritedDescriptor == nil { unlink(path) } }
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await (peer, connection) in connections {
                        group.addTask { await serve(connection, peer: peer) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, peer: PeerCredentials) async {
        let allowed = access.allows(uid: peer.uid, gid: peer.gid)
        do {
            try await connection.executeThenClose { requests, responses in
                for try await line in requests {
                    let response: ControlResponse
                    if allowed {
                        response = await operations.perform(line: Data(line.readableBytesView))
                    } else {
                        logger.warning("control request from uid \(peer.uid) refused")
                        response = .failure(.permissionDenied)
                    }
                    try await responses.write(ByteBuffer(bytes: try ControlCodec.encode(response)))
                }
            }
        } catch let error as LineTooLong {
            logger.warning("control connection closed: \(error)")
            try? await connection.channel.writeAndFlush(ByteBuffer(bytes: (try? ControlCodec.encode(.failure(.badRequest("\(error)")))) ?? Data()))
            try? await connection.channel.close()
        } catch {
            logger.debug("control connection ended: \(error)")
        }
    }
}

/// Splits the stream into lines; a line longer than the limit ends the connection.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    let maximumLength: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(Self.wrapInboundOut(line))
            return .continue
        }
        if buffer.readableBytes > maximumLength { throw LineTooLong(limit: maximumLength) }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0, let rest = buffer.readSlice(length: buffer.readableBytes) {
            context.fireChannelRead(Self.wrapInboundOut(rest))
        }
        return .needMoreData
    }
}

struct LineTooLong: Error, CustomStringConvertible {
    let limit: Int
    var description: String { "a request line is longer than \(limit) bytes" }
}

/// JSON lines for the control protocol.
enum ControlCodec {
    static func encode(_ response: ControlResponse) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(response) + Data([0x0A])
    }
}

/// Linux's `struct ucred` (pid, uid, gid), as `SO_PEERCRED` fills it; Glibc's module does not export it.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0

    /// SO_PEERCRED on Linux.
    static let optionName: Int32 = 17
}
