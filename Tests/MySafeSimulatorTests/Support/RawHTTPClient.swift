import Foundation
import MySafeJSON
import TestSupport

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
    case connectFailed(String)
    /// The peer closed before a whole response arrived; carries what had arrived.
    case closed(received: Int)
    case reset
    case timedOut
    case malformed(String)

    init(_ error: LoopbackStream.ReadError) {
        switch error {
        case .closed(let buffered): self = .closed(received: buffered)
        case .reset: self = .reset
        case .timedOut: self = .timedOut
        case .failed(let reason): self = .malformed("recv: \(reason)")
        }
    }
}

/// A blocking client connection for tests: sends any bytes and reads responses exactly (on the shared
/// `LoopbackStream` of TestSupport).
final class RawConnection {
    private let stream: LoopbackStream

    init(port: UInt16, timeout: Double = 5) throws {
        do {
            stream = try LoopbackStream(connectingTo: port, timeout: timeout)
        } catch {
            throw RawClientError.connectFailed("\(error)")
        }
    }

    func send(_ text: String) { stream.send(text) }

    func send(_ bytes: [UInt8]) { stream.send(bytes) }

    /// Whatever arrives next (at most what one read gives), without parsing it.
    func receiveSome() throws -> [UInt8] {
        try mapped { () throws(LoopbackStream.ReadError) in _ = try stream.fill() }
        return stream.takeAll()
    }

    private func mapped<T>(_ body: () throws(LoopbackStream.ReadError) -> T) throws(RawClientError) -> T {
        do {
            return try body()
        } catch {
            throw RawClientError(error)
        }
    }

    private func need(_ count: Int) throws {
        try mapped { () throws(LoopbackStream.ReadError) in try stream.need(count) }
    }

    private func line() throws -> String {
        try mapped { () throws(LoopbackStream.ReadError) in try stream.line() }
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
                    response.body += stream.take(size + 2).dropLast(2)
                }
            } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
                try need(length)
                response.body = stream.take(length)
            } else {
                while try mapped({ () throws(LoopbackStream.ReadError) in try stream.fill() }) {}
                response.body = stream.takeAll()
            }
            return response
        }
    }

    /// Whether the server has closed the connection (waits up to `timeout` for it).
    func isClosedByPeer(timeout: Double = 2) -> Bool {
        stream.isClosedByPeer(timeout: timeout)
    }
}
