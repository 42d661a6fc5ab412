/// TLS over a connected `StreamSocket` (OpenSSL's `SSL`), as a `ByteStream`.
///
/// Non-blocking on the client: reads and writes answer `wouldBlock` with the direction OpenSSL waits
/// for (a read may need to write and the other way round). On the simulator's blocking sockets a
/// `wouldBlock` means the socket timeout passed. One thread at a time.
// @unchecked: an `SSL` object is not thread-safe; the stream is used by one thread at a time (the request
// or connection that owns it), which hands it over through a lock or a queue, never concurrently.
public final class TLSStream: ByteStream, @unchecked Sendable {
    public let socket: StreamSocket
    private let library: OpenSSL
    private let ssl: OpaquePointer
    /// A fatal error happened: OpenSSL forbids a close_notify after it.
    private var broken = false
    private var closed = false

    private init(socket: StreamSocket, library: OpenSSL, ssl: OpaquePointer) {
        self.socket = socket
        self.library = library
        self.ssl = ssl
    }

    deinit { close() }

    /// Runs the client handshake before `deadline`: SNI (for a host name), chain and date checks and the
    /// host name check when the context verifies peers. Nothing but the handshake is sent.
    public static func connect(over socket: StreamSocket, context: TLSContext, serverName: String, deadline: Deadline) throws(TLSFailure) -> TLSStream {
        let library = context.library
        library.errorClear()
        guard let ssl = library.sslNew(context.context) else { throw .other("OpenSSL could not make a connection: \(library.takeErrors())") }
        let stream = TLSStream(socket: socket, library: library, ssl: ssl)
        _ = library.sslSetFD(ssl, socket.descriptor)
        if !isIPAddress(serverName) {
            serverName.withCString { _ = library.sslControl(ssl, OpenSSL.controlSetHostName, 0, UnsafeMutableRawPointer(mutating: $0)) }
        }
        if context.verifiesPeer {
            guard library.sslSetHost(ssl, serverName) == 1 else {
                stream.broken = true
                throw .other("OpenSSL cannot check the host name \(serverName)")
            }
        }
        while true {
            library.errorClear()
            let result = library.sslConnect(ssl)
            if result == 1 { return stream }
            let code = library.sslGetError(ssl, result)
            switch code {
            case OpenSSL.errorWantRead, OpenSSL.errorWantWrite:
                if !socket.wait(readable: code == OpenSSL.errorWantRead, deadline: deadline) {
                    stream.broken = true
                    throw .timedOut
                }
            default:
                stream.broken = true
                throw stream.handshakeFailure(result: result, code: code)
            }
        }
    }

    /// Runs the server handshake on a blocking socket (bounded by its timeouts); nil when it failed.
    public static func accept(over socket: StreamSocket, context: TLSContext) -> TLSStream? {
        let library = context.library
        library.errorClear()
        guard let ssl = library.sslNew(context.context) else { return nil }
        let stream = TLSStream(socket: socket, library: library, ssl: ssl)
        _ = library.sslSetFD(ssl, socket.descriptor)
        while true {
            library.errorClear()
            let result = library.sslAccept(ssl)
            if result == 1 { return stream }
            if library.sslGetError(ssl, result) == OpenSSL.errorSyscall && Platform.errorNumber == Platform.interrupted { continue }
            library.errorClear()
            stream.broken = true
            stream.releaseKeepingSocket()
            return nil
        }
    }

    public var hasBufferedInput: Bool { library.sslPending(ssl) > 0 }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            library.errorClear()
            let count = library.sslRead(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
            if count > 0 { return .transferred(Int(count)) }
            if let result = outcome(of: count, reading: true) { return result }
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            library.errorClear()
            let count = library.sslWrite(ssl, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
            if count > 0 { return .transferred(Int(count)) }
            if let result = outcome(of: count, reading: false) { return result }
        }
    }

    /// What a read or write that moved nothing means; nil to try again (interrupted).
    private func outcome(of result: Int32, reading: Bool) -> IOResult? {
        let code = library.sslGetError(ssl, result)
        switch code {
        case OpenSSL.errorWantRead: return .wouldBlock(readable: true)
        case OpenSSL.errorWantWrite: return .wouldBlock(readable: false)
        case OpenSSL.errorZeroReturn: return .closed
        case OpenSSL.errorSyscall:
            let number = Platform.errorNumber
            let queued = library.takeErrors()
            if number == Platform.interrupted { return nil }
            broken = true
            if number == Platform.wouldBlock || number == Platform.wouldBlockAlternative { return .wouldBlock(readable: reading) }
            if number == 0 { return queued.isEmpty ? .closed : .failed(queued, tls: true) }
            return .failed(Platform.errorText(number), tls: false)
        default:
            broken = true
            let queued = library.takeErrors()
            return .failed(queued.isEmpty ? "TLS error \(code)" : queued, tls: true)
        }
    }

    public func isIdleAndAlive() -> Bool {
        guard !closed, !broken else { return false }
        // Something that arrived while idle may be TLS 1.3 session tickets (fine: OpenSSL takes them in),
        // or data or a close (not fine). Tickets may come in several segments, so look a few times.
        for _ in 0..<8 {
            if socket.isIdleAndAlive() { return true }
            var byte: UInt8 = 0
            library.errorClear()
            let count = library.sslPeek(ssl, &byte, 1)
            if count > 0 { return false }
            let code = library.sslGetError(ssl, count)
            library.errorClear()
            guard code == OpenSSL.errorWantRead else { return false }
        }
        return socket.isIdleAndAlive()
    }

    /// Sends close_notify (when the connection is healthy), frees the TLS state and closes the socket.
    public func close() {
        guard !closed else { return }
        releaseKeepingSocket()
        socket.close()
    }

    private func releaseKeepingSocket() {
        guard !closed else { return }
        closed = true
        if !broken && socket.isOpen { _ = library.sslShutdown(ssl) }
        library.errorClear()
        library.sslFree(ssl)
    }

    private func handshakeFailure(result: Int32, code: Int32) -> TLSFailure {
        let verify = library.sslVerifyResult(ssl)
        let queued = library.takeErrors()
        if verify != 0 {
            let words = library.verifyError(verify)
            switch verify {
            case 9, 10: return .expired(words)
            case 62, 63, 64: return .hostMismatch(words)
            case 2, 18, 19, 20, 21, 27: return .untrusted(words)
            default: return .other("certificate verification failed: \(words)")
            }
        }
        if code == OpenSSL.errorSyscall && queued.isEmpty {
            let number = Platform.errorNumber
            return .other(number == 0 || result == 0 ? "the server closed the connection during the TLS handshake" : Platform.errorText(number))
        }
        return TLSFailure.classify(queued.isEmpty ? "TLS handshake failed" : queued)
    }

    /// Whether `host` is an IPv4 or IPv6 literal (no SNI for those, RFC 6066 section 3).
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }
}
