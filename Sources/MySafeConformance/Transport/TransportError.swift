import MySafePlatform

/// Why no answer was read: the outcome of such a request is `error` (no verdict).
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case timedOut(seconds: Double)
    case connectionRefused(String)
    /// The host name could not be resolved to an address: nothing was sent.
    case unresolved(String)
    /// Not sent: the run stopped sending what would fail the same way (a sick target, ``SickTargetGuard``).
    case notSent(String)
    case connectionLost(String)
    case bodyTooLarge(limit: Int)
    /// The TLS handshake failed, or the server refused it afterwards (a TLS 1.3 server refusing the client
    /// certificate on the first read): the request never reached the application.
    case tls(String)
    /// A TLS record failed after request bytes were written: the server may have received and acted on it.
    case tlsAfterSend(String)
    case invalidURL(String)
    case unsupported(String)
    case other(String)

    public var description: String {
        switch self {
        case .timedOut(let seconds): return "no answer within \(Self.seconds(seconds)) (request timeout)"
        case .connectionRefused(let detail): return "connection refused: \(detail)"
        case .unresolved(let detail): return "could not resolve \(detail)"
        case .notSent(let cause): return "\(Self.notSentPrefix)\(cause)"
        case .connectionLost(let detail): return "connection lost before the answer was complete: \(detail)"
        case .bodyTooLarge(let limit): return "the response body exceeds the \(limit / 1024) KiB cap"
        case .tls(let detail): return "TLS failure: \(detail)"
        case .tlsAfterSend(let detail): return "TLS failure after the request was sent (the server may have acted on it): \(detail)"
        case .invalidURL(let url): return "invalid URL \(url)"
        case .unsupported(let detail): return detail
        case .other(let detail): return detail
        }
    }

    /// Whether the server may have received (and acted on) the request: false only when it
    /// certainly never got it (refused connection, TLS handshake, invalid URL).
    public var mayHaveBeenDelivered: Bool {
        switch self {
        case .connectionRefused, .unresolved, .notSent, .tls, .invalidURL, .unsupported: return false
        case .timedOut, .connectionLost, .bodyTooLarge, .tlsAfterSend, .other: return true
        }
    }

    /// A short stable id for reports (`transport.timeout`).
    public var check: CheckID {
        switch self {
        case .timedOut: return .transportTimeout
        case .connectionRefused: return .transportRefused
        case .unresolved: return .transportUnresolved
        case .notSent: return .transportNotSent
        case .connectionLost: return .transportConnectionLost
        case .bodyTooLarge: return .transportBodyTooLarge
        case .tls, .tlsAfterSend: return .transportTLS
        case .invalidURL: return .transportInvalidURL
        case .unsupported: return .transportUnsupported
        case .other: return .transportError
        }
    }

    /// The error for a TLS failure on a connection that has already carried request bytes: a refusal of the
    /// client certificate is still part of the handshake (TLS 1.3 reports it on the first read, and the server
    /// acts on nothing before it accepts the certificate); anything else may have followed delivery.
    static func tls(afterSending failure: TLSFailure, explanation: String) -> TransportError {
        switch failure {
        case .clientCertificateRequired, .clientCertificateRejected, .notTLS, .untrusted, .expired, .hostMismatch: return .tls(explanation)
        case .timedOut, .other: return .tlsAfterSend(explanation)
        }
    }

    /// How the description of ``notSent(_:)`` begins, for people; the reports find the cases the run did not send by
    /// their ``SkipCause/notSent(_:)``, never by this text.
    public static let notSentPrefix = "not sent: "

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
