/// The simulator's TLS: PEM files of its certificate and key and, optionally, the CAs whose client
/// certificates it requires (`serve --tls-cert FILE --tls-key FILE [--tls-client-ca FILE]`).
public struct SimulatorTLS: Sendable, Hashable {
    public var certificate: String
    public var key: String
    /// When set, a client without a certificate issued by one of these CAs is refused in the handshake.
    public var clientCAFile: String?

    public init(certificate: String, key: String, clientCAFile: String? = nil) {
        self.certificate = certificate
        self.key = key
        self.clientCAFile = clientCAFile
    }
}
