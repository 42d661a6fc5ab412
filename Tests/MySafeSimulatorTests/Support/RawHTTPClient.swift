import Foundation
import Glibc
import MySafeJSON

/// A response as read off the wire by `RawConnection`.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Whether the body came chunked.
    var chunked: Bool

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var json: JSONValue? { try? JSONParser.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

enum RawClientError: Error, Equatable {
    case connectFailed(Int32)
    /// The peer closed before a whole response arrived; carries what had arrived.
    case closed(received: Int)
    case reset
    case timedOut
    case malformed(String)
}

/// A blocking client socket for tests: sends any bytes and reads responses exactly.
final class RawConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var value = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw RawClientError.connectFailed(code)
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; false on orderly close.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[0..<count]
                return true
            }
            if count == 0 { return false }
            switch errno {
            case EINTR: continue
            case ECONNRESET: throw RawClientError.reset
            case EAGAIN: throw RawClientError.timedOut
            default: throw RawClientError.malformed("recv errno \(errno)")
            }
        }
    }

    private func need(_ count: Int) throws {
        while buffer.count < count {
            guard try fill() else { throw RawClientError.closed(received: buffer.count) }
        }
    }

    private func line() throws -> String {
        while true {
            if let index = indexOfCRLF() {
                let text = String(decoding: buffer[0..<index], as: UTF8.self)
                buffer.removeFirst(index + 2)
                return text
            }
            guard try fill() else { throw RawClientError.closed(received: buffer.count) }
        }
    }

    private func indexOfCRLF() -> Int? {
        guard buffer.count >= 2 else { return nil }
        for index in 0..<(buffer.count - 1) where buffer[index] == 13 && buffer[index + 1] == 10 { return index }
        return nil
    }

    /// Reads one response (interim 1xx responses skipped); `head` for a HEAD request.
    func readResponse(head: Bool = false) throws -> RawResponse {
        var statusLine = try line()
        var headers: [(name: String, value: String)] = []
        while true {
            let parts = statusLine.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                throw RawClientError.malformed("status line \(statusLine)")
            }
            headers = []
            while true {
                let text = try line()
                if text.isEmpty { break }
                guard let colon = text.firstIndex(of: ":") else { throw RawClientError.malformed("header \(text)") }
                headers.append(
                    (String(text[..<colon]), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            if status >= 100 && status < 200 {
                statusLine = try line()
                continue
            }
            var response = RawResponse(status: status, headers: headers, body: [], chunked: false)
            if head { return response }
            if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
                response.chunked = true
                while true {
                    guard let size = Int(try line(), radix: 16) else { throw RawClientError.malformed("chunk size") }
                    if size == 0 {
                        while try !line().isEmpty {}
                        break
                    }
                    try need(size + 2)
                    response.body += buffer[0..<size]
                    buffer.removeFirst(size + 2)
                }
            } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
                try need(length)
                response.body = Array(buffer[0..<length])
                buffer.removeFirst(length)
            } else {
                while try fill() {}
                response.body = buffer
                buffer = []
            }
            return response
        }
    }

    /// Whether the server has closed the connection (waits up to `timeout` for it).
    func isClosedByPeer(timeout: Double = 2) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK))
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }
}
