import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// `fleet FILE` and `merge DIR…` through the binary, over simulators of different profiles and
/// deviations (README, "Many deployments: fleet and merge").
@Suite("Fleet and merge through the binary")
struct FleetTests {
    /// Three simulators of different profiles and deviations, an unreachable target and one whose
    /// configuration file is missing.
    static let names = ["v3-32", "v4-mirror", "v4", "down", "broken"]

    static func fleet() throws -> FleetFixture {
        try FleetFixture("fleet", [
            FleetFixture.simulator("v3-32", profile: .v3_32), FleetFixture.simulator("v4-mirror", deviations: [.mirrorMensagemDiffers]),
            FleetFixture.simulator("v4"), .unreachable("down"), .unconfigured("broken"),
        ])
    }

    static func json(_ url: URL) throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: url)))
    }

    @Test("a fleet target whose configuration turns TLS verification off is flagged as a run would: summary.json, fleet.md, the console")
    func insecureTarget() async throws {
        guard let certificates = TestCertificates.orSkip("insecureTarget") else { return }
        let fleet = try FleetFixture("fleet-insecure", [.insecure("unchecked", certificates), FleetFixture.simulator("plain")])
        let reports = BinaryHarness.temporaryDirectory("fleet-insecure-reports")
        defer { fleet.stop() }
        let result = try await AsyncBinary.run(["fleet", fleet.file.path, "--report-dir", reports.path, "--request-timeout", "5"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let summary = try Self.json(reports.appendingPathComponent("unchecked/summary.json"))
        #expect(summary["tlsVerified"]?.boolValue == false)
        #expect(try Self.json(reports.appendingPathComponent("plain/summary.json"))["tlsVerified"] == .null, "http: nothing to verify")
        let markdown = try String(contentsOf: reports.appendingPathComponent("fleet.md"), encoding: .utf8)
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| unchecked |") }
        #expect(row?.contains("TLS NOT VERIFIED") == true, "fleet.md's note column")
        #expect(markdown.split(separator: "\n").first { $0.hasPrefix("| plain |") }?.contains("TLS NOT VERIFIED") == false)
        #expect(result.stdout.contains("unchecked: exit 0") && result.stdout.contains("TLS NOT VERIFIED"))
        #expect(result.stderr.contains("WARNING: TLS VERIFICATION WAS OFF for unchecked"))
    }

    @Test("a target that could not run keeps a fleet of passing targets from passing: exit 2, its cause named")
    func configurationErrorAlone() async throws {
        let fleet = try FleetFixture("fleet-config", [FleetFixture.simulator("v4"), .unconfigured("broken")])
        let reports = BinaryHarness.temporaryDirectory("fleet-reports")
        defer {
            fleet.stop()
            try? FileManager.default.removeItem(at: reports)
            try? FileManager.default.removeItem(at: fleet.directory)
        }
        let result = try await AsyncBinary.run(["fleet", fleet.file.path, "--report-dir", reports.path, "--filter", "activate.*"])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("✔ v4: exit 0"), "\(result.stdout)")
        #expect(result.stdout.contains("! broken: exit 2: configuration error: "), "\(result.stdout)")
    }

    @Test("every target runs, one report directory each, the matrix agrees cell by cell with each target's summary, the worst exit wins")
    func fleetMatrix() async throws {
        let fleet = try Self.fleet()
        let reports = BinaryHarness.temporaryDirectory("fleet-reports")
        defer { fleet.stop() }
        let before = fleet.servers.map { $0.secretStates() }
        let result = try await AsyncBinary.run(["fleet", fleet.file.path, "--report-dir", reports.path, "--parallel", "3", "--request-timeout", "2"])
        // down exits 3, v4-mirror 1, broken 2: a configuration error never outranks a judged failure
        // (4 > 130 > 1 > 2 > 3 > 0), so the fleet exits 1.
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        // Each target's own cause, in its console line and in fleet.md's note column.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let brokenLine = lines.first { $0.hasPrefix("! broken: exit 2") } ?? ""
        #expect(brokenLine.contains("configuration error: ") && brokenLine.contains("no-such-config.json"), "\(result.stdout)")
        let downLine = lines.first { $0.hasPrefix("! down: exit 3") } ?? ""
        #expect(downLine.contains("connection refused"), "\(result.stdout)")
        #expect(lines.contains("Exit 1: worst of the targets' (at least one contract case failed)"), "\(result.stdout)")
        #expect(fleet.servers.map { $0.secretStates() } == before, "every simulator is left as it was found")
        let matrix = try Self.json(reports.appendingPathComponent("fleet.json"))
        #expect(matrix["exitCode"]?.intValue == 1)
        let targets = matrix["targets"]?.arrayValue ?? []
        #expect(targets.compactMap { $0["name"]?.stringValue } == Self.names, "fleet-file order")
        let exits = Dictionary(uniqueKeysWithValues: targets.compactMap { target in target["name"]?.stringValue.map { ($0, target["exitCode"]?.intValue ?? -1) } })
        #expect(exits == ["v3-32": 0, "v4-mirror": 1, "v4": 0, "down": 3, "broken": 2])
        let broken = targets.first { $0["name"]?.stringValue == "broken" }
        #expect(broken?["problem"]?.stringValue?.contains("no-such-config.json") == true)
        #expect(targets.first { $0["name"]?.stringValue == "v3-32" }?["profile"]?["detected"]?.stringValue == "v3-32")
        #expect(targets.first { $0["name"]?.stringValue == "v4" }?["profile"]?["detected"]?.stringValue == "v3-33 or v4", "v3-33 and v4 answer alike")
        #expect(targets.first { $0["name"]?.stringValue == "v3-32" }?["drift"]?["D3"] != nil, "drift per target")

        // Cell by cell: each target's cell is its own summary.json's countsAs, for every case.
        let cases = matrix["cases"]?.arrayValue ?? []
        #expect(cases.count > 20)
        for name in ["v3-32", "v4-mirror", "v4", "down"] {
            let summary = try Self.json(reports.appendingPathComponent(name).appendingPathComponent("summary.json"))
            let own = Dictionary(uniqueKeysWithValues: (summary["cases"]?.arrayValue ?? []).compactMap { item in
                item["id"]?.stringValue.map { ($0, item["countsAs"]?.stringValue ?? "") }
            })
            #expect(own.count == cases.count, "\(name) ran every case")
            for row in cases {
                let id = try #require(row["id"]?.stringValue)
                #expect(row["results"]?[name]?.stringValue == own[id], "\(id) on \(name)")
            }
        }
        func cell(_ id: String, _ name: String) -> String? {
            cases.first { $0["id"]?.stringValue == id }?["results"]?[name]?.stringValue
        }
        #expect(cell("activate.success", "v4") == "passed")
        #expect(cell("activate.success", "v3-32") == "passed")
        #expect(cell("activate.success", "v4-mirror") == "failed")
        #expect(cell("activate.success", "down") == "error")
        #expect(cell("activate.success", "broken") == nil, "a target that never ran has no cells")
        #expect(cases.first { $0["id"]?.stringValue == "activate.success" }?["differs"] == .bool(true))

        let markdown = try String(contentsOf: reports.appendingPathComponent("fleet.md"), encoding: .utf8)
        #expect(markdown.contains("| case | v3-32 | v4-mirror | v4 | down | broken |"))
        let rows = markdown.split(separator: "\n")
        let brokenRow = rows.first { $0.hasPrefix("| broken |") } ?? ""
        #expect(brokenRow.contains("| configuration error: ") && brokenRow.contains("no-such-config.json"), "\(brokenRow)")
        #expect(rows.first { $0.hasPrefix("| down |") }?.contains("connection refused") == true, "\(markdown)")
        #expect(markdown.contains("| **activate.success** | ✅ | ❌ | ✅ | ⚠️ | — |"))

        // junit.xml: one suite per target, valid against both schemas.
        let junit = reports.appendingPathComponent("junit.xml")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        for name in Self.names { #expect(xml.contains("<testsuite name=\"\(name)\""), "suite for \(name)") }
        #expect(xml.contains("classname=\"mysafe.v4-mirror.activate\" name=\"activate.success\""))
        if JUnitSchemas.canValidate {
            for schema in JUnitSchemas.names {
                let problem = try JUnitSchemas.problems(junit, schema: schema)
                #expect(problem == nil, "fleet junit.xml against \(schema): \(problem ?? "")")
            }
        }

        // merge of the fleet's subdirectories gives the fleet's own matrix.
        let merged = BinaryHarness.temporaryDirectory("merged")
        let directories = ["v3-32", "v4-mirror", "v4", "down"].map { reports.appendingPathComponent($0).path }
        let merge = try await AsyncBinary.run(["merge"] + directories + ["--report-dir", merged.path])
        #expect(merge.exitCode == 3 || merge.exitCode == 1, "\(merge.stdout)\n\(merge.stderr)")
        #expect(merge.exitCode == 1, "worst of 0, 1, 0, 3 is 1")
        let mergedMatrix = try Self.json(merged.appendingPathComponent("fleet.json"))
        #expect(mergedMatrix["cases"] == matrix["cases"], "merge gives the fleet's matrix")
        func comparable(_ target: JSONValue) -> [JSONValue?] {
            [target["name"], target["target"], target["exitCode"], target["profile"], target["totals"], target["drift"]]
        }
        let fleetTargets = targets.filter { $0["name"]?.stringValue != "broken" }.map(comparable)
        let mergedTargets = (mergedMatrix["targets"]?.arrayValue ?? []).map(comparable)
        #expect(fleetTargets == mergedTargets)
        let mergedJUnit = merged.appendingPathComponent("junit.xml")
        if JUnitSchemas.canValidate {
            for schema in JUnitSchemas.names {
                let problem = try JUnitSchemas.problems(mergedJUnit, schema: schema)
                #expect(problem == nil, "merged junit.xml against \(schema): \(problem ?? "")")
            }
        }
    }

    @Test("a fleet whose targets all pass exits 0")
    func allPass() async throws {
        let fleet = try FleetFixture("fleet-pass", SimulatorProfile.allCases.map { FleetFixture.simulator($0.rawValue, profile: $0) })
        defer { fleet.stop() }
        let reports = BinaryHarness.temporaryDirectory("fleet-reports")
        let result = try await AsyncBinary.run(["fleet", fleet.file.path, "--report-dir", reports.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Exit 0"))
    }

    @Test("a malformed fleet file is exit 2 before anything is sent", arguments: [
        ("{\"targets\": []}", "$.targets: expected at least one element"),
        ("{\"targets\": [{\"name\": \"../up\", \"config\": \"a.json\"}]}", "letters, digits"),
        ("{\"targets\": [{\"name\": \"a\", \"config\": \"a.json\"}, {\"name\": \"a\", \"config\": \"b.json\"}]}", "used twice"),
        ("{\"target\": []}", "did you mean \"targets\""),
    ])
    func malformedFleet(text: String, message: String) async throws {
        let file = BinaryHarness.temporaryDirectory("fleet-bad").appendingPathComponent("fleet.json")
        try Data(text.utf8).write(to: file)
        let result = try await AsyncBinary.run(["fleet", file.path, "--report-dir", BinaryHarness.temporaryDirectory("r").path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("merge of an unreadable directory is exit 2 and writes nothing")
    func mergeUnreadable() async throws {
        let out = BinaryHarness.temporaryDirectory("merged")
        let result = try await AsyncBinary.run(["merge", BinaryHarness.temporaryDirectory("empty").path, "--report-dir", out.path])
        #expect(result.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("fleet.json").path))
    }
}

@Suite("Fleet: interruption")
struct FleetInterruptionTests {
    @Test("Ctrl-C stops starting targets and every running target restores: exit 130, every simulator as found")
    func interrupted() throws {
        let fleet = try FleetFixture("fleet-int", (0..<3).map { FleetFixture.simulator("t\($0)", latencySeconds: 0.15) })
        defer { fleet.stop() }
        let servers = fleet.servers
        let file = fleet.file
        let before = servers.map { $0.secretStates() }
        let reports = BinaryHarness.temporaryDirectory("fleet-int-reports")
        let first = servers[0]
        let result = try BinaryHarness.run(
            ["fleet", file.path, "--parallel", "2", "--report-dir", reports.path], timeout: 90,
            onStarted: ReliabilityInterruptionTests.when(first, received: 6) { kill($0.processIdentifier, SIGINT) })
        #expect(result.exitCode == 130, "\(result.stdout)\n\(result.stderr)")
        #expect(servers.map { $0.secretStates() } == before, "every target is restored")
        let matrix = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("fleet.json"))))
        let targets = matrix["targets"]?.arrayValue ?? []
        #expect(targets.count == 3)
        #expect(targets.last?["problem"]?.stringValue == "not run: the fleet was interrupted")
        #expect(servers[2].requestCount == 0, "the third target never started")
        for target in targets.prefix(2) {
            #expect(target["exitCode"]?.intValue == 130)
        }

        let markdown = try String(contentsOf: reports.appendingPathComponent("fleet.md"), encoding: .utf8)
        for name in ["t0", "t1"] {
            #expect(markdown.split(separator: "\n").contains { $0.hasPrefix("| \(name) |") && $0.contains("INTERRUPTED: its results are incomplete") }, "\(name)'s row says so")
        }

        // junit.xml: every target is red with an interruption error; merge of the two that ran agrees.
        let junit = reports.appendingPathComponent("junit.xml")
        let suites = JUnitSuiteText.all(in: try String(contentsOf: junit, encoding: .utf8))
        #expect(suites.map(\.name) == ["t0", "t1", "t2"])
        for suite in suites {
            #expect(suite.isRed && suite.countsAgree, "\(suite.name)\n\(suite.text.prefix(1500))")
            #expect(suite.text.contains("classname=\"mysafe.\(suite.name).run\" name=\"run.interrupted\""), "\(suite.name)")
            #expect(suite.text.contains("INTERRUPTED: \(suite.name) did not run every case"), "\(suite.name)")
        }
        for suite in suites.prefix(2) {
            #expect(suite.text.contains("<error type=\"interrupted\" message=\"interrupted: "), "\(suite.name)")
        }
        #expect(suites.last?.text.contains("<error type=\"interrupted\" message=\"not run: the fleet was interrupted\"") == true)
        try FleetJUnitTests.validate(junit, "interrupted fleet")
        let merged = BinaryHarness.temporaryDirectory("fleet-int-merged")
        let merge = try BinaryHarness.run(["merge", reports.appendingPathComponent("t0").path, reports.appendingPathComponent("t1").path, "--report-dir", merged.path])
        #expect(merge.exitCode == 130, "\(merge.stdout)\n\(merge.stderr)")
        let mergedSuites = JUnitSuiteText.all(in: try String(contentsOf: merged.appendingPathComponent("junit.xml"), encoding: .utf8))
        #expect(mergedSuites.map(FleetJUnitTests.comparable) == suites.prefix(2).map(FleetJUnitTests.comparable))
    }
}
