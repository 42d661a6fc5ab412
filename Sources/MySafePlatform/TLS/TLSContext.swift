/// Settings of a TLS client. Hostname verification is always on while `verifyPeer` is.
public struct TLSClientSettings: Sendable, Hashable {
    /// PEM file of the CA certificates to trust instead of the system store (like curl's `--cacert`).
    public var caFile: String?
    /// PEM file of the client certificate (and its chain), for servers that require one.
    public var clientCertificate: String?
    /// PEM file of the client certificate's unencrypted private key (default: `clientCertificate`).
    public var clientKey: String?
    /// False only for `--insecure`: no chain, expiry or host name check.
    public var verifyPeer: Bool

    public init(caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, verifyPeer: Bool = true) {
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.verifyPeer = verifyPeer
    }
}

/// An OpenSSL context (`SSL_CTX`): the trust, certificate and key every connection of a client or a
/// server shares. TLS 1.2 at least; read-only once made, so shared across threads.
// @unchecked: OpenSSL documents an `SSL_CTX` as safe to share once configured, and this one is never
// changed after `init`.
public final class TLSContext: @unchecked Sendable {
    let library: OpenSSL
    let context: OpaquePointer
    /// Whether connections verify the peer (chain, dates and, for a client, the host name).
    public let verifiesPeer: Bool
    /// Whether this context holds a client certificate.
    public let hasCertificate: Bool

    private init(library: OpenSSL, context: OpaquePointer, verifiesPeer: Bool, hasCertificate: Bool) {
        self.library = library
        self.context = context
        self.verifiesPeer = verifiesPeer
        self.hasCertificate = hasCertificate
    }

    deinit { library.contextFree(context) }

    /// Whether OpenSSL 3 can be loaded here; the reason when not.
    public static func availability() -> TLSError? {
        if case .failure(let error) = OpenSSL.shared { return error }
        return nil
    }

    /// A client context: trusts `caFile` (or the system store), presents the client certificate if any.
    public static func client(_ settings: TLSClientSettings) throws(TLSError) -> TLSContext {
        let library = try OpenSSL.shared.get()
        guard let context = library.contextNew(library.clientMethod()) else { throw .unavailable("OpenSSL could not make a TLS context: \(library.takeErrors())") }
        let made = TLSContext(library: library, context: context, verifiesPeer: settings.verifyPeer, hasCertificate: settings.clientCertificate != nil)
        made.configureCommon()
        _ = library.contextSetOptions(context, OpenSSL.optionIgnoreUnexpectedEOF)
        if settings.verifyPeer {
            library.contextSetVerify(context, OpenSSL.verifyPeer, nil)
            if let caFile = settings.caFile {
                try made.check(library.contextLoadVerifyLocations(context, caFile, nil), .caFile, caFile, "no CA certificate could be read from it (expected PEM)")
            } else {
                _ = library.contextDefaultVerifyPaths(context)
                library.errorClear()
            }
        } else {
            library.contextSetVerify(context, 0, nil)
        }
        if let certificate = settings.clientCertificate {
            try made.check(library.contextUseCertificateChainFile(context, certificate), .clientCertificate, certificate, "no certificate could be read from it (expected PEM)")
            let key = settings.clientKey ?? certificate
            try made.check(library.contextUsePrivateKeyFile(context, key, OpenSSL.fileTypePEM), .clientKey, key, "no unencrypted PEM private key could be read from it")
            try made.check(library.contextCheckPrivateKey(context), .clientKey, key, "the key does not belong to the client certificate")
        } else if let key = settings.clientKey {
            throw .file(role: .clientKey, path: key, reason: "a client key needs a client certificate too")
        }
        return made
    }

    /// A server context presenting `certificate` and `key`; with `clientCAFile`, every client must
    /// present a certificate issued by one of its CAs.
    public static func server(certificate: String, key: String, clientCAFile: String?) throws(TLSError) -> TLSContext {
        let library = try OpenSSL.shared.get()
        guard let context = library.contextNew(library.serverMethod()) else { throw .unavailable("OpenSSL could not make a TLS context: \(library.takeErrors())") }
        let made = TLSContext(library: library, context: context, verifiesPeer: clientCAFile != nil, hasCertificate: true)
        made.configureCommon()
        try made.check(library.contextUseCertificateChainFile(context, certificate), .serverCertificate, certificate, "no certificate could be read from it (expected PEM)")
        try made.check(library.contextUsePrivateKeyFile(context, key, OpenSSL.fileTypePEM), .serverKey, key, "no unencrypted PEM private key could be read from it")
        try made.check(library.contextCheckPrivateKey(context), .serverKey, key, "the key does not belong to the server certificate")
        if let clientCAFile {
            try made.check(library.contextLoadVerifyLocations(context, clientCAFile, nil), .clientCAFile, clientCAFile, "no CA certificate could be read from it (expected PEM)")
            if let names = library.loadClientCAFile(clientCAFile) { library.contextSetClientCAList(context, names) }
            library.contextSetVerify(context, OpenSSL.verifyPeer | OpenSSL.verifyFailIfNoPeerCertificate, nil)
        }
        return made
    }

    private func configureCommon() {
        _ = library.contextControl(context, OpenSSL.controlSetMinimumProtocol, OpenSSL.tls12Version, nil)
        _ = library.contextControl(context, OpenSSL.controlMode, OpenSSL.modePartialWriteAndMovingBuffer, nil)
        // Never prompt on the terminal for a key's passphrase: an encrypted key fails to load instead.
        library.contextSetPasswordCallback(context, { _, _, _, _ in 0 })
    }

    private func check(_ result: Int32, _ role: TLSFileRole, _ path: String, _ meaning: String) throws(TLSError) {
        guard result != 1 else { return }
        let detail = library.takeErrors()
        throw .file(role: role, path: path, reason: detail.isEmpty ? meaning : "\(meaning) (\(detail))")
    }
}
