import Glibc

/// One HTTP/1.1 client connection over a non-blocking socket; every wait is bounded by a deadline.
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

    private(set) var fd: Int32 = -1
    /// Whether this connection already carried an exchange (it came from the pool).
    private(set) var reused = false
    /// Whether the last answer allows another request on this connection.
    private(set) var keepAlive = false
    private var buffer: [UInt8] = []
    private var position = 0
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    init() {}

    deinit { close() }

    var isOpen: Bool { fd >= 0 }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
        keepAlive = false
    }

    /// True when an idle pooled connection still looks usable: nothing to read and no hang-up.
    func isIdleAndAlive() -> Bool {
        guard fd >= 0 else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    // MARK: Connecting

    /// Connects to `target` (each resolved address in turn) before `deadline`.
    func connect(to target: HTTPTarget, deadline: Deadline) throws(TransportError) {
        close()
        reused = false
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(target.host, String(target.port), &hints, &list)
        guard status == 0, let first = list else {
            throw .connectionRefused("cannot resolve \(target.host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            node = current.pointee.ai_next
            let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            let candidate = socket(current.pointee.ai_family, socketType, 0)
            guard candidate >= 0 else {
                lastError = Self.errorText()
                continue
            }
            var result = Glibc.connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen)
            if result < 0 && errno == EINPROGRESS {
                var entry = pollfd(fd: candidate, events: Int16(POLLOUT), revents: 0)
                let ready = Self.pollRetryingInterrupts(&entry, deadline: deadline)
                if ready == 0 {
                    _ = Glibc.close(candidate)
                    throw .timedOut(seconds: deadline.seconds)
                }
                var code: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(candidate, SOL_SOCKET, SO_ERROR, &code, &length)
                if code != 0 { errno = code }
                result = code == 0 ? 0 : -1
            }
            if result == 0 {
                var one: Int32 = 1
                setsockopt(candidate, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                fd = candidate
                return
            }
            lastError = Self.errorText()
            _ = Glibc.close(candidate)
        }
        throw .connectionRefused("\(target.hostHeader): \(lastError)")
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
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
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
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                try wait(for: Int16(POLLOUT), deadline: deadline)
                continue
            }
            throw .connectionLost("writing the request: \(Self.errorText(code))")
        }
    }

    private static func isClosedError(_ error: TransportError) -> Bool {
        if case .connectionLost = error { return true }
        return false
    }

    // MARK: Reading

    /// Reads more bytes into the buffer; false on an orderly close.
    private func fill(deadline: Deadline) throws -> Bool {
        while true {
            var code: Int32 = 0
            let received = scratch.withUnsafeMutableBytes { raw in
                let count = recv(fd, raw.baseAddress, raw.count, 0)
                code = errno
                return count
            }
            if received > 0 {
                buffer.append(contentsOf: scratch[0..<received])
                return true
            }
            if received == 0 { return false }
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                if !waits { throw WouldBlock() }
                try wait(for: Int16(POLLIN), deadline: deadline)
                continue
            }
            if buffer.isEmpty { throw EarlyClose(orderly: false, detail: Self.errorText(code)) }
            throw TransportError.connectionLost(Self.errorText(code))
        }
    }

    private func wait(for events: Int16, deadline: Deadline) throws(TransportError) {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        if Self.pollRetryingInterrupts(&entry, deadline: deadline) == 0 { throw .timedOut(seconds: deadline.seconds) }
    }

    private static func pollRetryingInterrupts(_ entry: inout pollfd, deadline: Deadline) -> Int32 {
        while true {
            let result = poll(&entry, 1, deadline.remainingMilliseconds())
            if result < 0 && errno == EINTR { continue }
            if result == 0 && deadline.remainingMilliseconds() > 0 { continue }
            return result
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

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// A point in time on the monotonic clock, with the timeout it came from (for messages).
struct Deadline {
    let seconds: Double
    private let end: Double

    init(seconds: Double) {
        self.seconds = seconds
        end = Self.now() + seconds
    }

    /// Milliseconds left, rounded up, for poll(); 0 once passed.
    func remainingMilliseconds() -> Int32 {
        let left = end - Self.now()
        guard left > 0 else { return 0 }
        return Int32(min((left * 1000).rounded(.up), Double(Int32.max)))
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
