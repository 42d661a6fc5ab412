/// Parses HTTP/1.x requests from the bytes received so far, enforcing the size limits.
struct HTTPRequestParser: Sendable {
    /// The result of looking at the buffer.
    enum Result: Sendable {
        /// More bytes are needed.
        case incomplete
        /// A whole request and how many bytes of the buffer it used.
        case request(HTTPRequest, consumed: Int)
        /// The request is refused with this status; the connection closes after the answer.
        case failure(status: Int, reason: String)
        /// The headers are complete and announce `Expect: 100-continue` with a body still to come.
        case expectsContinue
    }

    var maximumHeaderBytes: Int
    var maximumBodyBytes: Int

    private static let crlf: [UInt8] = [13, 10]

    func parse(_ buffer: [UInt8]) -> Result {
        guard let headerEnd = Self.find([13, 10, 13, 10], in: buffer, from: 0) else {
            if buffer.count > maximumHeaderBytes { return .failure(status: 431, reason: "request header fields too large") }
            if buffer.first.map({ !Self.isTokenByte($0) }) == true, !(buffer.first == 13 || buffer.first == 10) {
                return .failure(status: 400, reason: "malformed request line")
            }
            return .incomplete
        }
        if headerEnd + 4 > maximumHeaderBytes { return .failure(status: 431, reason: "request header fields too large") }
        guard let head = String(validating: buffer[0..<headerEnd], as: UTF8.self) else {
            return .failure(status: 400, reason: "request header is not UTF-8")
        }
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        // Tolerate empty lines before the request line (RFC 9112 2.2).
        while lines.first == "" { lines.removeFirst() }
        guard let requestLine = lines.first else { return .failure(status: 400, reason: "empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].utf8.allSatisfy(Self.isTokenByte),
            parts[1].hasPrefix("/"), !parts[1].utf8.contains(where: { $0 <= 32 || $0 == 127 }),
            parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0"
        else { return .failure(status: 400, reason: "malformed request line") }

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return .failure(status: 400, reason: "malformed header") }
            let name = String(line[..<colon])
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                return .failure(status: 400, reason: "malformed header name")
            }
            let value = line[line.index(after: colon)...].trimmedOWS()
            guard !value.utf8.contains(where: { ($0 < 32 && $0 != 9) || $0 == 127 }) else {
                return .failure(status: 400, reason: "malformed header value")
            }
            headers.append((name, value))
        }
        var request = HTTPRequest(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers, body: [])
        let bodyStart = headerEnd + 4

        let transferEncoding = headers.filter { $0.name.lowercased() == "transfer-encoding" }.map(\.value)
        let contentLengths = headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        if !transferEncoding.isEmpty {
            guard contentLengths.isEmpty else {
                return .failure(status: 400, reason: "both Transfer-Encoding and Content-Length")
            }
            guard transferEncoding.joined(separator: ",").lowercased().split(separator: ",").map({
                $0.trimmedOWS()
            }) == ["chunked"] else { return .failure(status: 400, reason: "unsupported Transfer-Encoding") }
            switch decodeChunked(buffer, from: bodyStart) {
            case .incomplete:
                return expectsContinue(request, buffer: buffer, bodyStart: bodyStart) ? .expectsContinue : .incomplete
            case .failure(let status, let reason): return .failure(status: status, reason: reason)
            case .body(let body, let end):
                request.body = body
                return .request(request, consumed: end)
            }
        }
        var length = 0
        if !contentLengths.isEmpty {
            let values = Set(contentLengths.flatMap { $0.split(separator: ",").map { $0.trimmedOWS() } })
            guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
                text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text)
            else { return .failure(status: 400, reason: "invalid Content-Length") }
            length = value
        }
        if length > maximumBodyBytes { return .failure(status: 413, reason: "request body too large") }
        if buffer.count - bodyStart < length {
            return expectsContinue(request, buffer: buffer, bodyStart: bodyStart) ? .expectsContinue : .incomplete
        }
        request.body = Array(buffer[bodyStart..<(bodyStart + length)])
        return .request(request, consumed: bodyStart + length)
    }

    private func expectsContinue(_ request: HTTPRequest, buffer: [UInt8], bodyStart: Int) -> Bool {
        request.version == "HTTP/1.1" && request.header("Expect")?.lowercased() == "100-continue"
            && buffer.count == bodyStart
    }

    private enum ChunkedResult {
        case incomplete
        case failure(Int, String)
        case body([UInt8], end: Int)
    }

    private func decodeChunked(_ buffer: [UInt8], from start: Int) -> ChunkedResult {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = Self.find(Self.crlf, in: buffer, from: index) else {
                return buffer.count - index > 1024 ? .failure(400, "malformed chunk size") : .incomplete
            }
            var sizeText = buffer[index..<lineEnd]
            if let semicolon = sizeText.firstIndex(of: UInt8(ascii: ";")) { sizeText = sizeText[..<semicolon] }
            let hex = String(decoding: sizeText, as: UTF8.self).trimmedOWS()
            guard !hex.isEmpty, hex.count <= 8, let size = Int(hex, radix: 16) else {
                return .failure(400, "malformed chunk size")
            }
            index = lineEnd + 2
            if size == 0 {
                // Trailer fields until an empty line.
                while true {
                    guard let trailerEnd = Self.find(Self.crlf, in: buffer, from: index) else {
                        return buffer.count - index > maximumHeaderBytes ? .failure(431, "trailers too large") : .incomplete
                    }
                    let empty = trailerEnd == index
                    index = trailerEnd + 2
                    if empty { return .body(body, end: index) }
                }
            }
            if body.count + size > maximumBodyBytes { return .failure(413, "request body too large") }
            guard buffer.count >= index + size + 2 else { return .incomplete }
            guard buffer[index + size] == 13, buffer[index + size + 1] == 10 else {
                return .failure(400, "malformed chunk")
            }
            body.append(contentsOf: buffer[index..<(index + size)])
            index += size + 2
        }
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    static func find(_ needle: [UInt8], in buffer: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= needle.count, start <= buffer.count - needle.count else { return nil }
        var index = start
        let last = buffer.count - needle.count
        while index <= last {
            if buffer[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where buffer[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
