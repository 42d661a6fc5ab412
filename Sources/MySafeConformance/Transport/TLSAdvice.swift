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

    /// What a TLS-terminating proxy's error page says about the client certificate, when it answers
    /// in HTTP instead of ending the handshake: nginx with `ssl_verify_client on` completes the handshake
    /// without a certificate and answers 400 "No required SSL certificate was sent", or "The SSL
    /// certificate error" for one it refuses. Nil for any other answer.
    static func explainPage(status: Int, body: [UInt8]) -> String? {
        guard status == 400 else { return nil }
        let text = String(decoding: body.prefix(4096), as: UTF8.self).lowercased()
        if text.contains("no required ssl certificate was sent") {
            return explain(.clientCertificateRequired("the TLS proxy answered 400 No required SSL certificate was sent"), host: nil)
        }
        if text.contains("the ssl certificate error") {
            return explain(.clientCertificateRejected("the TLS proxy answered 400 The SSL certificate error"), host: nil)
        }
        return nil
    }
}
