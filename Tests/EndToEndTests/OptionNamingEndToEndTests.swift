import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// One name for one thing, through the binary: fleet takes run's per-target options, a flag's bad value
/// is the flag's problem, a dry run needs no credentials, and the console says what a user would miss.
@Suite("Command line: run's options in fleet, problems at their source, dry runs without credentials")
struct OptionNamingEndToEndTests {
    /// A configuration whose credentials come from variables the test does not set.
    static func configurationNeedingCredentials(baseURL: String, name: String = "sp-prod") -> JSONValue {
        [
            "name": .string(name), "baseURL": .string(baseURL),
            "identities": [
                "owner": ["clientIdEnv": "MYSAFE_OWNER_CLIENT_ID", "clientSecretEnv": "MYSAFE_OWNER_CLIENT_SECRET"],
                "outsider": ["clientIdEnv": "MYSAFE_OUTSIDER_CLIENT_ID", "clientSecretEnv": "MYSAFE_OUTSIDER_CLIENT_SECRET"],
            ],
            "fixtures": ["secrets": [43], "foreignSecret": 44, "missingSecret": 2_147_483_647],
        ]
    }

    static func write(_ document: JSONValue, in directory: URL, as name: String) throws -> URL {
        let file = directory.appendingPathComponent(name)
        try Data(JSONWriter(pretty: true).string(document).utf8).write(to: file)
        return file
    }

    @Test("a bad --base-url is the flag's problem, not the (right) configuration file's")
    func flagProblemNamesTheFlag() async throws {
        let directory = TestDirectory.make("flag-problem")
        defer { TestDirectory.remove(directory) }
        let file = try Self.write(Self.configurationNeedingCredentials(baseURL: "https://pam.example.com"), in: directory, as: "good.json")
        let result = try await AsyncBinary.run(["run", "--config", file.path, "--base-url", "htp://pam.example.com", "--dry-run"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("error: --base-url: unsupported scheme 'htp'"), "\(result.stderr)")
        #expect(!result.stderr.contains("good.json: error: $.baseURL"), "\(result.stderr)")
    }

    @Test("run --dry-run without credentials: the plan with placeholders, a note naming each unset variable, exit 0, nothing sent")
    func dryRunWithoutCredentials() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let directory = TestDirectory.make("dry-run")
        defer { TestDirectory.remove(directory) }
        let file = try Self.write(Self.configurationNeedingCredentials(baseURL: target.server.baseURL), in: directory, as: "sp-prod.json")
        let before = target.server.requestCount
        let result = try await AsyncBinary.run(["run", "--config", file.path, "--dry-run", "--jobs", "4"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        for variable in ["MYSAFE_OWNER_CLIENT_ID", "MYSAFE_OWNER_CLIENT_SECRET", "MYSAFE_OUTSIDER_CLIENT_ID", "MYSAFE_OUTSIDER_CLIENT_SECRET"] {
            #expect(result.stdout.contains("  \(variable) (identities."), "the note does not name \(variable)")
        }
        #expect(result.stdout.contains("Credentials not set"))
        #expect(result.stdout.contains("--jobs 4: only 1 fixture secret is configured"), "\(result.stdout.prefix(1500))")
        #expect(result.stdout.contains("POST \(target.server.baseURL)/api/mysafe/secretapi/active/43"))
        #expect(target.server.requestCount == before, "a dry run sent requests")
        // The real run refuses to start without them, each named in the file.
        let real = try await AsyncBinary.run(["run", "--config", file.path])
        #expect(real.exitCode == 2)
        #expect(real.stderr.contains("$.identities.owner.clientSecretEnv: environment variable MYSAFE_OWNER_CLIENT_SECRET is not set"))
        #expect(target.server.requestCount == before)
    }

    @Test("fleet --dry-run: every target's plan (with --profile), a target that cannot run named, exit 2, nothing sent")
    func fleetDryRun() async throws {
        let fleet = try FleetFixture("fleet-dry-run", [FleetFixture.simulator("sp-prod"), .unconfigured("lost")])
        defer { fleet.stop() }
        let result = try await AsyncBinary.run(["fleet", fleet.file.path, "--dry-run", "--profile", "v3-32", "--filter", "activate.success", "--report-dir", fleet.directory.appendingPathComponent("reports").path])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("== sp-prod ("))
        #expect(result.stdout.contains("Profile: v3-32"))
        #expect(result.stdout.contains("activate.success [contract]"))
        #expect(result.stdout.contains("== lost (") && result.stdout.contains("cannot run: configuration error:"))
        #expect(result.stdout.contains("1 cannot run (lost): exit 2"))
        #expect(fleet.servers.allSatisfy { $0.requestCount == 0 }, "a dry run sent requests")
        #expect(!FileManager.default.fileExists(atPath: fleet.directory.appendingPathComponent("reports/fleet.json").path))
    }

    @Test("fleet applies run's options to every target: --profile, --verbose, the target's name; fleet and merge append to GITHUB_STEP_SUMMARY")
    func fleetRunOptions() async throws {
        let fleet = try FleetFixture("fleet-options", [FleetFixture.simulator("sp-prod"), FleetFixture.simulator("lab-v4")])
        defer { fleet.stop() }
        // A configuration with a name of its own: the fleet entry's name names its reports.
        let labFile = fleet.directory.appendingPathComponent("lab-v4.json")
        var lab = try #require(try JSONParser.parse(Array(Data(contentsOf: labFile))).objectValue)
        lab["name"] = "laboratory"
        try Data(JSONWriter(pretty: true).string(.object(lab)).utf8).write(to: labFile)
        let reports = fleet.directory.appendingPathComponent("reports")
        let stepSummary = fleet.directory.appendingPathComponent("step-summary.md")
        _ = FileManager.default.createFile(atPath: stepSummary.path, contents: nil)
        let result = try await AsyncBinary.run(
            ["fleet", fleet.file.path, "--profile", "v4", "--verbose", "--filter", "activate.success", "--report-dir", reports.path],
            environment: ["GITHUB_STEP_SUMMARY": stepSummary.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("[sp-prod] ✔ PASS  activate.success"), "\(result.stdout)")
        #expect(result.stdout.contains("[lab-v4] ✔ PASS  activate.success"))
        let summary = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("sp-prod/summary.json"))))
        #expect(summary["profile"]?["requested"]?.stringValue == "v4")
        #expect(summary["name"]?.stringValue == "sp-prod")
        let labSummary = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("lab-v4/summary.json"))))
        #expect(labSummary["name"]?.stringValue == "lab-v4", "the fleet entry's name wins in the target's reports")
        let page = try String(contentsOf: stepSummary, encoding: .utf8)
        #expect(page.contains("MySafe conformance fleet"), "fleet wrote nothing to GITHUB_STEP_SUMMARY")

        // merge, with the former --out: it works, with a note; the page gets the merged matrix too.
        let merged = fleet.directory.appendingPathComponent("merged")
        try Data().write(to: stepSummary)
        let merge = try await AsyncBinary.run(
            ["merge", reports.appendingPathComponent("sp-prod").path, reports.appendingPathComponent("lab-v4").path, "--out", merged.path],
            environment: ["GITHUB_STEP_SUMMARY": stepSummary.path])
        #expect(merge.exitCode == 0)
        #expect(merge.stderr.contains("note: merge: --out is deprecated and will be removed; use --report-dir"))
        #expect(FileManager.default.fileExists(atPath: merged.appendingPathComponent("fleet.json").path))
        let mergedMatrix = try JSONParser.parse(Array(Data(contentsOf: merged.appendingPathComponent("fleet.json"))))
        #expect(mergedMatrix["targets"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["sp-prod", "lab-v4"], "merge of the fleet's directories names the targets as the fleet did")
        #expect(try String(contentsOf: stepSummary, encoding: .utf8).contains("MySafe conformance fleet"))

        let bogus = try await AsyncBinary.run(["fleet", fleet.file.path, "--profile", "v5", "--report-dir", reports.path])
        #expect(bogus.exitCode == 2)
        #expect(bogus.stderr.contains("error: --profile: profile 'v5' is not known"), "\(bogus.stderr)")
        let requests = fleet.servers.map(\.requestCount)
        let missing = try await AsyncBinary.run(["fleet", fleet.file.path, "--ca-file", "/no/such/ca.pem", "--report-dir", reports.path])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.split(separator: "\n").filter { $0.contains("no such file") } == ["error: --ca-file: /no/such/ca.pem: no such file (a PEM file is expected)"], "once, before any target: \(missing.stderr)")
        #expect(fleet.servers.map(\.requestCount) == requests, "nothing was sent")
    }

    @Test("merge --report-dir and compare --report-dir work; an option another command spells gets a did-you-mean naming it")
    func unknownOptionAdvice() async throws {
        let result = try await AsyncBinary.run(["merge", "somewhere", "--jobs", "2"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("merge: unknown option '--jobs': 'run' and 'fleet' take '--jobs', 'merge' does not"), "\(result.stderr)")
        let run = try await AsyncBinary.run(["run", "--simulator", "--out", "x"])
        #expect(run.stderr.contains("(did you mean '--report-dir'?"), "\(run.stderr)")
    }

    @Test("quiet output of a passing run starts with its totals; run --simulator's header does not contradict its profile line")
    func consoleSmallItems() async throws {
        let quiet = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--filter", "activate.*"])
        #expect(quiet.exitCode == 0)
        #expect(quiet.stdout.hasPrefix("Summary:"), "\(quiet.stdout.prefix(200))")
        let normal = try await AsyncBinary.run(["run", "--simulator", "--filter", "activate.success"])
        let header = normal.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("built-in simulator answering as v4; profile auto detects"), "\(header)")
        #expect(normal.stdout.contains("Profile: auto → v3-33 or v4"))
    }
}
