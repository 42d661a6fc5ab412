/// The `tls` block of the configuration (README, "TLS"): files are PEM paths, never their contents.
public struct TLSOptions: Sendable, Hashable {
    /// CA certificates to trust instead of the system store (`--ca-file`).
    public var caFile: String?
    /// The client certificate for servers that require one (`--client-cert`).
    public var clientCertificate: String?
    /// Its unencrypted private key (`--client-key`; default: the certificate file).
    public var clientKey: String?
    /// No certificate check at all (`--insecure`): loud in every output.
    public var insecureSkipVerify: Bool

    public init(caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// The keys of the `tls` object.
    static let keys = ["caFile", "clientCertificate", "clientKey", "insecureSkipVerify"]
}
