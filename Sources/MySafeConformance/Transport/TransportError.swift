/// Why no answer was read: the outcome of such a request is `error` (no verdict).
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case timedOut(seconds: Double)
    case connectionRefused(String)
    case connectionLost(String)
    case bodyTooLarge(limit: Int)
    case tls(String)
    case invalidURL(String)
    case unsupported(String)
    case other(String)

    public var description: String {
        switch self {
        case .timedOut(let seconds): return "no answer within \(Self.seconds(seconds)) (request timeout)"
        case .connectionRefused(let detail): return "connection refused: \(detail)"
        case .connectionLost(let detail): return "connection lost before the answer was complete: \(detail)"
        case .bodyTooLarge(let limit): return "the response body exceeds the \(limit / 1024) KiB cap"
        case .tls(let detail): return "TLS failure: \(detail)"
        case .invalidURL(let url): return "invalid URL \(url)"
        case .unsupported(let detail): return detail
        case .other(let detail): return detail
        }
    }

    /// Whether the server may have received (and acted on) the request: false only when it
    /// certainly never got it (refused connection, TLS handshake, invalid URL).
    public var mayHaveBeenDelivered: Bool {
        switch self {
        case .connectionRefused, .tls, .invalidURL, .unsupported: return false
        case .timedOut, .connectionLost, .bodyTooLarge, .other: return true
        }
    }

    /// A short stable id for reports (`transport.timeout`).
    public var check: String {
        switch self {
        case .timedOut: return "transport.timeout"
        case .connectionRefused: return "transport.refused"
        case .connectionLost: return "transport.connection-lost"
        case .bodyTooLarge: return "transport.body-too-large"
        case .tls: return "transport.tls"
        case .invalidURL: return "transport.invalid-url"
        case .unsupported: return "transport.unsupported"
        case .other: return "transport.error"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
