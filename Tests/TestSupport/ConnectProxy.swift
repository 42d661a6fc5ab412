import Foundation
import MySafePlatform

/// An HTTP CONNECT proxy on loopback for tests, on the platform layer's sockets: it answers `CONNECT
/// host:port` with 200 and relays bytes both ways to 127.0.0.1:port (whatever the host name, so a test
/// can prove traffic went through it), and refuses anything else with 405. Records each CONNECT target.
public final class ConnectProxy: @unchecked Sendable {
    public var port: UInt16 { acceptor.port }
    private var acceptor: LoopbackAcceptor!
    private let lock = NSLock()
    private var connects: [String] = []
    private var sockets: [StreamSocket] = []

    public init() throws {
        acceptor = try LoopbackAcceptor { [weak self] client in
            guard let self else { return client.close() }
            lock.withLock { sockets.append(client) }
            Thread.detachNewThread { self.serve(client) }
        }
    }

    /// `http://127.0.0.1:PORT`, for `https_proxy`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The `host:port` of every CONNECT received, in order.
    public var connectTargets: [String] { lock.withLock { connects } }

    public func stop() {
        acceptor.stop()
        lock.withLock { sockets.forEach { $0.shutdown() } }
    }

    private func serve(_ client: StreamSocket) {
        client.setTimeouts(receive: 30, send: 30)
        var head: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 1)
        while !(head.count >= 4 && head.suffix(4).elementsEqual([13, 10, 13, 10])) && head.count < 16_384 {
            guard client.receive(into: &head, scratch: &scratch) else {
                client.close()
                return
            }
        }
        let line = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        guard line.count == 3, line[0] == "CONNECT", let colon = line[1].lastIndex(of: ":"), let port = UInt16(line[1][line[1].index(after: colon)...]) else {
            _ = client.writeAll(Array("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            client.close()
            return
        }
        lock.withLock { connects.append(String(line[1])) }
        guard let upstream = try? StreamSocket.connect(host: "127.0.0.1", port: port, deadline: Deadline(seconds: 5)) else {
            _ = client.writeAll(Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            client.close()
            return
        }
        lock.withLock { sockets.append(upstream) }
        guard client.writeAll(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)) else {
            client.close()
            upstream.close()
            return
        }
        let done = DispatchGroup()
        done.enter()
        Thread.detachNewThread {
            Self.pump(from: upstream, to: client)
            done.leave()
        }
        Self.pump(from: client, to: upstream)
        done.wait()
        client.close()
        upstream.close()
    }

    /// Copies bytes until either side ends, then ends both.
    private static func pump(from source: StreamSocket, to destination: StreamSocket) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        loop: while true {
            switch buffer.withUnsafeMutableBytes({ source.read(into: $0) }) {
            case .transferred(let count):
                let failed = buffer.withUnsafeBytes { destination.writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<count]), deadline: Deadline(seconds: 30)) }
                if failed != nil { break loop }
            case .wouldBlock(let readable):
                if !source.wait(readable: readable, deadline: Deadline(seconds: 30)) { break loop }
            case .closed, .failed:
                break loop
            }
        }
        source.shutdown()
        destination.shutdown()
    }
}
