import Foundation

/// The proxies of the environment, read as curl reads them: `https_proxy` (or `HTTPS_PROXY`) for
/// `https://` targets, `http_proxy` (lowercase only, as curl) for `http://`, `all_proxy` (or `ALL_PROXY`)
/// for both when those are unset, and `no_proxy` (or `NO_PROXY`): a comma-separated list of host names
/// (matching the name and its subdomains; a leading dot is ignored), IP addresses, IPv4 ranges in CIDR
/// notation, or `*` for every host. A proxy URL is `http://[user:password@]host[:port]` (port 1080 when
/// none is given, as curl); `https://` is tunnelled with CONNECT, `http://` is sent to the proxy in
/// absolute form. See README, "Proxies".
public struct ProxySettings: Sendable, Hashable {
    public var httpProxy: ProxyEndpoint?
    public var httpsProxy: ProxyEndpoint?
    public var noProxy: [String]
    /// Proxy variables that could not be used, with why (the run refuses to start with them).
    public var problems: [Problem]

    public init(httpProxy: ProxyEndpoint? = nil, httpsProxy: ProxyEndpoint? = nil, noProxy: [String] = []) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
        problems = []
    }

    /// Reads the proxy variables of `environment`.
    public init(environment: [String: String]) {
        problems = []
        func value(_ names: [String]) -> (name: String, value: String)? {
            for name in names { if let text = environment[name], !text.isEmpty { return (name, text) } }
            return nil
        }
        var problems: [Problem] = []
        func endpoint(_ names: [String]) -> ProxyEndpoint? {
            guard let (name, text) = value(names) else { return nil }
            switch ProxyEndpoint.parse(text) {
            case .success(let endpoint): return endpoint
            case .failure(let reason):
                problems.append(Problem(message: "\(name): \(reason)", suggestion: "see README, 'Proxies'"))
                return nil
            }
        }
        let all = endpoint(["all_proxy", "ALL_PROXY"])
        httpProxy = endpoint(["http_proxy"]) ?? all
        httpsProxy = endpoint(["https_proxy", "HTTPS_PROXY"]) ?? all
        noProxy = (value(["no_proxy", "NO_PROXY"])?.value ?? "")
            .split(whereSeparator: { $0 == "," || $0 == " " })
            .map { String($0).lowercased() }
            .filter { !$0.isEmpty }
        self.problems = problems
    }

    /// The proxy for a request to `host` over `https` or not; nil to connect directly.
    public func proxy(forHost host: String, secure: Bool) -> ProxyEndpoint? {
        guard let proxy = secure ? httpsProxy : httpProxy else { return nil }
        return bypasses(host) ? nil : proxy
    }

    /// Whether `no_proxy` sends `host` directly.
    public func bypasses(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: ["[", "]"])
        for entry in noProxy {
            if entry == "*" { return true }
            var pattern = entry.trimmingCharacters(in: ["[", "]"])
            if pattern.hasPrefix(".") { pattern.removeFirst() }
            if pattern.contains("/"), let matches = Self.cidr(pattern, contains: name) {
                if matches { return true }
                continue
            }
            if name == pattern || name.hasSuffix("." + pattern) { return true }
        }
        return false
    }

    /// Whether the IPv4 range `pattern` (a.b.c.d/n) holds `address`; nil when either is not IPv4.
    private static func cidr(_ pattern: String, contains address: String) -> Bool? {
        let parts = pattern.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
            let network = ipv4(String(parts[0])), let value = ipv4(address)
        else { return nil }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return network & mask == value & mask
    }

    private static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let number = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(number)
        }
        return value
    }
}

/// One HTTP proxy: where it listens and, when its URL carried them, the credentials it wants.
public struct ProxyEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16
    /// `Proxy-Authorization` value (Basic), when the URL had user information; never printed.
    var authorization: String?

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// `http://host:port`, without credentials: what the console and the reports show.
    public var description: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }

    /// The password (and user) to keep out of every output.
    public var secrets: [String] { authorization.map { [$0] } ?? [] }

    public enum Parse: Sendable, Hashable {
        case success(ProxyEndpoint)
        case failure(String)
    }

    /// Parses a proxy URL as curl reads one: scheme optional (`http://` only), port 1080 by default.
    public static func parse(_ text: String) -> Parse {
        var rest = Substring(text.trimmingCharacters(in: [" ", "\t"]))
        if let range = rest.range(of: "://") {
            let scheme = rest[..<range.lowerBound].lowercased()
            guard scheme == "http" else {
                return .failure("\(scheme):// proxies are not supported; use an http:// proxy (CONNECT is used for https targets)")
            }
            rest = rest[range.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var authorization: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = String(rest[..<at])
            authorization = "Basic " + Data(Self.percentDecoded(credentials).utf8).base64EncodedString()
            rest = rest[rest.index(after: at)...]
        }
        var host = rest
        var port: UInt16 = 1080
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return .failure("'\(redacted(text))' is not a proxy URL") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = UInt16(after.dropFirst()), parsed > 0 else { return .failure("'\(redacted(text))' has an invalid port") }
                port = parsed
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            guard let parsed = UInt16(rest[rest.index(after: colon)...]), parsed > 0 else { return .failure("'\(redacted(text))' has an invalid port") }
            port = parsed
        }
        guard !host.isEmpty else { return .failure("'\(redacted(text))' names no proxy host") }
        var endpoint = ProxyEndpoint(host: String(host), port: port)
        endpoint.authorization = authorization
        return .success(endpoint)
    }

    /// `text` with any user information replaced, for messages.
    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return String(text[..<start]) + "[REDACTED]" + String(text[at...])
    }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
