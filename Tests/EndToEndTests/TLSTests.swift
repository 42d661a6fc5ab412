import Foundation
import MySafeJSON
import MySafeSimulator
import Testing
import TestSupport

/// https through the binary: the simulator serves TLS with a CA the tests make (TestCertificates), and
/// every refusal names the option that fixes it, exits 3 and lets no request through (README, "TLS").
@Suite("TLS through the binary")
struct TLSTests {
    /// A simulator serving TLS with `certificate`/`key` (and requiring client certificates from `clientCA`).
    private func simulator(
        _ certificates: TestCertificates, certificate: String? = nil, key: String? = nil, clientCA: String? = nil,
        configure: (inout JSONObject) -> Void = { _ in }
    ) throws -> OwnedSimulator {
        var options = SimulatorOptions()
        options.tls = SimulatorTLS(
            certificate: certificate ?? certificates.serverCertificate, key: key ?? certificates.serverKey, clientCAFile: clientCA)
        return try OwnedSimulator(options: options, configure: configure)
    }

    @Test(
        "a private CA given with tls.caFile (absolute, or relative to the configuration file): exit 0, the simulator left as found, tlsVerified true in summary.json",
        arguments: [false, true])
    func privateCA(relative: Bool) async throws {
        guard let certificates = TestCertificates.orSkip("privateCA") else { return }
        let target = try simulator(certificates) { $0["tls"] = ["caFile": .string(relative ? "pki/ca.pem" : certificates.caCertificate)] }
        defer { target.stop() }
        if relative {
            // Next to the configuration file only: the binary runs in another directory (README, "TLS").
            let pki = target.configFile.deletingLastPathComponent().appendingPathComponent("pki")
            try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: certificates.caCertificate, toPath: pki.appendingPathComponent("ca.pem").path)
            #expect(!FileManager.default.fileExists(atPath: "pki/ca.pem"))
        }
        #expect(target.server.baseURL.hasPrefix("https://"))
        let before = target.server.secretStates()
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--jobs", "4"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(target.server.secretStates() == before)
        #expect(target.server.requestCount > 0)
        let summary = try result.summary()
        #expect(summary["tlsVerified"] == .bool(true))
        #expect(!result.stderr.contains("TLS VERIFICATION IS OFF"))
    }

    @Test("an untrusted CA: exit 3, the message names --ca-file and tls.caFile, no request reached the target", arguments: [false, true])
    func untrusted(withOtherCA: Bool) async throws {
        guard let certificates = TestCertificates.orSkip("untrusted") else { return }
        let target = try simulator(certificates)
        defer { target.stop() }
        let result = try await AsyncBinary.run(
            ["run", "--config", target.configFile.path, "--request-timeout", "5"] + (withOtherCA ? ["--ca-file", certificates.otherCACertificate] : []))
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("--ca-file"), "\(result.stdout)")
        #expect(result.stdout.contains("tls.caFile"))
        #expect(result.stdout.contains("not trusted"))
        #expect(target.server.requestCount == 0, "nothing may be sent beyond the handshake")
    }

    @Test("a certificate the client must refuse: exit 3, says why, nothing sent beyond the handshake", arguments: RefusedCertificate.all)
    func refused(_ refusal: RefusedCertificate) async throws {
        guard let certificates = TestCertificates.orSkip(refusal.name) else { return }
        let (certificate, key) = refusal.files(certificates)
        let target = try simulator(certificates, certificate: certificate, key: key)
        defer { target.stop() }
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--ca-file", certificates.caCertificate, "--request-timeout", "5"])
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(refusal.message), "\(result.stdout)")
        #expect(target.server.requestCount == 0)
    }

    @Test("a client certificate required: exit 3 naming --client-cert without one; exit 0 with one, its key never printed")
    func clientCertificate() async throws {
        guard let certificates = TestCertificates.orSkip("clientCertificate") else { return }
        let target = try simulator(certificates, clientCA: certificates.caCertificate)
        defer { target.stop() }
        let base = ["run", "--config", target.configFile.path, "--ca-file", certificates.caCertificate, "--request-timeout", "5"]
        let refused = try await AsyncBinary.run(base)
        #expect(refused.exitCode == 3, "\(refused.stdout)\n\(refused.stderr)")
        #expect(refused.stdout.contains("--client-cert"), "\(refused.stdout)")
        #expect(refused.stdout.contains("tls.clientCertificate"))
        #expect(target.server.requestCount == 0)

        let accepted = try await AsyncBinary.run(base + ["--client-cert", certificates.clientCertificate, "--client-key", certificates.clientKey, "--jobs", "4"])
        #expect(accepted.exitCode == 0, "\(accepted.stdout)\n\(accepted.stderr)")
        #expect(target.server.requestCount > 0)
        let keyLines = try String(contentsOfFile: certificates.clientKey, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count > 16 }
        let outputs = [accepted.stdout, accepted.stderr] + Array(accepted.reportFiles().values)
        for line in keyLines { #expect(!outputs.contains { $0.contains(line) }, "the client key appeared in an output") }
    }

    @Test("--insecure against an untrusted certificate: exit 0 and flagged in the console, summary.json, summary.md and junit.xml")
    func insecure() async throws {
        guard let certificates = TestCertificates.orSkip("insecure") else { return }
        let result = try await AsyncBinary.run(
            ["run", "--simulator", "--tls-cert", certificates.wrongHostCertificate, "--tls-key", certificates.wrongHostKey, "--insecure", "--jobs", "4"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("TLS VERIFICATION IS OFF"))
        let summary = try result.summary()
        #expect(summary["tlsVerified"] == .bool(false))
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("TLS verification was OFF"))
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains(#"<property name="tlsVerified" value="false"/>"#))
    }

    @Test("a bad --ca-file (not PEM) or a key that does not match: exit 2 naming the option, nothing sent")
    func badFiles() async throws {
        guard let certificates = TestCertificates.orSkip("badFiles") else { return }
        let target = try simulator(certificates)
        defer { target.stop() }
        let notPEM = BinaryHarness.temporaryDirectory("tls").appendingPathComponent("ca.pem")
        try Data("not a certificate\n".utf8).write(to: notPEM)
        let badCA = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--ca-file", notPEM.path])
        #expect(badCA.exitCode == 2, "\(badCA.stdout)\n\(badCA.stderr)")
        #expect(badCA.stderr.contains("--ca-file"))
        let mismatch = try await AsyncBinary.run(
            ["run", "--config", target.configFile.path, "--ca-file", certificates.caCertificate, "--client-cert", certificates.clientCertificate, "--client-key", certificates.serverKey])
        #expect(mismatch.exitCode == 2, "\(mismatch.stdout)\n\(mismatch.stderr)")
        #expect(mismatch.stderr.contains("--client-key"))
        #expect(target.server.requestCount == 0)
    }

    @Test("https_proxy: the run goes through a CONNECT proxy, shows it in the console and summary.json; no_proxy bypasses it")
    func proxy() async throws {
        guard let certificates = TestCertificates.orSkip("proxy") else { return }
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        let target = try simulator(certificates) {
            $0["baseURL"] = .string($0["baseURL"]!.stringValue!.replacingOccurrences(of: "127.0.0.1", with: "localhost"))
            $0["tls"] = ["caFile": .string(certificates.caCertificate)]
        }
        defer { target.stop() }
        let through = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--jobs", "2"], environment: ["https_proxy": proxy.url])
        #expect(through.exitCode == 0, "\(through.stdout)\n\(through.stderr)")
        #expect(through.stdout.contains("through the proxy \(proxy.url)"))
        #expect(try through.summary()["proxy"] == .string(proxy.url))
        #expect(proxy.connectTargets.contains("localhost:\(target.server.port)"), "\(proxy.connectTargets)")

        let connects = proxy.connectTargets.count
        let bypassed = try await AsyncBinary.run(["run", "--config", target.configFile.path], environment: ["HTTPS_PROXY": proxy.url, "no_proxy": "example.test,.localhost"])
        #expect(bypassed.exitCode == 0, "\(bypassed.stdout)\n\(bypassed.stderr)")
        #expect(proxy.connectTargets.count == connects, "no_proxy must send localhost directly")
        #expect(try bypassed.summary()["proxy"] == nil || bypassed.summary()["proxy"] == .null)
    }
}

/// The schemes the exit-code and matrix suites run over: plain http, and https with the test CA.
enum Scheme: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case http, https

    var testDescription: String { rawValue }

    /// Arguments that make `run --simulator` serve this scheme and trust it; nil when https cannot be
    /// tested on this machine (the reason is printed).
    var simulatorArguments: [String]? {
        guard self == .https else { return [] }
        guard let certificates = TestCertificates.orSkip("https variant") else { return nil }
        return ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey, "--ca-file", certificates.caCertificate]
    }

    /// Makes `options` serve this scheme; false when https cannot be tested here.
    func apply(to options: inout SimulatorOptions) -> Bool {
        guard self == .https else { return true }
        guard let certificates = TestCertificates.orSkip("https variant") else { return false }
        options.tls = SimulatorTLS(certificate: certificates.serverCertificate, key: certificates.serverKey)
        return true
    }

    /// Adds what the configuration needs to trust the simulator.
    func configure(_ document: inout JSONObject) {
        guard self == .https, case .success(let certificates) = TestCertificates.shared else { return }
        document["tls"] = ["caFile": .string(certificates.caCertificate)]
    }
}

/// A server certificate, signed by the trusted CA, that the client must still refuse, and what the refusal says.
struct RefusedCertificate: Sendable, CustomTestStringConvertible {
    var name: String
    var files: @Sendable (TestCertificates) -> (certificate: String, key: String)
    var message: String
    var testDescription: String { name }

    static let all = [
        RefusedCertificate(name: "wrongHost", files: { ($0.wrongHostCertificate, $0.wrongHostKey) }, message: "does not name 127.0.0.1"),
        RefusedCertificate(name: "expired", files: { ($0.expiredCertificate, $0.expiredKey) }, message: "certificate has expired"),
    ]
}
