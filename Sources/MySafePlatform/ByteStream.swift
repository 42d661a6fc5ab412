/// What one read or write on a stream did.
public enum IOResult: Sendable, Equatable {
    /// This many bytes were moved (never 0).
    case transferred(Int)
    /// Nothing could move now; wait until the socket is readable (`true`) or writable (`false`).
    case wouldBlock(readable: Bool)
    /// The peer closed the stream in order (end of file).
    case closed
    /// The stream failed; the reason, and whether it came from TLS rather than the socket.
    case failed(String, tls: Bool)
}

/// A connected byte stream: a plain `StreamSocket` or a `TLSStream` over one.
///
/// Reads and writes never wait: they answer `wouldBlock` and the caller polls `socket`. With a blocking
/// socket (the simulator's, bounded by socket timeouts) `wouldBlock` means the timeout passed.
public protocol ByteStream: AnyObject {
    /// The socket underneath, for polling and closing.
    var socket: StreamSocket { get }
    /// Bytes already received and decoded but not read yet (TLS); polling the socket would not see them.
    var hasBufferedInput: Bool { get }
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult
    /// True when nothing is waiting to be read and the peer has not hung up (for pooled idle streams).
    func isIdleAndAlive() -> Bool
    func close()
}

extension ByteStream {
    /// Writes all of `bytes`, waiting for the socket before `deadline` (nil: the socket's own timeouts).
    /// Nil when done, otherwise what stopped it.
    public func writeAll(_ bytes: UnsafeRawBufferPointer, deadline: Deadline?) -> IOResult? {
        var offset = 0
        while offset < bytes.count {
            let result = write(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            switch result {
            case .transferred(let count):
                offset += count
            case .wouldBlock(let readable):
                guard let deadline, socket.wait(readable: readable, deadline: deadline) else { return result }
            case .closed, .failed:
                return result
            }
        }
        return nil
    }

    /// Writes all of `bytes`; false when the peer is gone or the socket timed out.
    public func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, deadline: nil) } == nil
    }

    /// Reads what has arrived (waiting per the socket's timeouts) and appends it to `buffer`; false when
    /// the peer closed, the read timed out or failed.
    public func receive(into buffer: inout [UInt8], scratch: inout [UInt8]) -> Bool {
        let result = scratch.withUnsafeMutableBytes { read(into: $0) }
        guard case .transferred(let count) = result else { return false }
        buffer += scratch[0..<count]
        return true
    }
}
