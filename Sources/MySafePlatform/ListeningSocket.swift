/// A listening IPv4 socket with a wake pipe, so another thread can end a blocked `accept`.
// @unchecked: `accept` runs on one thread; other threads only write a byte to the wake pipe and then
// wait for that thread to finish before `close()`.
public final class ListeningSocket: @unchecked Sendable {
    public let port: UInt16
    private var descriptor: Int32
    private var wakeRead: Int32
    private var wakeWrite: Int32

    /// Binds `host` (a numeric IPv4 address) and `port` (0: any free port) and listens.
    public init(host: String, port: UInt16, backlog: Int32 = 512) throws(SocketError) {
        let listening = try Platform.listen(host: host, port: port, backlog: backlog)
        let ends: (Int32, Int32)
        do {
            ends = try Platform.makePipe()
        } catch {
            Platform.close(listening.descriptor)
            throw error
        }
        descriptor = listening.descriptor
        self.port = listening.port
        (wakeRead, wakeWrite) = ends
    }

    deinit { close() }

    /// The descriptors held: the listener and both ends of the wake pipe (for leak tests).
    public var descriptors: [Int32] { [descriptor, wakeRead, wakeWrite].filter { $0 >= 0 } }

    /// What waiting for a connection gave.
    public enum Accepted {
        case connection(StreamSocket)
        /// Accepting failed for now (out of descriptors, aborted connection): try again.
        case retry
        /// `wake()` was called or the listener failed: stop accepting.
        case stop
    }

    /// Blocks until a connection arrives or `wake()` is called.
    public func accept() -> Accepted {
        while true {
            guard let ready = Platform.pollTwoForInput(descriptor, wakeRead) else {
                if Platform.errorNumber == Platform.interrupted { continue }
                return .stop
            }
            if ready.second { return .stop }
            guard ready.first else { continue }
            let client = Platform.accept(descriptor)
            if client < 0 {
                let code = Platform.errorNumber
                if code == Platform.tooManyFilesProcess || code == Platform.tooManyFilesSystem { Platform.sleep(microseconds: 10_000) }
                return .retry
            }
            return .connection(StreamSocket(descriptor: client))
        }
    }

    /// Ends a blocked or later `accept()`.
    public func wake() {
        if wakeWrite >= 0 { Platform.writeByte(wakeWrite) }
    }

    public func close() {
        for fd in [descriptor, wakeRead, wakeWrite] where fd >= 0 { Platform.close(fd) }
        descriptor = -1
        wakeRead = -1
        wakeWrite = -1
    }
}
