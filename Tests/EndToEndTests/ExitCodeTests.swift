import Foundation
import MySafeJSON
import MySafeSimulator
import Testing
import TestSupport

/// The exit codes (docs/DESIGN.md#exit-codes), through the built binary, against a simulator the test owns (so it can
/// compare the secrets' states before and after and count the requests received).
@Suite("Exit codes through the binary")
struct ExitCodeTests {
    @Test(
        "every profile passes with auto and explicit profile, over http and https, and the run leaves the simulator as it found it",
        arguments: SimulatorProfile.allCases, ProfileRun.allCases)
    func profilePasses(profile: SimulatorProfile, run: ProfileRun) async throws {
        let explicit = run == .explicit
        var options = SimulatorOptions()
        options.profile = profile
        guard run.scheme.apply(to: &options) else { return }
        let target = try OwnedSimulator(options: options, configure: run.scheme.configure)
        defer { target.stop() }
        let before = target.server.secretStates()
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--jobs", "4"] + (explicit ? ["--profile", profile.rawValue] : []))
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let summary = try SummaryView(result.summary())
        #expect(summary.exitCode == 0)
        #expect(summary.failedContractChecks.isEmpty, "\(summary.failedContractChecks)")
        #expect(summary.judgedContractOutcomes.allSatisfy { $0 == "passed" })
        #expect(summary.restoreAllVerified)
        if explicit || profile == .v3_32 {
            #expect(summary.detectedProfile == profile.rawValue)
        } else {
            #expect(summary.detectedProfile == "v3-33 or v4", "v3-33 and v4 answer alike: auto says so rather than guessing")
        }
        #expect(target.server.secretStates() == before, "the simulator's secrets differ after the run")
        #expect(target.server.requestCount > 0)
        #expect(summary.json["tlsVerified"] == (run.scheme == .https ? .bool(true) : .null))
    }

    /// How `profilePasses` runs: profile auto or named, over http; profile auto over https.
    enum ProfileRun: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case auto, explicit, autoOverHTTPS
        var testDescription: String { rawValue }
        var scheme: Scheme { self == .autoOverHTTPS ? .https : .http }
    }

    @Test("a deviating simulator gives exit 1 with the failing check named on stdout, in junit.xml and in summary.json", arguments: Scheme.allCases)
    func deviationFails(scheme: Scheme) async throws {
        guard let schemeArguments = scheme.simulatorArguments else { return }
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", "mirror-mensagem-differs", "--jobs", "4"] + schemeArguments)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("mirror.mensagem"))
        #expect(result.stdout.contains("Exit 1"))
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("type=\"mirror.mensagem\""))
        let summary = try SummaryView(result.summary())
        #expect(summary.exitCode == 1)
        #expect(summary.failedContractChecks.contains("mirror.mensagem"))
    }

    @Test("an unreachable target (a closed loopback port) gives 3, says why, and claims no restore")
    func unreachable() async throws {
        let port = try ClosedPort.find()
        let file = try OwnedSimulator.writeConfiguration(OwnedSimulator.demoConfiguration(baseURL: "http://127.0.0.1:\(port)"))
        let result = try await AsyncBinary.run(["run", "--config", file.path, "--request-timeout", "2"])
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("connection refused"))
        let summary = try SummaryView(result.summary())
        #expect(summary.exitCode == 3)
        #expect(summary.restoreAllVerified, "nothing reached the target, so nothing needs restoring")
    }

    @Test("a broken configuration gives 2, names the problem, and sends nothing", arguments: BrokenConfiguration.allCases)
    func brokenConfiguration(_ broken: BrokenConfiguration) async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let file = BinaryHarness.temporaryDirectory("config").appendingPathComponent("broken.json")
        try Data(broken.text(baseURL: target.server.baseURL).utf8).write(to: file)
        let result = try await AsyncBinary.run(["run", "--config", file.path])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains(broken.named), "stderr should name \(broken.named): \(result.stderr)")
        #expect(result.stderr.contains("nothing was sent"))
        #expect(target.server.requestCount == 0)
    }

    @Test("a case directory with an invalid file gives 2, names the file, and sends nothing")
    func brokenCases() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let cases = BinaryHarness.temporaryDirectory("cases")
        try FileManager.default.createDirectory(at: cases.appendingPathComponent("activate"), withIntermediateDirectories: true)
        try Data(#"{"id": 7, "title": "broken"}"#.utf8).write(to: cases.appendingPathComponent("activate/broken.json"))
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--cases", cases.path])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("broken.json"))
        #expect(result.stderr.contains("nothing was sent"))
        #expect(target.server.requestCount == 0)
    }

    @Test("--dry-run sends nothing and prints no secret")
    func dryRun() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--dry-run"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("nothing is sent"))
        #expect(result.stdout.contains("[REDACTED]"))
        for identity in DemoData.identities {
            #expect(!(result.stdout + result.stderr).contains(identity.clientSecret))
        }
        #expect(target.server.requestCount == 0)
    }

    @Test("--dry-run lists every generated request of the negative-space cases with the rule or method that produced it")
    func dryRunListsGeneratedRequests() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--dry-run", "--filter", "methods.*,identifiers.*,concurrency.*"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let fixture = DemoData.fixtureSecrets[0]
        let encoded = String(fixture).utf8.map { "%3" + String(UnicodeScalar($0)) }.joined()
        for line in [
            "/api/mysafe/secretapi/active/\(fixture)abc  [suffix \"abc\" → \(fixture)abc, not a decimal integer]",
            "/api/mysafe/secretapi/active/0\(fixture)  [prefix \"0\" → 0\(fixture), same number, another spelling]",
            "/api/mysafe/secretapi/active/%20\(fixture)  [prefix \" \" → %20\(fixture), not a decimal integer]",
            "/api/mysafe/secretapi/inactive/%D9%A4%D9%A3  [digits arabic-indic → %D9%A4%D9%A3, digits of another script]",
            "/api/mysafe/secretapi/active/4294967339  [add 4294967296 → 4294967339, another number]",
            "/api/mysafe/secretapi/active/\(encoded)  [percent-encode → \(encoded), same number, another spelling]",
            "/api/mysafe/secretapi/active/\(fixture)  [the id itself, the same URI: its answer is compared with the percent-encoded one's]",
            "state check (inactive, after every answer that is not a refusal and once after the whole batch)",
            "PUT \(target.server.baseURL)/api/mysafe/secretapi/active/\(fixture)  [PUT]",
            "HEAD \(target.server.baseURL)/api/mysafe/secretapi/inactive/\(fixture)  [HEAD]",
            "POST \(target.server.baseURL)/api/mysafe/secretapi/active/\(fixture) ×8, simultaneously",
            "state check (inactive, once after the whole batch)",
        ] {
            #expect(result.stdout.contains(line), "the plan does not list \(line)")
        }
        #expect(target.server.requestCount == 0)
    }

    @Test("a configuration without fixtures or identities judges no contract case: exit 3, saying what is missing")
    func skippedOnly() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        var document = OwnedSimulator.demoConfiguration(baseURL: target.server.baseURL)
        document["fixtures"] = nil
        document["identities"] = nil
        let file = try OwnedSimulator.writeConfiguration(document)
        let result = try await AsyncBinary.run(["run", "--config", file.path])
        #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("no contract case was judged"))
        #expect(result.stdout.contains("configure what is missing"))
        let summary = try SummaryView(result.summary())
        #expect(summary.contractOutcomes.allSatisfy { $0 == "skipped" })
    }

    @Test("without outsider the run passes; with --require-all the skipped cases make it exit 3", arguments: [false, true])
    func requireAll(_ requireAll: Bool) async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let before = target.server.secretStates()
        var document = OwnedSimulator.demoConfiguration(baseURL: target.server.baseURL)
        var identities = document["identities"]?.objectValue ?? JSONObject()
        identities["outsider"] = nil
        document["identities"] = .object(identities)
        let file = try OwnedSimulator.writeConfiguration(document)
        let result = try await AsyncBinary.run(["run", "--config", file.path, "--jobs", "4"] + (requireAll ? ["--require-all"] : []))
        #expect(result.exitCode == (requireAll ? 3 : 0), "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("outsider"))
        #expect(target.server.secretStates() == before)
    }

    @Test("--filter that matches no case gives 2 and sends nothing")
    func filterWithoutMatch() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--filter", "nothing.matches-*"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("no case matches --filter nothing.matches-*"))
        #expect(target.server.requestCount == 0)
    }
}

/// Configuration files that must be refused before anything is sent.
enum BrokenConfiguration: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case syntaxError
    case unknownKey
    case missingEnvironmentVariable

    var testDescription: String { rawValue }

    func text(baseURL: String) -> String {
        switch self {
        case .syntaxError:
            return #"{"baseURL": "\#(baseURL)", "identities": {"owner": {"clientId": "demo-owner",, }}"#
        case .unknownKey:
            var document = OwnedSimulator.demoConfiguration(baseURL: baseURL)
            document["requestTimeout"] = 5
            return JSONWriter().string(.object(document))
        case .missingEnvironmentVariable:
            var document = OwnedSimulator.demoConfiguration(baseURL: baseURL)
            document["identities"] = ["owner": ["clientId": "demo-owner", "clientSecretEnv": "MYSAFE_E2E_NEVER_SET_SECRET"]]
            return JSONWriter().string(.object(document))
        }
    }

    /// What the error message must name.
    var named: String {
        switch self {
        case .syntaxError: return "broken.json"
        case .unknownKey: return "requestTimeout"
        case .missingEnvironmentVariable: return "MYSAFE_E2E_NEVER_SET_SECRET"
        }
    }
}

// MARK: - Helpers shared by the end-to-end suites of this file and DeviationMatrixTests

/// A simulator started in this test process, with its configuration written to a file for `run --config`.
final class OwnedSimulator: Sendable {
    let server: SimulatorServer
    let configFile: URL

    init(options: SimulatorOptions = SimulatorOptions(), configure: (inout JSONObject) -> Void = { _ in }) throws {
        server = SimulatorServer(options: options)
        try server.start()
        var document = server.configuration().objectValue ?? JSONObject()
        configure(&document)
        configFile = try Self.writeConfiguration(document)
    }

    func stop() { server.stop() }

    /// The demo configuration (owner, outsider, fixtures) for any base URL.
    static func demoConfiguration(baseURL: String) -> JSONObject {
        var document = SimulatorServer().configuration().objectValue ?? JSONObject()
        document["baseURL"] = .string(baseURL)
        return document
    }

    static func writeConfiguration(_ document: JSONObject) throws -> URL {
        let file = BinaryHarness.temporaryDirectory("config").appendingPathComponent("mysafe-conformance.json")
        try Data(JSONWriter(pretty: true).string(.object(document)).utf8).write(to: file)
        return file
    }
}


/// Runs the binary off the cooperative thread pool, a few at a time, so parameterised tests
/// overlap without starving each other on a small machine.
enum AsyncBinary {
    private static let slots = Slots(4)

    /// `limited: false` starts at once (for the one long `matrix` run, which should overlap everything else).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120, limited: Bool = true) async throws -> BinaryHarness.Result {
        if limited { await slots.acquire() }
        defer { if limited { Task { await slots.release() } } }
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try BinaryHarness.run(arguments, environment: environment, timeout: timeout) })
            }
        }
    }

    /// A counting semaphore for async code.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []
        init(_ count: Int) { free = count }
        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }
}

/// `summary.json` read the way these tests need it.
struct SummaryView {
    var json: JSONValue
    init(_ json: JSONValue) { self.json = json }

    var exitCode: Int? { json["exitCode"]?.intValue }
    var detectedProfile: String? { json["profile"]?["detected"]?.stringValue }
    var cases: [JSONValue] { json["cases"]?.arrayValue ?? [] }
    var contract: [JSONValue] { cases.filter { $0["kind"]?.stringValue == "contract" } }
    var contractOutcomes: [String] { contract.compactMap { $0["outcome"]?.stringValue } }
    /// Contract outcomes without the `*.expired-token` cases skipped because tokens live longer than
    /// `token.expiryWaitSeconds` allows a case to wait (the simulator's default hour; docs/EVIDENCE.md#harm).
    var judgedContractOutcomes: [String] {
        contract.filter { item in
            !((item["id"]?.stringValue ?? "").hasSuffix(".expired-token") && item["outcome"] == "skipped"
                && (item["reason"]?.stringValue ?? "").contains("token.expiryWaitSeconds"))
        }.compactMap { $0["outcome"]?.stringValue }
    }
    var restoreAllVerified: Bool { (json["restore"]?.arrayValue ?? []).allSatisfy { $0["verified"] == .bool(true) } }

    /// Every failed check of a contract case.
    var failedContractChecks: [String] {
        contract.flatMap { item in (item["steps"]?.arrayValue ?? []).flatMap { ($0["failures"]?.arrayValue ?? []).compactMap { $0["check"]?.stringValue } } }
    }

    /// (case, check) pairs of failed checks marked harm (docs/EVIDENCE.md#harm), in any case that failed, probes included.
    var harmCatches: Set<Catcher> {
        var found: Set<Catcher> = []
        for item in cases where item["outcome"]?.stringValue == "failed" {
            guard let id = item["id"]?.stringValue else { continue }
            for step in item["steps"]?.arrayValue ?? [] {
                for failure in step["failures"]?.arrayValue ?? [] where failure["harm"]?.objectValue != nil {
                    if let check = failure["check"]?.stringValue { found.insert(Catcher(case: id, check: check)) }
                }
            }
        }
        return found
    }

    /// (case, check) pairs that caught something: a failed check of a contract case that failed, a warning
    /// of a contract case, or the transport problem observed by a contract case without a verdict.
    var catches: Set<Catcher> {
        var found: Set<Catcher> = []
        // A warning (a broken inferred expectation) catches too, at the grade the documents allow.
        for item in contract {
            guard let id = item["id"]?.stringValue else { continue }
            for warning in item["warnings"]?.arrayValue ?? [] {
                if let check = warning["check"]?.stringValue { found.insert(Catcher(case: id, check: check)) }
            }
        }
        for item in contract {
            guard let id = item["id"]?.stringValue, let outcome = item["outcome"]?.stringValue, outcome == "failed" || outcome == "error" else { continue }
            for step in item["steps"]?.arrayValue ?? [] {
                for failure in step["failures"]?.arrayValue ?? [] {
                    if let check = failure["check"]?.stringValue { found.insert(Catcher(case: id, check: check)) }
                }
            }
            if outcome == "error" {
                for observation in item["transportErrors"]?.arrayValue ?? [] {
                    if let check = observation["check"]?.stringValue, check.hasPrefix("transport.") { found.insert(Catcher(case: id, check: check)) }
                }
            }
        }
        return found
    }
}

/// A case and the check by which it caught a deviation.
struct Catcher: Hashable, Sendable, CustomStringConvertible {
    var `case`: String
    var check: String
    var description: String { "\(`case`): \(check)" }
}
