import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator
import Testing

/// The configured client secrets and every access token issued during a run never appear in
/// stdout, stderr or any file under the report directory: passing, failing, erroring and dry runs.
@Suite("Reliability: canary credentials through the binary")
struct ReliabilityCanaryTests {
    /// The simulator's demo secrets are the configured secrets: they are the canaries.
    static let secrets = [DemoData.owner.clientSecret, DemoData.outsider.clientSecret]

    /// Every form a client secret may take on the wire or in a report.
    static var forbidden: [String] {
        var forms = secrets + ["secret-FAKE"]
        for identity in DemoData.identities {
            forms.append(Data("\(identity.clientId):\(identity.clientSecret)".utf8).base64EncodedString())
            forms.append(Data(identity.clientSecret.utf8).base64EncodedString())
        }
        return forms
    }

    /// Issued tokens are 32 lowercase hex digits: any such run standing alone in output is a leak.
    static func tokenLike(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "(?<![0-9a-fA-F])[0-9a-f]{32}(?![0-9a-fA-F])")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func expectNoCanary(_ result: BinaryHarness.Result, label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var outputs = ["stdout": result.stdout, "stderr": result.stderr]
        for (path, text) in result.reportFiles() { outputs[path] = text }
        for (name, text) in outputs {
            for canary in forbidden {
                #expect(!text.contains(canary), "\(label): \(name) contains the canary \(canary)", sourceLocation: sourceLocation)
            }
            let tokens = tokenLike(text)
            #expect(tokens.isEmpty, "\(label): \(name) contains token-like values \(tokens.prefix(3))", sourceLocation: sourceLocation)
        }
    }

    @Test("the simulator's tokens are what the detector looks for")
    func detectorPremise() async throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let body = "grant_type=client_credentials&client_id=\(DemoData.owner.clientId)&client_secret=\(DemoData.owner.clientSecret)"
        let token = try await Self.fetchToken(HTTPRequest(
            method: "POST", url: server.baseURL + "/api/oauth2/token",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)))
        #expect(Self.tokenLike("x \(token) y") == [token])
        #expect(Self.tokenLike(String(repeating: "ab", count: 32)).isEmpty, "a SHA-256 digest is not a token")
    }

    @Test(
        "no secret nor token in any output",
        arguments: [
            ("passing run", [], "body", false),
            ("failing run, Basic client authentication", [Deviation.mirrorMensagemDiffers, .wrongSecretIssuesToken], "basic", false),
            ("error run", [Deviation.connectionReset], "body", false),
            ("verbose run", [Deviation.forgedTokenAccepted], "body", true),
        ] as [(String, [Deviation], String, Bool)])
    func noCanary(_ label: String, _ deviations: [Deviation], _ clientAuth: String, _ verbose: Bool) throws {
        var options = SimulatorOptions()
        options.deviations = Set(deviations)
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let config = try Reliability.writeConfiguration(Reliability.configuration(
            of: server, replacing: ["token": ["path": "/api/oauth2/token", "method": "POST", "clientAuth": .string(clientAuth)]]))
        let result = try BinaryHarness.run(["run", "--config", config, "--request-timeout", "2"] + (verbose ? ["--verbose"] : []), timeout: 90)
        #expect(result.exitCode != 2 && result.exitCode < 128, "\(label): exit \(result.exitCode): \(result.stderr)")
        #expect(server.requestCount > 0)
        if deviations.isEmpty { #expect(result.exitCode == 0) }
        Self.expectNoCanary(result, label: label)
        // The token exchanges were recorded, redacted.
        let transcripts = result.reportFiles().filter { $0.key.contains("/transcripts/") }.values.joined()
        #expect(transcripts.contains("[REDACTED]"))
    }

    @Test("the GET token endpoint (configured and probed, as 001 documents it): credentials in a Basic header, never in the query, and appear nowhere")
    func getTokenEndpointCredentials() throws {
        var options = SimulatorOptions()
        options.variations = [.documentedTokenEndpoint]
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let config = try Reliability.writeConfiguration(Reliability.configuration(
            of: server, replacing: ["token": ["path": "/api/oauth2/token", "method": "GET"]]))
        let result = try BinaryHarness.run(["run", "--config", config, "--request-timeout", "2"], timeout: 90)
        #expect(result.exitCode == 0, "exit \(result.exitCode): \(result.stdout.suffix(1500))")
        Self.expectNoCanary(result, label: "GET token endpoint")
        let transcripts = result.reportFiles().filter { $0.key.contains("/transcripts/") }.values.joined()
        #expect(transcripts.contains("/api/oauth2/token?grant_type=client_credentials\n"))
        #expect(!transcripts.contains("client_secret"), "no client_secret field anywhere: the credentials are in a Basic header")
        let probe = result.reportFiles().first { $0.key.hasSuffix("auth.token-documented-endpoint.txt") }?.value ?? ""
        #expect(probe.contains("GET ") && probe.contains("Authorization: Basic [REDACTED]"), "the D5 probe's transcript: \(probe.prefix(600))")
    }

    @Test("a dry run prints the plan without a secret")
    func dryRun() throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let config = try Reliability.writeConfiguration(Reliability.configuration(of: server))
        let result = try BinaryHarness.run(["run", "--config", config, "--dry-run"])
        #expect(result.exitCode == 0)
        #expect(server.requestCount == 0)
        Self.expectNoCanary(result, label: "dry run")
    }

    /// The access token in the answer to `request`, sent through the suite's own transport.
    static func fetchToken(_ request: HTTPRequest) async throws -> String {
        let response = try await SocketTransport().send(request, timeout: 10)
        let json = try JSONParser.parse(response.body)
        return try #require(json["access_token"]?.stringValue)
    }
}
