public import MySafePlatform

/// The one socket helper of the test suites: a blocking loopback stream with a read buffer, on the
/// platform layer's sockets (no test imports the C library). Test clients (`RawConnection`) connect with
/// it; test servers (`ScriptedServer`, `FixedAnswerServer`) wrap each accepted connection in it.
///
/// One thread at a time.
public final class LoopbackStream: @unchecked Sendable {
    /// Why a read stopped.
    public enum ReadError: Error, Equatable, Sendable {
        /// The peer closed in order before enough bytes arrived; carries how many were buffered.
        case closed(buffered: Int)
        /// The peer reset the connection.
        case reset
        /// No byte arrived within the socket's receive timeout.
        case timedOut
        case failed(String)
    }

    public let socket: StreamSocket
    /// Bytes received and not taken yet.
    public private(set) var buffer: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    /// Wraps a connected socket, made blocking, each receive bounded by `timeout` seconds (nil: unbounded).
    public init(_ socket: StreamSocket, timeout: Double?) {
        self.socket = socket
        socket.setBlocking()
        socket.setTimeouts(receive: timeout, send: timeout ?? 30)
    }

    /// Connects to 127.0.0.1:`port`.
    public convenience init(connectingTo port: UInt16, timeout: Double = 5) throws(SocketError) {
        self.init(try StreamSocket.connect(host: "127.0.0.1", port: port, deadline: Deadline(seconds: timeout)), timeout: timeout)
    }

    deinit { socket.close() }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends all of `bytes`; stops quietly when the peer is gone (a test then sees it on the next read).
    public func send(_ bytes: [UInt8]) {
        _ = socket.writeAll(bytes)
    }

    /// Reads what arrives next into `buffer`; false on an orderly close.
    @discardableResult
    public func fill() throws(ReadError) -> Bool {
        let result = scratch.withUnsafeMutableBytes { socket.read(into: $0) }
        switch result {
        case .transferred(let count):
            buffer += scratch[0..<count]
            return true
        case .closed:
            return false
        case .wouldBlock:
            throw .timedOut
        case .failed(let reason, _):
            throw reason == StreamSocket.resetReason ? .reset : .failed(reason)
        }
    }

    /// Reads until `buffer` holds at least `count` bytes.
    public func need(_ count: Int) throws(ReadError) {
        while buffer.count < count {
            guard try fill() else { throw .closed(buffered: buffer.count) }
        }
    }

    /// Takes the first `count` buffered bytes.
    public func take(_ count: Int) -> [UInt8] {
        let taken = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return taken
    }

    /// Takes everything buffered.
    public func takeAll() -> [UInt8] {
        defer { buffer = [] }
        return buffer
    }

    /// Reads until `pattern` is buffered; the offset where it starts.
    public func find(_ pattern: [UInt8]) throws(ReadError) -> Int {
        var from = 0
        while true {
            if buffer.count >= pattern.count {
                for index in from...(buffer.count - pattern.count) where buffer[index..<(index + pattern.count)].elementsEqual(pattern) {
                    return index
                }
                from = buffer.count - pattern.count + 1
            }
            guard try fill() else { throw .closed(buffered: buffer.count) }
        }
    }

    /// The next line, without its CRLF.
    public func line() throws(ReadError) -> String {
        let end = try find([13, 10])
        let text = String(decoding: take(end), as: UTF8.self)
        buffer.removeFirst(2)
        return text
    }

    /// The next request as a server reads it: the head and a `Content-Length` body, as text; nil when the
    /// client closed, reset or went quiet first.
    public func readRequest() -> String? {
        guard let end = try? find([13, 10, 13, 10]) else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var length = 0
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].filter { $0 != " " && $0 != "\t" }) ?? 0
            }
        }
        guard (try? need(end + 4 + length)) != nil else { return nil }
        return String(decoding: take(end + 4 + length), as: UTF8.self)
    }

    /// Whether the peer has closed (or reset) the connection, waiting up to `timeout` seconds for it.
    public func isClosedByPeer(timeout: Double = 2) -> Bool {
        socket.isClosedByPeer(within: Int32(timeout * 1000))
    }

    /// Closes with a TCP reset instead of an orderly close.
    public func reset() {
        socket.setResetOnClose()
        socket.close()
    }

    public func close() { socket.close() }
}
