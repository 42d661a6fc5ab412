import MySafePlatform

/// One HTTP/1.1 client connection over a non-blocking `ByteStream` (a socket, or TLS over one); every
/// wait is bounded by a deadline.
///
/// Used by one request at a time (the pool hands it out exclusively); not thread-safe.
final class SocketConnection {
    /// Why an exchange failed, and whether it may be sent again on a fresh connection.
    struct Failure: Error {
        var error: TransportError
        /// True only when a reused connection turned out closed before the request was accepted:
        /// the write failed, or the first read saw an orderly close with no byte of the answer.
        var mayRetryOnFreshConnection: Bool
    }

    private var stream: (any ByteStream)?
    /// Whether this connection already carried an exchange (it came from the pool).
    private(set) var reused = false
    /// Whether the last answer allows another request on this connection.
    private(set) var keepAlive = false
    private var buffer: [UInt8] = []
    private var position = 0
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    init() {}

    deinit { close() }

    var isOpen: Bool { stream != nil }

    func close() {
        stream?.close()
        stream = nil
        keepAlive = false
    }

    /// True when an idle pooled connection still looks usable: nothing to read and no hang-up.
    func isIdleAndAlive() -> Bool {
        stream?.isIdleAndAlive() ?? false
    }

    // MARK: Connecting

    /// Connects to `target` (each resolved address in turn), through `proxy` when given (CONNECT for
    /// https), then runs the TLS handshake for https, all before `deadline`.
    func connect(to target: HTTPTarget, proxy: ProxyEndpoint?, tls: TLSContext?, deadline: Deadline) throws(TransportError) {
        close()
        reused = false
        let host = proxy?.host ?? target.host
        let port = proxy?.port ?? target.port
        let socket: StreamSocket
        do {
            socket = try StreamSocket.connect(host: host, port: port, deadline: deadline)
        } catch {
            let place = proxy.map { "the proxy \($0)" } ?? target.hostHeader
            switch error {
            case .timedOut: throw .timedOut(seconds: deadline.seconds)
            case .unresolved(let reason):
                throw .unresolved(proxy == nil
                    ? "\(reason); check the host name in baseURL (a typo?) and this machine's DNS"
                    : "\(place): \(reason); check the proxy settings (https_proxy, http_proxy)")
            case .refused(let reason):
                throw .connectionRefused(proxy == nil
                    ? "\(place): \(reason); is the server up and listening there? check the host and port in baseURL"
                    : "\(place): \(reason); is the proxy up? check https_proxy / http_proxy")
            default: throw .connectionRefused("\(place): \(error)")
            }
        }
        guard target.secure else {
            stream = socket
            return
        }
        if let proxy { try tunnel(socket, through: proxy, to: target, deadline: deadline) }
        guard let tls else { throw .tls("https:// needs TLS, which is not available") }
        do {
            stream = try TLSStream.connect(over: socket, context: tls, serverName: target.host, deadline: deadline)
        } catch {
            if case .timedOut = error { throw .timedOut(seconds: deadline.seconds) }
            throw .tls(TLSAdvice.explain(error, host: target.host))
        }
    }

    /// Asks `proxy` for a tunnel to `target` (HTTP CONNECT) and reads its answer, byte by byte so that
    /// nothing of the TLS handshake that follows is consumed.
    private func tunnel(_ socket: StreamSocket, through proxy: ProxyEndpoint, to target: HTTPTarget, deadline: Deadline) throws(TransportError) {
        var text = "CONNECT \(target.authority) HTTP/1.1\r\nHost: \(target.authority)\r\nUser-Agent: \(ToolInfo.name)/\(ToolInfo.version)\r\n"
        if let authorization = proxy.authorization { text += "Proxy-Authorization: \(authorization)\r\n" }
        text += "\r\n"
        let request = Array(text.utf8)
        if let problem = request.withUnsafeBytes({ socket.writeAll($0, deadline: deadline) }) {
            socket.close()
            if case .wouldBlock = problem { throw .timedOut(seconds: deadline.seconds) }
            throw .connectionRefused("the proxy \(proxy) closed the connection before CONNECT was sent")
        }
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !(head.count >= 4 && head.suffix(4).elementsEqual([13, 10, 13, 10])) {
            guard head.count < 16_384 else {
                socket.close()
                throw .connectionRefused("the proxy \(proxy) sent an answer to CONNECT longer than 16 KiB")
            }
            switch withUnsafeMutableBytes(of: &byte, { socket.read(into: $0) }) {
            case .transferred:
                head.append(byte)
            case .wouldBlock(let readable):
                if !socket.wait(readable: readable, deadline: deadline) {
                    socket.close()
                    throw .timedOut(seconds: deadline.seconds)
                }
            case .closed, .failed:
                socket.close()
                throw .connectionRefused("the proxy \(proxy) closed the connection instead of answering CONNECT \(target.authority)")
            }
        }
        let statusLine = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (200..<300).contains(status) else {
            socket.close()
            throw .connectionRefused("the proxy \(proxy) refused CONNECT \(target.authority): \(statusLine.prefix(120))")
        }
    }

    // MARK: One exchange

    /// Writes `head` and `body`, then reads one complete answer to a request with `method`.
    func exchange(head: [UInt8], body: [UInt8], method: String, deadline: Deadline) throws(Failure) -> HTTPResponse {
        try send(head: head, body: body, deadline: deadline)
        return try receive(method: method, deadline: deadline, wait: true)!
    }

    /// Writes a request (the start of an exchange).
    func send(head: [UInt8], body: [UInt8], deadline: Deadline) throws(Failure) {
        exchangeOnReusedConnection = reused
        reused = true
        keepAlive = false
        buffer.removeAll(keepingCapacity: true)
        position = 0
        do {
            try write(body.isEmpty ? head : head + body, deadline: deadline)
        } catch {
            throw Failure(error: error, mayRetryOnFreshConnection: exchangeOnReusedConnection && Self.isClosedError(error))
        }
    }

    /// Waits up to `milliseconds` for the first bytes of the answer; true when some are there to read.
    func answerArrives(within milliseconds: Int32) -> Bool {
        guard let stream else { return false }
        return stream.hasBufferedInput || stream.socket.readable(within: milliseconds)
    }

    /// Reads the answer to the request sent. With `wait` false, returns nil instead of waiting for bytes
    /// that have not arrived (call again with `wait` true to finish: the bytes read so far are kept).
    func receive(method: String, deadline: Deadline, wait: Bool) throws(Failure) -> HTTPResponse? {
        position = 0
        waits = wait
        do {
            return try readResponse(method: method, deadline: deadline)
        } catch is WouldBlock {
            return nil
        } catch let failure as EarlyClose {
            throw Failure(error: .connectionLost(failure.detail), mayRetryOnFreshConnection: exchangeOnReusedConnection && failure.orderly)
        } catch let error as TransportError {
            throw Failure(error: error, mayRetryOnFreshConnection: false)
        } catch {
            throw Failure(error: .other("\(error)"), mayRetryOnFreshConnection: false)
        }
    }

    private var exchangeOnReusedConnection = false
    private var waits = true

    /// The answer is not complete and the caller asked not to wait.
    private struct WouldBlock: Error {}

    /// The connection closed (or was reset) before any byte of the answer arrived.
    private struct EarlyClose: Error {
        /// An orderly close (EOF), as opposed to a reset.
        var orderly: Bool
        var detail: String
    }

    private func write(_ bytes: [UInt8], deadline: Deadline) throws(TransportError) {
        guard let stream else { throw .connectionLost("writing the request: not connected") }
        switch bytes.withUnsafeBytes({ stream.writeAll($0, deadline: deadline) }) {
        case nil: return
        case .wouldBlock?: throw .timedOut(seconds: deadline.seconds)
        case .failed(let reason, true)?:
            let failure = TLSFailure.classify(reason)
            throw TransportError.tls(afterSending: failure, explanation: "writing the request: " + TLSAdvice.explain(failure, host: nil))
        case .failed(let reason, false)?:
            // A TLS 1.3 server refuses a client certificate after the client's handshake is done: its alert
            // may be waiting to be read while the write already failed.
            if stream is TLSStream, case .failed(let alert, true) = scratch.withUnsafeMutableBytes({ stream.read(into: $0) }) {
                let failure = TLSFailure.classify(alert)
                throw TransportError.tls(afterSending: failure, explanation: TLSAdvice.explain(failure, host: nil))
            }
            throw .connectionLost("writing the request: \(reason)")
        case .closed?, .transferred?: throw .connectionLost("writing the request: the connection closed")
        }
    }

    private static func isClosedError(_ error: TransportError) -> Bool {
        if case .connectionLost = error { return true }
        return false
    }

    // MARK: Reading

    /// Reads more bytes into the buffer; false on an orderly close.
    private func fill(deadline: Deadline) throws -> Bool {
        guard let stream else { throw TransportError.connectionLost("not connected") }
        while true {
            let result = scratch.withUnsafeMutableBytes { stream.read(into: $0) }
            switch result {
            case .transferred(let received):
                buffer.append(contentsOf: scratch[0..<received])
                return true
            case .closed:
                return false
            case .wouldBlock(let readable):
                if !waits { throw WouldBlock() }
                if !stream.socket.wait(readable: readable, deadline: deadline) { throw TransportError.timedOut(seconds: deadline.seconds) }
            case .failed(let reason, let tls):
                if tls {
                    let failure = TLSFailure.classify(reason)
                    throw TransportError.tls(afterSending: failure, explanation: TLSAdvice.explain(failure, host: nil))
                }
                if buffer.isEmpty { throw EarlyClose(orderly: false, detail: reason) }
                throw TransportError.connectionLost(reason)
            }
        }
    }

    private func readResponse(method: String, deadline: Deadline) throws -> HTTPResponse {
        while true {
            let head = try readHead(deadline: deadline)
            // Interim answers (100 Continue, 103 Early Hints) precede the real one.
            if (100..<200).contains(head.status) && head.status != 101 { continue }
            if head.status == 101 { throw TransportError.unsupported("the server switched protocols (101); not supported") }
            let body: [UInt8]
            var reusable = head.persistent
            switch try head.framing(method: method) {
            case .none:
                body = []
            case .length(let length):
                guard length <= maximumResponseBodyBytes else { throw TransportError.bodyTooLarge(limit: maximumResponseBodyBytes) }
                body = try readExactly(length, deadline: deadline)
            case .chunked:
                body = try readChunked(deadline: deadline)
            case .untilClose:
                body = try readUntilClose(deadline: deadline)
                reusable = false
            }
            // Bytes after the answer were never asked for: do not trust this connection again.
            keepAlive = reusable && position == buffer.count
            return HTTPResponse(status: head.status, headers: head.headers, body: body)
        }
    }

    private func readHead(deadline: Deadline) throws -> ResponseHead {
        var scanned = position
        while true {
            if let end = Self.headEnd(in: buffer, from: max(position, scanned - 3)) {
                let head = try ResponseHead(buffer[position..<end])
                position = end + 4
                return head
            }
            scanned = buffer.count
            if buffer.count - position > Self.maximumHeadBytes {
                throw TransportError.other("the response head exceeds \(Self.maximumHeadBytes / 1024) KiB")
            }
            let started = buffer.count == position
            if try !fill(deadline: deadline) {
                if started && position == 0 { throw EarlyClose(orderly: true, detail: "the server closed the connection without answering") }
                throw TransportError.connectionLost("the server closed the connection in the middle of the response head")
            }
        }
    }

    private static let maximumHeadBytes = 64 * 1024

    private static func headEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = max(start, 0)
        while index + 3 < bytes.count {
            if bytes[index + 3] != 10 {
                index += bytes[index + 3] == 13 ? 1 : 4
                continue
            }
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 { return index }
            index += 1
        }
        return nil
    }

    private func readExactly(_ length: Int, deadline: Deadline) throws -> [UInt8] {
        while buffer.count - position < length {
            if try !fill(deadline: deadline) {
                throw TransportError.connectionLost("the server closed the connection after \(buffer.count - position) of \(length) body bytes")
            }
        }
        let body = Array(buffer[position..<(position + length)])
        position += length
        return body
    }

    private func readUntilClose(deadline: Deadline) throws -> [UInt8] {
        while true {
            if buffer.count - position > maximumResponseBodyBytes { throw TransportError.bodyTooLarge(limit: maximumResponseBodyBytes) }
            if try !fill(deadline: deadline) { break }
        }
        let body = Array(buffer[position...])
        position = buffer.count
        return body
    }

    private func readChunked(deadline: Deadline) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine(deadline: deadline, what: "chunk size")
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
            let trimmed = String(decoding: sizeText, as: UTF8.self).trimmingCharacters(in: " \t")
            guard !trimmed.isEmpty, trimmed.count <= 15, let size = Int(trimmed, radix: 16), size >= 0 else {
                throw TransportError.other("invalid chunk size in a chunked response")
            }
            if size == 0 { break }
            guard body.count + size <= maximumResponseBodyBytes else { throw TransportError.bodyTooLarge(limit: maximumResponseBodyBytes) }
            body += try readExactly(size, deadline: deadline)
            let end = try readLine(deadline: deadline, what: "chunk")
            guard end.isEmpty else { throw TransportError.other("a chunk is longer than its declared size") }
        }
        // Trailer fields, up to the empty line.
        var trailerBytes = 0
        while true {
            let line = try readLine(deadline: deadline, what: "trailer")
            if line.isEmpty { return body }
            trailerBytes += line.count
            if trailerBytes > Self.maximumHeadBytes { throw TransportError.other("the response trailer exceeds \(Self.maximumHeadBytes / 1024) KiB") }
        }
    }

    /// The next line (without CRLF) of a chunked body.
    private func readLine(deadline: Deadline, what: String) throws -> ArraySlice<UInt8> {
        while true {
            if let newline = buffer[position...].firstIndex(of: 10) {
                var end = newline
                if end > position && buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[position..<end]
                position = newline + 1
                return line
            }
            if buffer.count - position > 4096 { throw TransportError.other("invalid \(what) line in a chunked response") }
            if try !fill(deadline: deadline) {
                throw TransportError.connectionLost("the server closed the connection in the middle of a chunked body")
            }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
