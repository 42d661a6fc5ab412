import MySafePlatform

/// What a TLS failure means for the user, naming the option that fixes it (README, "TLS").
enum TLSAdvice {
    static func explain(_ failure: TLSFailure, host: String?) -> String {
        switch failure {
        case .untrusted(let words):
            return "the server's certificate is not trusted (\(words)); give the deployment's CA certificate with --ca-file FILE or tls.caFile in the configuration (see README, 'TLS')"
        case .expired(let words):
            return "the server's certificate is not valid now (\(words)); the deployment must renew it"
        case .hostMismatch(let words):
            return "the server's certificate does not name \(host ?? "the host connected to") (\(words)); use the host name the certificate was issued for in the base URL"
        case .clientCertificateRequired(let words):
            return "the server requires a client certificate (\(words)); give one with --client-cert FILE and --client-key FILE, or tls.clientCertificate and tls.clientKey in the configuration"
        case .clientCertificateRejected(let words):
            return "the server refused the client certificate (\(words)); check --client-cert / tls.clientCertificate"
        case .notTLS(let words):
            return "the server does not speak TLS on this port (\(words)); check the base URL's scheme and port"
        case .timedOut:
            return "the TLS handshake did not finish in time"
        case .other(let words):
            return words
        }
    }
}
