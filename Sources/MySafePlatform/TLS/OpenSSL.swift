/// The system's OpenSSL 3 (`libssl.so.3`, `libcrypto.so.3`), reached at run time through `dlopen`, so
/// the package builds with the Swift toolchain alone (no headers, no `-dev` package, no system-library
/// target) and a plain-http run never needs it. Only the few functions the TLS client and the simulator's
/// TLS server call are bound; every one is part of OpenSSL 3's stable ABI. See README, "TLS".
// @unchecked: every stored property is a C function pointer bound once in `init` and never changed.
final class OpenSSL: @unchecked Sendable {
    typealias Pointer = OpaquePointer
    typealias PasswordCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32

    let clientMethod: @convention(c) () -> Pointer?
    let serverMethod: @convention(c) () -> Pointer?
    let contextNew: @convention(c) (Pointer?) -> Pointer?
    let contextFree: @convention(c) (Pointer?) -> Void
    let contextControl: @convention(c) (Pointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let contextSetOptions: @convention(c) (Pointer?, UInt64) -> UInt64
    let contextDefaultVerifyPaths: @convention(c) (Pointer?) -> Int32
    let contextLoadVerifyLocations: @convention(c) (Pointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let contextUseCertificateChainFile: @convention(c) (Pointer?, UnsafePointer<CChar>?) -> Int32
    let contextUsePrivateKeyFile: @convention(c) (Pointer?, UnsafePointer<CChar>?, Int32) -> Int32
    let contextCheckPrivateKey: @convention(c) (Pointer?) -> Int32
    let contextSetVerify: @convention(c) (Pointer?, Int32, UnsafeMutableRawPointer?) -> Void
    let contextSetPasswordCallback: @convention(c) (Pointer?, PasswordCallback?) -> Void
    let loadClientCAFile: @convention(c) (UnsafePointer<CChar>?) -> Pointer?
    let contextSetClientCAList: @convention(c) (Pointer?, Pointer?) -> Void
    let sslNew: @convention(c) (Pointer?) -> Pointer?
    let sslFree: @convention(c) (Pointer?) -> Void
    let sslSetFD: @convention(c) (Pointer?, Int32) -> Int32
    let sslControl: @convention(c) (Pointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let sslSetHost: @convention(c) (Pointer?, UnsafePointer<CChar>?) -> Int32
    let sslConnect: @convention(c) (Pointer?) -> Int32
    let sslAccept: @convention(c) (Pointer?) -> Int32
    let sslRead: @convention(c) (Pointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    let sslPeek: @convention(c) (Pointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    let sslWrite: @convention(c) (Pointer?, UnsafeRawPointer?, Int32) -> Int32
    let sslGetError: @convention(c) (Pointer?, Int32) -> Int32
    let sslPending: @convention(c) (Pointer?) -> Int32
    let sslShutdown: @convention(c) (Pointer?) -> Int32
    let sslVerifyResult: @convention(c) (Pointer?) -> Int
    let verifyErrorString: @convention(c) (Int) -> UnsafePointer<CChar>?
    let errorGet: @convention(c) () -> UInt
    let errorString: @convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void
    let errorClear: @convention(c) () -> Void

    // Constants of OpenSSL 3's headers (ssl.h, x509_vfy.h, tls1.h).
    static let errorSSL: Int32 = 1
    static let errorWantRead: Int32 = 2
    static let errorWantWrite: Int32 = 3
    static let errorSyscall: Int32 = 5
    static let errorZeroReturn: Int32 = 6
    static let verifyPeer: Int32 = 1
    static let verifyFailIfNoPeerCertificate: Int32 = 2
    static let fileTypePEM: Int32 = 1
    static let controlSetMinimumProtocol: Int32 = 123
    static let controlMode: Int32 = 33
    static let controlSetHostName: Int32 = 55
    static let tls12Version = 0x0303
    static let modePartialWriteAndMovingBuffer = 1 | 2
    static let optionIgnoreUnexpectedEOF: UInt64 = 1 << 7

    /// The library, loaded on first use; why not when it cannot be.
    static let shared: Result<OpenSSL, TLSError> = load()

    /// The library names tried, in order.
    static let libraryNames: [(ssl: String, crypto: String)] = {
        #if canImport(Darwin)
        return [("libssl.3.dylib", "libcrypto.3.dylib"), ("/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib", "/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib"), ("/usr/local/opt/openssl@3/lib/libssl.3.dylib", "/usr/local/opt/openssl@3/lib/libcrypto.3.dylib")]
        #else
        return [("libssl.so.3", "libcrypto.so.3")]
        #endif
    }()

    private static func load() -> Result<OpenSSL, TLSError> {
        var reasons: [String] = []
        for names in libraryNames {
            let crypto = Platform.loadLibrary(names.crypto)
            let ssl = Platform.loadLibrary(names.ssl)
            guard let cryptoHandle = crypto.handle, let sslHandle = ssl.handle else {
                reasons.append(ssl.handle == nil ? ssl.reason : crypto.reason)
                continue
            }
            do {
                return .success(try OpenSSL(ssl: sslHandle, crypto: cryptoHandle))
            } catch {
                return .failure(error)
            }
        }
        return .failure(.unavailable("OpenSSL 3 could not be loaded (\(reasons.joined(separator: "; "))); install it (Debian/Ubuntu: apt-get install libssl3; RHEL: dnf install openssl-libs), see README, 'TLS'"))
    }

    private init(ssl: UnsafeMutableRawPointer, crypto: UnsafeMutableRawPointer) throws(TLSError) {
        var missing: [String] = []
        func bind<T>(_ handle: UnsafeMutableRawPointer, _ name: String, as type: T.Type) -> T? {
            guard let symbol = Platform.symbol(handle, name) else {
                missing.append(name)
                return nil
            }
            return unsafeBitCast(symbol, to: type)
        }
        let initialise = bind(ssl, "OPENSSL_init_ssl", as: (@convention(c) (UInt64, UnsafeRawPointer?) -> Int32).self)
        let values = (
            bind(ssl, "TLS_client_method", as: (@convention(c) () -> Pointer?).self),
            bind(ssl, "TLS_server_method", as: (@convention(c) () -> Pointer?).self),
            bind(ssl, "SSL_CTX_new", as: (@convention(c) (Pointer?) -> Pointer?).self),
            bind(ssl, "SSL_CTX_free", as: (@convention(c) (Pointer?) -> Void).self),
            bind(ssl, "SSL_CTX_ctrl", as: (@convention(c) (Pointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int).self),
            bind(ssl, "SSL_CTX_set_options", as: (@convention(c) (Pointer?, UInt64) -> UInt64).self),
            bind(ssl, "SSL_CTX_set_default_verify_paths", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_CTX_load_verify_locations", as: (@convention(c) (Pointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
            bind(ssl, "SSL_CTX_use_certificate_chain_file", as: (@convention(c) (Pointer?, UnsafePointer<CChar>?) -> Int32).self),
            bind(ssl, "SSL_CTX_use_PrivateKey_file", as: (@convention(c) (Pointer?, UnsafePointer<CChar>?, Int32) -> Int32).self),
            bind(ssl, "SSL_CTX_check_private_key", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_CTX_set_verify", as: (@convention(c) (Pointer?, Int32, UnsafeMutableRawPointer?) -> Void).self),
            bind(ssl, "SSL_CTX_set_default_passwd_cb", as: (@convention(c) (Pointer?, PasswordCallback?) -> Void).self),
            bind(ssl, "SSL_load_client_CA_file", as: (@convention(c) (UnsafePointer<CChar>?) -> Pointer?).self),
            bind(ssl, "SSL_CTX_set_client_CA_list", as: (@convention(c) (Pointer?, Pointer?) -> Void).self)
        )
        let connection = (
            bind(ssl, "SSL_new", as: (@convention(c) (Pointer?) -> Pointer?).self),
            bind(ssl, "SSL_free", as: (@convention(c) (Pointer?) -> Void).self),
            bind(ssl, "SSL_set_fd", as: (@convention(c) (Pointer?, Int32) -> Int32).self),
            bind(ssl, "SSL_ctrl", as: (@convention(c) (Pointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int).self),
            bind(ssl, "SSL_set1_host", as: (@convention(c) (Pointer?, UnsafePointer<CChar>?) -> Int32).self),
            bind(ssl, "SSL_connect", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_accept", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_read", as: (@convention(c) (Pointer?, UnsafeMutableRawPointer?, Int32) -> Int32).self),
            bind(ssl, "SSL_peek", as: (@convention(c) (Pointer?, UnsafeMutableRawPointer?, Int32) -> Int32).self),
            bind(ssl, "SSL_write", as: (@convention(c) (Pointer?, UnsafeRawPointer?, Int32) -> Int32).self),
            bind(ssl, "SSL_get_error", as: (@convention(c) (Pointer?, Int32) -> Int32).self),
            bind(ssl, "SSL_pending", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_shutdown", as: (@convention(c) (Pointer?) -> Int32).self),
            bind(ssl, "SSL_get_verify_result", as: (@convention(c) (Pointer?) -> Int).self)
        )
        let errors = (
            bind(crypto, "X509_verify_cert_error_string", as: (@convention(c) (Int) -> UnsafePointer<CChar>?).self),
            bind(crypto, "ERR_get_error", as: (@convention(c) () -> UInt).self),
            bind(crypto, "ERR_error_string_n", as: (@convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void).self),
            bind(crypto, "ERR_clear_error", as: (@convention(c) () -> Void).self)
        )
        guard missing.isEmpty, let initialise,
            let a = values.0, let b = values.1, let c = values.2, let d = values.3, let e = values.4, let f = values.5,
            let g = values.6, let h = values.7, let i = values.8, let j = values.9, let k = values.10, let l = values.11,
            let m = values.12, let n = values.13, let o = values.14,
            let p = connection.0, let q = connection.1, let r = connection.2, let s = connection.3, let t = connection.4,
            let u = connection.5, let v = connection.6, let w = connection.7, let x = connection.8, let y = connection.9,
            let z = connection.10, let aa = connection.11, let ab = connection.12, let ac = connection.13,
            let ad = errors.0, let ae = errors.1, let af = errors.2, let ag = errors.3
        else {
            throw .unavailable("the OpenSSL library found lacks \(missing.joined(separator: ", ")); OpenSSL 3 is needed (see README, 'TLS')")
        }
        // Load the error strings, so failures read as words.
        _ = initialise(0x0020_0000 | 0x0000_0002, nil)
        Platform.ignoreBrokenPipe()
        (clientMethod, serverMethod, contextNew, contextFree, contextControl, contextSetOptions) = (a, b, c, d, e, f)
        (contextDefaultVerifyPaths, contextLoadVerifyLocations, contextUseCertificateChainFile, contextUsePrivateKeyFile) = (g, h, i, j)
        (contextCheckPrivateKey, contextSetVerify, contextSetPasswordCallback, loadClientCAFile, contextSetClientCAList) = (k, l, m, n, o)
        (sslNew, sslFree, sslSetFD, sslControl, sslSetHost, sslConnect, sslAccept) = (p, q, r, s, t, u, v)
        (sslRead, sslPeek, sslWrite, sslGetError, sslPending, sslShutdown, sslVerifyResult) = (w, x, y, z, aa, ab, ac)
        (verifyErrorString, errorGet, errorString, errorClear) = (ad, ae, af, ag)
    }

    /// The oldest error queued on this thread, in words ("" when none), and the queue emptied.
    func takeErrors() -> String {
        var texts: [String] = []
        while true {
            let code = errorGet()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            errorString(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if texts.count < 3 { texts.append(Self.shorten(text)) }
        }
        return texts.joined(separator: "; ")
    }

    /// `error:0A000086:SSL routines::certificate verify failed` → `certificate verify failed`.
    private static func shorten(_ text: String) -> String {
        let characters = Array(text)
        var index = characters.count - 1
        while index > 0 {
            if characters[index] == ":" && characters[index - 1] == ":" { return String(characters[(index + 1)...]) }
            index -= 1
        }
        return text
    }

    func verifyError(_ code: Int) -> String {
        verifyErrorString(code).map { String(cString: $0) } ?? "verification error \(code)"
    }
}
