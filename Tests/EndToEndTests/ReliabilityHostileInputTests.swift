import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// Malformed and adversarial configuration files and case directories: a clear message, exit 2,
/// and nothing sent (the simulator the configuration names counts zero requests).
@Suite("Reliability: hostile input")
struct ReliabilityHostileInputTests {
    /// A configuration file's bytes (`@URL@` stands for the simulator's base URL) and what stderr must say.
    struct HostileConfiguration: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable (String) -> [UInt8]
        var says: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, says: String) {
            self.name = name
            self.bytes = { Array(text.replacingOccurrences(of: "@URL@", with: $0).utf8) }
            self.says = says
        }

        init(_ name: String, bytes: @escaping @Sendable (String) -> [UInt8], says: String) {
            self.name = name
            self.bytes = bytes
            self.says = says
        }
    }

    static let owner = #""identities":{"owner":{"clientId":"demo-owner","clientSecret":"owner-secret-FAKE-0001"}},"fixtures":{"secrets":[43]}"#

    static let configurations: [HostileConfiguration] = [
        HostileConfiguration("syntax error", #"{"baseURL": "@URL@", "profile": "auto" "#, says: "line 1, column"),
        HostileConfiguration("trailing comma", #"{"baseURL": "@URL@",}"#, says: "expected a member name"),
        HostileConfiguration(
            "deep nesting", #"{"baseURL": "@URL@", "token": "# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}",
            says: "nesting deeper than"),
        HostileConfiguration("huge number", #"{"baseURL": "@URL@", "requestTimeoutSeconds": 1e999}"#, says: "out of range"),
        HostileConfiguration("huge id", #"{"baseURL": "@URL@", "fixtures": {"secrets": [123456789012345678901234567890]}}"#, says: "expected a non-negative integer id"),
        HostileConfiguration("negative id", #"{"baseURL": "@URL@", "fixtures": {"secrets": [-43]}}"#, says: "expected a non-negative integer id"),
        HostileConfiguration("wrong type: secrets", #"{"baseURL": "@URL@", "fixtures": {"secrets": "43"}}"#, says: "$.fixtures.secrets: expected an array"),
        HostileConfiguration("wrong type: baseURL", #"{"baseURL": 8080}"#, says: "$.baseURL: expected a string URL"),
        HostileConfiguration("wrong type: timeout", #"{"baseURL": "@URL@", "requestTimeoutSeconds": "10"}"#, says: "$.requestTimeoutSeconds"),
        HostileConfiguration("not an object", #"["@URL@"]"#, says: "expected a JSON object"),
        HostileConfiguration("empty file", "", says: "empty"),
        HostileConfiguration("NUL inside a string", bytes: { Array(#"{"baseURL": "\#($0)"#.utf8) + [0] + Array(#""}"#.utf8) }, says: ": the file contains a NUL byte; configuration files are JSON text"),
        HostileConfiguration("NUL after the document", bytes: { Array(#"{"baseURL": "\#($0)"}"#.utf8) + [0, 0] }, says: ": the file contains a NUL byte; configuration files are JSON text"),
        HostileConfiguration("invalid UTF-8", bytes: { Array(#"{"baseURL": "\#($0)", "profile": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8) }, says: "UTF-8"),
        HostileConfiguration(
            "a 10 MB file",
            bytes: { Array(#"{"baseURL": "\#($0)", "profile": ""#.utf8) + [UInt8](repeating: 0x61, count: 10_000_000) + Array(#""}"#.utf8) },
            says: "at most 1 MiB"),
        HostileConfiguration("unknown key", #"{"baseUrl": "URL"}"#, says: "$.baseUrl: unknown key \"baseUrl\"; did you mean \"baseURL\"?"),
        HostileConfiguration("unknown nested key", #"{"baseURL": "@URL@", "fixtures": {"secret": [43]}}"#, says: "$.fixtures.secret: unknown key"),
        HostileConfiguration("duplicate fixture", #"{"baseURL": "@URL@", "fixtures": {"secrets": [43], "foreignSecret": 43}}"#, says: "must be distinct"),
        HostileConfiguration("unset credential variable", #"{"baseURL": "@URL@", "identities": {"owner": {"clientIdEnv": "MYSAFE_FUZZ_UNSET_ID", "clientSecretEnv": "MYSAFE_FUZZ_UNSET"}}}"#, says: "is not set or empty"),
        HostileConfiguration("synthetic identity", #"{"baseURL": "@URL@", "identities": {"forged": {"clientId": "a", "clientSecret": "b"}}}"#, says: "synthetic identity"),
        HostileConfiguration("unknown profile", #"{"baseURL": "@URL@", "profile": "v5", "# + owner + "}", says: "profile 'v5' is not known"),
        HostileConfiguration("tls.caFile that does not exist", #"{"baseURL": "@URL@", "tls": {"caFile": "/etc/ssl/no-such-ca.pem"}, "# + owner + "}", says: "tls.caFile: /etc/ssl/no-such-ca.pem: no such file"),
        HostileConfiguration("tls not an object", #"{"baseURL": "@URL@", "tls": true}"#, says: "$.tls: expected an object"),
        HostileConfiguration("tls.insecureSkipVerify not a boolean", #"{"baseURL": "@URL@", "tls": {"insecureSkipVerify": "yes"}}"#, says: "expected true or false"),
        HostileConfiguration("misspelled tls key", #"{"baseURL": "@URL@", "tls": {"cacert": "/ca.pem"}}"#, says: "keys caFile, clientCertificate, clientKey and insecureSkipVerify"),
        HostileConfiguration("caFile outside tls", #"{"baseURL": "@URL@", "caFile": "/etc/ssl/my-ca.pem"}"#, says: "TLS settings go in the \"tls\" object"),
        HostileConfiguration("insecureSkipVerify outside tls", #"{"baseURL": "@URL@", "insecureSkipVerify": true}"#, says: "see README, 'TLS'"),
    ]

    @Test("a hostile configuration file: clear message, exit 2, nothing sent", arguments: configurations)
    func hostileConfiguration(_ hostile: HostileConfiguration) throws {
        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let file = try Reliability.writeFile(hostile.bytes(server.baseURL), name: "config.json")
        let result = try BinaryHarness.run(["run", "--config", file], timeout: 60)
        #expect(result.exitCode == 2, "stdout: \(result.stdout)\nstderr: \(result.stderr.prefix(2000))")
        #expect(result.stderr.contains(hostile.says), "stderr: \(result.stderr.prefix(2000))")
        #expect(result.stderr.contains("nothing was sent") || result.stderr.contains("error:"))
        #expect(result.stderr.utf8.count < 20_000, "the message must stay readable")
        #expect(server.requestCount == 0)
    }

    /// Configurations that name a host other than loopback (nothing can be counted there; the
    /// refusal itself, before any connection, is the proof).
    @Test(
        "non-loopback targets: inline secrets and plain http are refused, misplaced TLS keys point at the tls object",
        arguments: [
            (#"{"baseURL": "https://pam.example.com", "identities": {"owner": {"clientId": "a", "clientSecret": "b"}}}"#, "an inline clientSecret is refused for a target that is not loopback"),
            (#"{"baseURL": "http://pam.example.com"}"#, "pass --allow-insecure-http"),
            (#"{"baseURL": "http://10.1.2.3:8080"}"#, "would send credentials in clear"),
            (#"{"baseURL": "https://pam.example.com", "TLS": {"insecure": true}}"#, "see README, 'TLS'"),
            (#"{"baseURL": "https://pam.example.com", "ca_file": "/ca.pem"}"#, "see README, 'TLS'"),
        ])
    func nonLoopback(_ text: String, _ says: String) throws {
        let file = try Reliability.writeFile(Array(text.utf8), name: "config.json")
        let result = try BinaryHarness.run(["run", "--config", file], timeout: 60)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(says), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("nothing was sent"))
    }

    @Test("plain http to a non-loopback host: refused by default, allowed with --allow-insecure-http (dry run)")
    func insecureHTTPFlag() throws {
        let environment = ["MYSAFE_CLIENT_ID": "id", "MYSAFE_CLIENT_SECRET": "secret-value-xyz"]
        let refused = try BinaryHarness.run(["run", "--base-url", "http://pam.example.com", "--dry-run"], environment: environment)
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("--allow-insecure-http"))
        let allowed = try BinaryHarness.run(
            ["run", "--base-url", "http://pam.example.com", "--dry-run", "--allow-insecure-http"], environment: environment)
        #expect(allowed.exitCode == 0, "stderr: \(allowed.stderr)")
        #expect(!allowed.stdout.contains("secret-value-xyz"))
    }

    /// A broken case file next to valid ones, and what stderr must say.
    static let brokenCases: [(name: String, bytes: [UInt8], says: String)] = [
        ("syntax error", Array(#"{"id": "activate.broken", "#.utf8), "activate/broken.json"),
        ("NUL bytes", [0x7B, 0x00, 0x7D], "NUL byte"),
        ("deep nesting", Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8), "activate/broken.json"),
        ("wrong types", Array(#"{"id": 7, "title": [], "kind": "contract", "steps": {}}"#.utf8), "activate/broken.json"),
        ("a 10 MB file", [UInt8](repeating: 0x20, count: 10_000_000), "activate/broken.json"),
        ("invalid UTF-8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "activate/broken.json"),
    ]

    @Test("a hostile case directory: validate and run both exit 2 and name the file; nothing sent", arguments: 0..<brokenCases.count)
    func hostileCases(_ index: Int) throws {
        let broken = Self.brokenCases[index]
        let directory = BinaryHarness.temporaryDirectory("cases")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("activate"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Reliability.repositoryRoot.appendingPathComponent("Cases/activate/not-found.json"),
            to: directory.appendingPathComponent("activate/not-found.json"))
        try Data(broken.bytes).write(to: directory.appendingPathComponent("activate/broken.json"))

        let validate = try BinaryHarness.run(["validate", "--cases", directory.path], timeout: 60)
        #expect(validate.exitCode == 2, "\(broken.name): \(validate.stderr.prefix(2000))")
        #expect(validate.stderr.contains(broken.says), "\(broken.name): \(validate.stderr.prefix(2000))")

        let server = SimulatorServer()
        try server.start()
        defer { server.stop() }
        let config = try Reliability.writeConfiguration(Reliability.configuration(of: server))
        let run = try BinaryHarness.run(["run", "--config", config, "--cases", directory.path], timeout: 60)
        #expect(run.exitCode == 2, "\(broken.name): \(run.stderr.prefix(2000))")
        #expect(run.stderr.contains("nothing was sent"))
        #expect(server.requestCount == 0)
    }

    @Test("a sample of mutated case and configuration files through the binary: exit 0 or 2, never a crash")
    func fuzzThroughTheBinary() throws {
        var mutator = SampleMutator(seed: 0xB1AB)
        let original = try Data(contentsOf: Reliability.repositoryRoot.appendingPathComponent("Cases/activate/success.json"))
        let configuration = Array(#"{"baseURL": "http://127.0.0.1:9", "identities": {"owner": {"clientId": "demo-owner", "clientSecret": "owner-secret-FAKE-0001"}}, "fixtures": {"secrets": [43], "missingSecret": 99}, "requestTimeoutSeconds": 1}"#.utf8)
        for round in 0..<12 {
            let directory = BinaryHarness.temporaryDirectory("fuzz-cases")
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("activate"), withIntermediateDirectories: true)
            try Data(mutator.mutate(Array(original))).write(to: directory.appendingPathComponent("activate/success.json"))
            let validate = try BinaryHarness.run(["validate", "--cases", directory.path], timeout: 30)
            #expect([0, 2].contains(validate.exitCode), "round \(round): validate exited \(validate.exitCode): \(validate.stderr.prefix(1000))")

            let file = try Reliability.writeFile(mutator.mutate(configuration), name: "config.json")
            let dryRun = try BinaryHarness.run(["run", "--dry-run", "--config", file], timeout: 30)
            #expect([0, 2].contains(dryRun.exitCode), "round \(round): run --dry-run exited \(dryRun.exitCode): \(dryRun.stderr.prefix(1000))")
        }
    }
}

/// Byte flips, deletions, duplications and truncations from a seed (SplitMix64).
struct SampleMutator {
    private var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func below(_ bound: Int) -> Int { random.below(bound) }

    mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0...below(3) where !bytes.isEmpty {
            let at = below(bytes.count)
            switch below(5) {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
            case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + below(64))], at: at)
            case 3: bytes.insert(contentsOf: [[0], [0xFF], Array("\"".utf8), Array("1e999".utf8)][below(4)], at: at)
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }
}
