/// The parts of an `http://` or `https://` URL a socket client needs: where to connect and what to ask for.
struct HTTPTarget: Sendable, Hashable {
    /// `https://`: TLS over the connection.
    var secure: Bool
    var host: String
    var port: UInt16
    /// The `Host` header value: the authority as written, without user information.
    var hostHeader: String
    /// The request target: path and query, never empty.
    var requestTarget: String

    /// The pool key: one set of idle connections per scheme, host and port.
    var endpoint: String { "\(secure ? "https" : "http")://\(host):\(port)" }

    /// `host:port` as a CONNECT request names it.
    var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `url`; nil when it is not an `http://` or `https://` URL that `URL(string:)` would also accept.
    init?(_ url: String) {
        let bytes = Array(url.utf8)
        let plain = Array("http://".utf8)
        let tls = Array("https://".utf8)
        let scheme: [UInt8]
        if bytes.count > tls.count, zip(bytes, tls).allSatisfy({ Self.lower($0.0) == $0.1 }) {
            scheme = tls
        } else if bytes.count > plain.count, zip(bytes, plain).allSatisfy({ Self.lower($0.0) == $0.1 }) {
            scheme = plain
        } else {
            return nil
        }
        secure = scheme == tls
        for byte in bytes where byte <= 0x20 || byte >= 0x7F || Self.forbidden.contains(byte) { return nil }
        var rest = bytes[scheme.count...]
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        var authority = rest[rest.startIndex..<authorityEnd]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
        guard !authority.isEmpty else { return nil }
        var hostPart = authority
        var portPart: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostPart = authority[(authority.startIndex + 1)..<close]
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
            hostPart = authority[..<colon]
            portPart = authority[(colon + 1)...]
        }
        guard !hostPart.isEmpty else { return nil }
        var port: UInt16 = secure ? 443 : 80
        if !portPart.isEmpty {
            guard let parsed = UInt16(String(decoding: portPart, as: UTF8.self)), parsed > 0 else { return nil }
            port = parsed
        }
        host = String(decoding: hostPart, as: UTF8.self)
        self.port = port
        hostHeader = String(decoding: authority, as: UTF8.self)
        let target = rest[authorityEnd...]
        if target.isEmpty {
            requestTarget = "/"
        } else if target.first == UInt8(ascii: "?") {
            requestTarget = "/" + String(decoding: target, as: UTF8.self)
        } else {
            requestTarget = String(decoding: target, as: UTF8.self)
        }
    }

    private static let forbidden: Set<UInt8> = Set("\"<>\\^`{|}".utf8)

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
