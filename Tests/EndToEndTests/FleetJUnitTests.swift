import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// A fleet target that is not green by its exit code is red in the fleet's junit.xml, as a single
/// run's `run` suite makes it (Reports/README.md, "Fleet and merge: junit.xml"): its `<testsuite>` starts with
/// the target's own testcases — the run entries read back from its summary.json, or one error saying
/// why it never ran — and `merge` of the fleet's report directories writes the same suites.
@Suite("Fleet and merge: junit.xml is red for a target that is not green")
struct FleetJUnitTests {
    static func validate(_ junit: URL, _ label: String) throws {
        guard JUnitSchemas.canValidate else { return }
        for schema in JUnitSchemas.names {
            let problem = try JUnitSchemas.problems(junit, schema: schema)
            #expect(problem == nil, "\(label) junit.xml against \(schema): \(problem ?? "")")
        }
    }

    /// A suite as `merge` of the same report would write it: the `report` property names the directory
    /// the way each command was given it, everything else is the same.
    static func comparable(_ suite: JUnitSuiteText) -> String {
        suite.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("<property name=\"\(suite.name).report\"") }.joined(separator: "\n")
    }

    @Test("a passing, an unreachable, a restore-failing and an unconfigured target: the last three red with what happened, the first green; merge agrees")
    func notGreenIsRed() async throws {
        // activate-toggles leaves a fixture changed, so the run exits 4 (docs/DEVIATION-MATRIX.md).
        let fleet = try FleetFixture("fleet-red", [
            FleetFixture.simulator("ok"), FleetFixture.simulator("restore", deviations: [.activateToggles]),
            .unreachable("down"), .unconfigured("broken"),
        ])
        defer { fleet.stop() }
        let file = fleet.file
        let reports = BinaryHarness.temporaryDirectory("fleet-red-reports")

        let result = try await AsyncBinary.run(["fleet", file.path, "--report-dir", reports.path, "--request-timeout", "2"])
        #expect(result.exitCode == 4, "the worst exit is the restore's: \(result.stdout)\n\(result.stderr)")
        let fleetJSON = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("fleet.json"))))
        let exits = (fleetJSON["targets"]?.arrayValue ?? []).map { $0["exitCode"]?.intValue ?? -1 }
        #expect(exits == [0, 4, 3, 2], "ok, restore, down, broken")

        let junit = reports.appendingPathComponent("junit.xml")
        let suites = JUnitSuiteText.all(in: try String(contentsOf: junit, encoding: .utf8))
        #expect(suites.map(\.name) == ["ok", "restore", "down", "broken"])
        for suite in suites {
            #expect(suite.countsAgree, "\(suite.name): tests, failures, errors, skipped match its testcases\n\(suite.text.prefix(400))")
        }
        let byName = Dictionary(uniqueKeysWithValues: suites.map { ($0.name, $0) })

        for suite in suites {
            #expect(suite.text.contains("<property name=\"\(suite.name).exitCode\" value="), "properties named after the target, once per document")
        }
        let ok = try #require(byName["ok"])
        #expect(!ok.isRed, "a target that exits 0 stays green\n\(ok.text.prefix(2000))")
        #expect(ok.text.contains("classname=\"mysafe.ok.run\" name=\"run.restore\""), "its run entries are there, passing")

        let restore = try #require(byName["restore"])
        #expect(restore.isRed)
        #expect(restore.text.contains("classname=\"mysafe.restore.run\" name=\"run.restore\""))
        #expect(restore.text.contains("<error type=\"restore\" message=\"RESTORE FAILED: fixture(s) "), "\(restore.text.prefix(3000))")

        let down = try #require(byName["down"])
        #expect(down.isRed)
        #expect(down.text.contains("classname=\"mysafe.down.run\" name=\"run.detection\""))
        #expect(down.text.contains("<skipped message=\"profile not detected: "), "the unreachable target's detection says so")
        #expect(down.text.contains("<error type=\"arrange\" message=\"arrange: "), "as in the target's own junit.xml\n\(down.text.prefix(3000))")
        #expect(down.text.contains("connection refused"), "the errors say what happened")

        let broken = try #require(byName["broken"])
        #expect(broken.isRed)
        #expect(broken.attribute("tests") == "1")
        #expect(broken.text.contains("classname=\"mysafe.broken.run\" name=\"run.start\""))
        #expect(broken.text.contains("<error type=\"no-run\" message=\"configuration error: "))
        #expect(broken.text.contains("no-such-config.json"))
        try Self.validate(junit, "fleet")

        // merge of the report directories the fleet wrote: the same suites (the unconfigured target has none).
        let merged = BinaryHarness.temporaryDirectory("fleet-red-merged")
        let merge = try await AsyncBinary.run(["merge"] + ["ok", "restore", "down"].map { reports.appendingPathComponent($0).path } + ["--report-dir", merged.path])
        #expect(merge.exitCode == 4, "\(merge.stdout)\n\(merge.stderr)")
        let mergedJUnit = merged.appendingPathComponent("junit.xml")
        let mergedSuites = JUnitSuiteText.all(in: try String(contentsOf: mergedJUnit, encoding: .utf8))
        #expect(mergedSuites.map(\.name) == ["ok", "restore", "down"])
        for (fleetSuite, mergedSuite) in zip(suites, mergedSuites) {
            #expect(Self.comparable(fleetSuite) == Self.comparable(mergedSuite), "\(fleetSuite.name): merge writes the fleet's suite")
        }
        try Self.validate(mergedJUnit, "merged")
    }

    @Test("a summary.json from before run entries were kept: a target whose exit is not 0 still gets a red run.verdict")
    func oldSummary() async throws {
        // A run that judges nothing (every case filtered to probes that cannot run) exits 3 with no red case.
        let run = try BinaryHarness.run(["run", "--simulator", "--filter", "activate.success", "--quiet"])
        #expect(run.exitCode == 0, "\(run.stdout)\n\(run.stderr)")
        var summary = try run.summary().objectValue ?? JSONObject()
        summary["run"] = Optional<JSONValue>.none
        summary["exitCode"] = .integer(3)
        let old = BinaryHarness.temporaryDirectory("old-report")
        try Data(JSONWriter.prettyOrdered.string(.object(summary)).utf8).write(to: old.appendingPathComponent("summary.json"))
        let merged = BinaryHarness.temporaryDirectory("old-merged")
        let merge = try await AsyncBinary.run(["merge", old.path, "--report-dir", merged.path])
        #expect(merge.exitCode == 3, "\(merge.stdout)\n\(merge.stderr)")
        let junit = merged.appendingPathComponent("junit.xml")
        let suite = try #require(JUnitSuiteText.all(in: try String(contentsOf: junit, encoding: .utf8)).first)
        #expect(suite.isRed)
        #expect(suite.countsAgree)
        #expect(suite.text.contains("name=\"run.verdict\""))
        #expect(suite.text.contains("<error type=\"no-verdict\" message=\"exit 3: "))
        try Self.validate(junit, "merged")
    }
}
