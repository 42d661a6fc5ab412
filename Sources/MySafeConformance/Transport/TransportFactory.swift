import Foundation
import MySafePlatform

/// The transport for a run: the socket transport for `http://` and `https://` (TLS through the system's
/// OpenSSL 3, proxies from the environment as curl reads them). See README, "TLS" and "Proxies".
/// It decides whether a run can start and, when not, its exit code, so it lives with the behaviour:
/// the command line only prints its problems.
public enum TransportFactory {
    /// A transport ready to send, and the proxy it will use for the target.
    public struct Prepared: Sendable {
        public var transport: any HTTPTransport
        public var proxy: ProxyEndpoint?
        /// Values never to print (proxy credentials).
        public var secrets: [String]
    }

    /// Why no transport could be made: what to say, and the exit code (nothing was sent).
    public struct Failure: Error, Sendable {
        public var problems: [Problem]
        public var exitCode: ExitCode
    }

    /// `useProxies` false for the built-in simulator, which is always reached directly.
    public static func transport(
        for configuration: Configuration, useProxies: Bool, environment: [String: String]
    ) throws(Failure) -> Prepared {
        let tls = configuration.tls
        let proxies = useProxies ? ProxySettings(environment: environment) : ProxySettings()
        if !proxies.problems.isEmpty {
            throw Failure(problems: proxies.problems, exitCode: .usage)
        }
        let transport = SocketTransport(
            tls: TLSClientSettings(caFile: tls.caFile, clientCertificate: tls.clientCertificate, clientKey: tls.clientKey, verifyPeer: !tls.insecureSkipVerify),
            proxies: proxies)
        if configuration.baseURL.lowercased().hasPrefix("https://") {
            do {
                _ = try transport.prepareTLS()
            } catch {
                switch error {
                case .unavailable(let reason):
                    throw Failure(problems: [Problem(message: "https:// needs the system's OpenSSL 3: \(reason); nothing was sent")], exitCode: .noVerdict)
                case .file(let role, let path, let reason):
                    throw Failure(problems: [problem(for: role, in: configuration, "\(path): \(reason)")], exitCode: .usage)
                }
            }
        }
        let proxy = transport.proxy(for: configuration.baseURL)
        return Prepared(transport: transport, proxy: proxy, secrets: (proxies.httpProxy?.secrets ?? []) + (proxies.httpsProxy?.secrets ?? []))
    }

    /// A TLS file's problem, under the option or the configuration member that named the file.
    private static func problem(for role: TLSFileRole, in configuration: Configuration, _ message: String) -> Problem {
        switch role {
        case .caFile: return configuration.origin(of: "tls.caFile").problem(message)
        case .clientCertificate: return configuration.origin(of: "tls.clientCertificate").problem(message)
        case .clientKey:
            // A key not given at all is read from the certificate file.
            let key = configuration.tls.clientKey == nil ? "tls.clientCertificate" : "tls.clientKey"
            return configuration.origin(of: key).problem(message)
        case .serverCertificate: return ValueOrigin.option("--tls-cert").problem(message)
        case .serverKey: return ValueOrigin.option("--tls-key").problem(message)
        case .clientCAFile: return ValueOrigin.option("--tls-client-ca").problem(message)
        }
    }
}
