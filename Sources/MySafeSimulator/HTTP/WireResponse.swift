import MySafeJSON

/// A response as bytes, with how to deliver them.
struct WireResponse: Sendable {
    var head: [UInt8]
    /// The body as framed on the wire.
    var body: [UInt8]
    var delivery: Answer.Delivery
    var delaySeconds: Double
    var closesConnection: Bool
}

extension Responder {
    /// The bytes of `answer` as sent in reply to `request` (nil for a refused request).
    func encode(_ answer: Answer, for request: HTTPRequest?) -> WireResponse {
        var answer = answer
        behaviours.apply(\.anyAnswer, to: &answer)
        var body: [UInt8]
        switch answer.body {
        case .json(let value):
            let shaped = encoding.shuffleSeed.map { Encoding.shuffled(value, seed: $0) } ?? value
            body = JSONWriter(pretty: encoding.pretty).bytes(shaped)
        case .bytes(let bytes):
            body = bytes
        }
        if answer.origin == .mysafe { behaviours.apply(\.mySafeBytes, to: &body) }
        let closes = answer.closesConnection || !(request?.wantsKeepAlive ?? false)
        let chunked = encoding.chunked && request?.version == "HTTP/1.1"
        var head = "HTTP/1.1 \(answer.status) \(Self.reason(answer.status))\r\n"
        if let contentType = answer.contentType { head += "Content-Type: \(contentType)\r\n" }
        head += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(body.count)\r\n"
        for header in answer.extraHeaders { head += "\(header.name): \(header.value)\r\n" }
        head += closes ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        head += "\r\n"
        var wireBody = chunked ? Self.chunkedFraming(body) : body
        if request?.method == "HEAD" { wireBody = [] }
        return WireResponse(
            head: Array(head.utf8), body: wireBody, delivery: answer.delivery, delaySeconds: answer.delaySeconds,
            closesConnection: closes || answer.delivery != .complete)
    }

    static func chunkedFraming(_ body: [UInt8]) -> [UInt8] {
        var framed: [UInt8] = []
        var start = 0
        while start < body.count {
            let end = min(start + 4096, body.count)
            framed += Array((String(end - start, radix: 16) + "\r\n").utf8)
            framed += body[start..<end]
            framed += [13, 10]
            start = end
        }
        framed += Array("0\r\n\r\n".utf8)
        return framed
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
