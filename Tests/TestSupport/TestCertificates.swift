import Foundation
public import Testing

/// A throwaway PKI made with the `openssl` command at test time (once per test process): a CA, server
/// certificates (good, for the wrong host, expired), a client certificate, and a second CA nobody uses.
/// Nothing is checked in; the files live in a fresh temporary directory.
public struct TestCertificates: Sendable {
    public let directory: String

    public var caCertificate: String { path("ca.pem") }
    /// A CA that issued nothing the simulator presents.
    public var otherCACertificate: String { path("other-ca.pem") }
    /// For `localhost` and `127.0.0.1`, issued by the CA.
    public var serverCertificate: String { path("server.pem") }
    public var serverKey: String { path("server.key") }
    /// For `elsewhere.invalid` only.
    public var wrongHostCertificate: String { path("wrong-host.pem") }
    public var wrongHostKey: String { path("wrong-host.key") }
    /// Expired a day before it became valid.
    public var expiredCertificate: String { path("expired.pem") }
    public var expiredKey: String { path("expired.key") }
    /// A client certificate issued by the CA.
    public var clientCertificate: String { path("client.pem") }
    public var clientKey: String { path("client.key") }

    private func path(_ name: String) -> String { directory + "/" + name }

    /// Why the certificates could not be made (no `openssl` command, or it failed).
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The certificates of this test process, made on first use.
    public static let shared: Result<TestCertificates, Unavailable> = make()

    /// The certificates, or nil after printing why the calling test is skipped; under CI a missing `openssl`
    /// fails the calling test instead (`RequiredTool`).
    public static func orSkip(_ test: String, sourceLocation: SourceLocation = #_sourceLocation) -> TestCertificates? {
        switch shared {
        case .success(let certificates): return certificates
        case .failure(let reason):
            if RequiredTool.underCI {
                Issue.record("\(test) needs throwaway certificates under CI: \(reason)", sourceLocation: sourceLocation)
            } else {
                print("skipped \(test): \(reason)")
            }
            return nil
        }
    }

    /// `openssl` on the PATH (or in /usr/bin).
    public static let opensslPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/openssl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    private static func make() -> Result<TestCertificates, Unavailable> {
        guard let openssl = opensslPath else { return .failure(Unavailable(description: "the openssl command is not installed (apt-get install openssl)")) }
        let directory = TestDirectory.make("pki").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            func run(_ arguments: [String]) throws {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: openssl)
                process.arguments = arguments
                process.currentDirectoryURL = URL(fileURLWithPath: directory)
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                let complaint = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    throw Unavailable(description: "openssl \(arguments.first ?? "") failed: \(String(decoding: complaint, as: UTF8.self).prefix(300))")
                }
            }
            let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            for ca in ["ca", "other-ca"] {
                try run(["req", "-x509"] + key + ["-keyout", "\(ca).key", "-out", "\(ca).pem", "-days", "2", "-subj", "/CN=MySafe test \(ca)"])
            }
            func issue(_ name: String, subject: String, extensions: String, days: String) throws {
                try run(["req"] + key + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
                try Data(extensions.utf8).write(to: URL(fileURLWithPath: directory + "/\(name).ext"))
                try run(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(UInt32.random(in: 1...UInt32.max)),
                         "-out", "\(name).pem", "-days", days, "-extfile", "\(name).ext"])
            }
            let serverExtensions = "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
            try issue("server", subject: "/CN=localhost", extensions: serverExtensions, days: "2")
            try issue("wrong-host", subject: "/CN=elsewhere.invalid", extensions: "subjectAltName=DNS:elsewhere.invalid\nextendedKeyUsage=serverAuth\n", days: "2")
            try issue("expired", subject: "/CN=localhost", extensions: serverExtensions, days: "-1")
            try issue("client", subject: "/CN=mysafe-conformance test client", extensions: "extendedKeyUsage=clientAuth\n", days: "2")
            return .success(TestCertificates(directory: directory))
        } catch let error as Unavailable {
            return .failure(error)
        } catch {
            return .failure(Unavailable(description: "the test certificates could not be made: \(error)"))
        }
    }
}
