/// Why TLS could not be set up: the library is missing, or a file given for it cannot be used.
public enum TLSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// OpenSSL 3 could not be loaded; what to install.
    case unavailable(String)
    /// A certificate, key or CA file cannot be used.
    case file(role: TLSFileRole, path: String, reason: String)

    public var description: String {
        switch self {
        case .unavailable(let reason): return reason
        case .file(let role, let path, let reason): return "\(role.rawValue) \(path): \(reason)"
        }
    }
}

/// Which file a `TLSError.file` is about.
public enum TLSFileRole: String, Sendable, Hashable {
    case caFile = "CA file"
    case clientCertificate = "client certificate"
    case clientKey = "client key"
    case serverCertificate = "server certificate"
    case serverKey = "server key"
    case clientCAFile = "client CA file"
}

/// Why a TLS connection failed, in the terms a user can act on.
public enum TLSFailure: Error, Sendable, Hashable {
    /// The server's certificate does not chain to a trusted CA.
    case untrusted(String)
    /// The server's certificate has expired or is not yet valid.
    case expired(String)
    /// The server's certificate does not name the host connected to.
    case hostMismatch(String)
    /// The server asked for a client certificate and none was given.
    case clientCertificateRequired(String)
    /// The server refused the client certificate given.
    case clientCertificateRejected(String)
    /// The other side does not speak TLS (a plain-http server on an https URL).
    case notTLS(String)
    /// The handshake did not finish before the deadline.
    case timedOut
    /// Any other failure, with OpenSSL's words.
    case other(String)

    /// Classifies a failure from OpenSSL's error text alone (failures after the handshake, such as a
    /// TLS 1.3 server refusing a missing client certificate on the first read).
    public static func classify(_ text: String) -> TLSFailure {
        let lowered = text.lowercased()
        if lowered.contains("certificate required") { return .clientCertificateRequired(text) }
        if lowered.contains("alert bad certificate") || lowered.contains("alert unknown ca") || lowered.contains("alert certificate unknown") {
            return .clientCertificateRejected(text)
        }
        if lowered.contains("wrong version number") || lowered.contains("packet length too long") || lowered.contains("record layer failure") {
            return .notTLS(text)
        }
        return .other(text)
    }
}
