import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// No request the suite sends carries a client id, a client secret or a token in its request line
/// (RFC 6749 §2.3.1; README, "Pointing it at a deployment"): the target's and every proxy's access logs keep
/// request lines. The simulator records every line it receives and every token it issues; the whole
/// catalogue runs against it, and `--dry-run`'s printed request lines are searched the same way.
@Suite("No credential in a request line")
struct RequestLineCredentialTests {
    /// What must never be in a URL: each identity's client id and client secret, raw and form-encoded.
    static var planted: [String] {
        DemoData.identities.flatMap { [$0.clientId, $0.clientSecret, Self.formEncoded($0.clientSecret)] } + ["client_secret", "client_id"]
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The configured token endpoint and whether the documented GET endpoint issues tokens.
    static let setups: [(label: String, token: [String: JSONValue], documentedGET: Bool)] = [
        ("POST with form credentials, documented GET served", ["path": "/api/oauth2/token", "method": "POST", "clientAuth": "body"], true),
        ("GET configured (Basic)", ["path": "/api/oauth2/token", "method": "GET"], true),
        ("POST with Basic, documented GET not served", ["path": "/api/oauth2/token", "method": "POST", "clientAuth": "basic"], false),
    ]

    @Test("the whole catalogue: no planted credential and no issued token in any request line the target received", arguments: 0..<setups.count)
    func wholeCatalogue(_ index: Int) throws {
        let setup = Self.setups[index]
        var options = SimulatorOptions()
        options.recordsTraffic = true
        if setup.documentedGET { options.variations = [.documentedTokenEndpoint] }
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let directory = BinaryHarness.temporaryDirectory("request-lines")
        defer { try? FileManager.default.removeItem(at: directory) }
        var document = server.configuration().objectValue ?? JSONObject()
        document["token"] = .object(JSONObject(setup.token.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: $0.value) }))
        let config = directory.appendingPathComponent("config.json")
        try Data(JSONWriter.prettySorted.string(.object(document)).utf8).write(to: config)

        let result = try BinaryHarness.run(["run", "--config", config.path, "--jobs", "2", "--quiet"])
        #expect([0, 1].contains(result.exitCode), "\(setup.label): exit \(result.exitCode)\n\(result.stdout.suffix(1500))")
        let lines = server.receivedRequestLines()
        let tokens = server.issuedTokens()
        #expect(lines.count > 150, "\(setup.label): the whole catalogue was sent (\(lines.count) request lines)")
        #expect(!tokens.isEmpty, "\(setup.label): tokens were issued")
        if setup.documentedGET {
            #expect(lines.contains { $0.hasPrefix("GET /api/oauth2/token") }, "\(setup.label): the documented GET probe was sent")
        }
        for line in lines {
            for planted in Self.planted {
                #expect(!line.contains(planted), "\(setup.label): the request line \(line.prefix(200)) carries \(planted)")
            }
            for token in tokens {
                #expect(!line.contains(token), "\(setup.label): the request line \(line.prefix(200)) carries an issued token")
            }
        }

        // The dry run of the same configuration prints the request lines it would send: none carries a credential.
        let dry = try BinaryHarness.run(["run", "--config", config.path, "--dry-run"])
        #expect(dry.exitCode == 0, "\(dry.stdout.suffix(800))\(dry.stderr)")
        #expect(dry.stdout.contains("GET \(server.baseURL)/api/oauth2/token with owner's client id and its client secret in a Basic header"))
        for line in dry.stdout.split(separator: "\n") where line.contains(server.baseURL) {
            for planted in Self.planted {
                #expect(!line.contains(planted), "\(setup.label): the dry-run line \(line.prefix(200)) carries \(planted)")
            }
            #expect(!line.contains("?"), "\(setup.label): the dry-run line \(line.prefix(200)) carries a query")
        }
    }
}
