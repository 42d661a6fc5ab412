/// A connected stream socket: non-blocking for the client (every wait bounded by a `Deadline`),
/// blocking with send and receive timeouts for the simulator. Sends never raise SIGPIPE.
///
/// Owns its descriptor; `close()` is idempotent. One thread at a time, except `shutdown()`.
// @unchecked: one owner thread at a time (see above); `shutdown()` from another thread only calls
// shutdown(2) on the descriptor, which the kernel makes safe beside a blocked read.
public final class StreamSocket: ByteStream, @unchecked Sendable {
    public private(set) var descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Connects to `host`:`port` (each resolved address in turn) before `deadline`.
    public static func connect(host: String, port: UInt16, deadline: Deadline) throws(SocketError) -> StreamSocket {
        StreamSocket(descriptor: try Platform.connect(host: host, port: port, deadline: deadline))
    }

    public var socket: StreamSocket { self }
    public var hasBufferedInput: Bool { false }
    public var isOpen: Bool { descriptor >= 0 }

    public func close() {
        if descriptor >= 0 { Platform.close(descriptor) }
        descriptor = -1
    }

    /// Wakes a thread blocked on this socket: both directions end (the descriptor stays open).
    public func shutdown() {
        if descriptor >= 0 { Platform.shutdown(descriptor, .both) }
    }

    /// Ends sending, then reads and drops what the peer still sends (up to `seconds`) before closing, so
    /// the peer sees an orderly end after the last bytes written (a TLS alert) rather than a reset
    /// caused by its own unread request.
    public func closeGracefully(seconds: Double = 1) {
        guard descriptor >= 0 else { return }
        Platform.shutdown(descriptor, .write)
        let deadline = Deadline(seconds: seconds)
        var scratch = [UInt8](repeating: 0, count: 4096)
        while deadline.remainingMilliseconds() > 0, wait(readable: true, deadline: deadline) {
            guard case .transferred = scratch.withUnsafeMutableBytes({ read(into: $0) }) else { break }
        }
        close()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = Platform.receive(descriptor, buffer.baseAddress!, buffer.count)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .closed }
            let code = Platform.errorNumber
            if code == Platform.interrupted { continue }
            if code == Platform.wouldBlock || code == Platform.wouldBlockAlternative { return .wouldBlock(readable: true) }
            return .failed(Platform.errorText(code), tls: false)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let count = Platform.send(descriptor, bytes.baseAddress!, bytes.count)
            if count > 0 { return .transferred(count) }
            let code = Platform.errorNumber
            if count < 0 && code == Platform.interrupted { continue }
            if count < 0 && (code == Platform.wouldBlock || code == Platform.wouldBlockAlternative) { return .wouldBlock(readable: false) }
            return .failed(Platform.errorText(code), tls: false)
        }
    }

    public func isIdleAndAlive() -> Bool {
        descriptor >= 0 && Platform.poll(descriptor, events: Platform.pollIn, milliseconds: 0) == 0
    }

    /// Waits up to `milliseconds` for bytes to read; true when some arrived.
    public func readable(within milliseconds: Int32) -> Bool {
        Platform.poll(descriptor, events: Platform.pollIn, milliseconds: milliseconds) > 0
    }

    /// Waits until readable (or writable) before `deadline`; false when it passed.
    public func wait(readable: Bool, deadline: Deadline) -> Bool {
        deadline.poll(descriptor, events: readable ? Platform.pollIn : Platform.pollOut) != 0
    }

    /// Switches a connected socket to blocking mode: reads and writes wait, bounded by `setTimeouts`
    /// (the simulator's accepted sockets are blocking already; tests use this for their clients).
    public func setBlocking() {
        Platform.setBlocking(descriptor)
    }

    /// Whether the peer has closed or reset the connection, waiting up to `milliseconds` for it to happen;
    /// bytes that arrived instead stay unread (false).
    public func isClosedByPeer(within milliseconds: Int32) -> Bool {
        guard descriptor >= 0, readable(within: milliseconds) else { return false }
        let count = Platform.peekByte(descriptor)
        return count == 0 || (count < 0 && Platform.errorNumber == Platform.connectionReset)
    }

    /// The reason `read` and `write` give (in `.failed`) when the peer reset the connection.
    public static let resetReason = Platform.errorText(Platform.connectionReset)

    /// Blocking mode only: bounds every receive (and send) by these timeouts.
    public func setTimeouts(receive: Double?, send: Double) {
        if let receive { Platform.setTimeout(descriptor, receive: true, seconds: receive) }
        Platform.setTimeout(descriptor, receive: false, seconds: send)
    }

    public func setNoDelay() {
        Platform.setNoDelay(descriptor)
    }

    /// Makes the next `close` reset the connection instead of closing it gracefully.
    public func setResetOnClose() {
        Platform.setResetOnClose(descriptor)
    }
}
