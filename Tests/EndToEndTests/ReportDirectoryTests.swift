import Foundation
import MySafeJSON
import Testing

/// A report directory holds one run (Reports/README.md, "One run per directory"), through the binary.
@Suite("One run per report directory")
struct ReportDirectoryTests {
    static func files(_ directory: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    }

    @Test("a second run into the same --report-dir removes what the first left (transcripts included), and nothing else")
    func secondRunReplacesTheFirst() async throws {
        let reports = BinaryHarness.temporaryDirectory("one-run")
        defer { try? FileManager.default.removeItem(at: reports) }
        let first = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--report-dir", reports.path])
        #expect(first.exitCode == 0, "\(first.stdout)\n\(first.stderr)")
        let transcripts = reports.appendingPathComponent("transcripts")
        #expect(Self.files(transcripts).count > 30)
        // Files the tool never writes, and files of other commands it does write.
        try Data("mine".utf8).write(to: reports.appendingPathComponent("notes.md"))
        try Data("mine".utf8).write(to: transcripts.appendingPathComponent("keep.json"))
        for name in ["compare.md", "compare.json", "fleet.md", "fleet.json"] {
            // An earlier report of the tool: its JSON begins with "schemaVersion" (one that does not is refused, see FleetReportDirectoryTests).
            let stale = name.hasSuffix(".json") ? #"{"schemaVersion": 1, "stale": true}"# : "stale"
            try Data(stale.utf8).write(to: reports.appendingPathComponent(name))
        }

        let second = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--filter", "activate.success", "--report-dir", reports.path])
        #expect(second.exitCode == 0, "\(second.stdout)\n\(second.stderr)")
        let summary = try JSONParser.parse(Array(Data(contentsOf: reports.appendingPathComponent("summary.json"))))
        let ids = (summary["cases"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(ids == ["activate.success"])
        let transcriptNames = Self.files(transcripts)
        let expected = Set(["activate.success.txt", "keep.json"] + (transcriptNames.contains("run.txt") ? ["run.txt"] : []))
        #expect(transcriptNames == expected, "only the second run's transcripts, and the user's own file")
        #expect(Self.files(reports) == ["junit.xml", "summary.json", "summary.md", "transcripts", "notes.md"])
    }

    @Test("a fleet removes the target directories an earlier fleet left in its --report-dir, before sending, and nothing the tool did not write")
    func fleetRemovesEarlierTargets() async throws {
        let fixture = try FleetFixture("earlier-fleet", [FleetFixture.simulator("sp-a"), FleetFixture.simulator("sp-b")])
        defer {
            fixture.stop()
            try? FileManager.default.removeItem(at: fixture.directory)
        }
        let reports = fixture.directory.appendingPathComponent("Reports")
        let first = try await AsyncBinary.run(["fleet", fixture.file.path, "--quiet", "--filter", "activate.success", "--report-dir", reports.path])
        #expect(first.exitCode == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(Self.files(reports).isSuperset(of: ["sp-a", "sp-b", "fleet.json"]))
        // The user's own: a directory holding a run's reports the fleet did not make, and a file in a target's directory.
        let mine = reports.appendingPathComponent("mine")
        try FileManager.default.copyItem(at: reports.appendingPathComponent("sp-b"), to: mine)
        let note = reports.appendingPathComponent("sp-a/notes.md")
        try Data("mine".utf8).write(to: note)

        // The fleet shrinks to sp-a, whose configuration now fails: sp-b's directory goes, and sp-a's reports too
        // (they were the earlier fleet's), before anything is sent.
        let smaller = fixture.directory.appendingPathComponent("smaller.json")
        try Data(#"{"targets": [{"name": "sp-a", "config": "no-such-config.json"}]}"#.utf8).write(to: smaller)
        let second = try await AsyncBinary.run(["fleet", smaller.path, "--quiet", "--report-dir", reports.path])
        #expect(second.exitCode == 2, "\(second.stdout)\n\(second.stderr)")
        #expect(Self.files(reports) == ["sp-a", "mine", "fleet.md", "fleet.json", "junit.xml"], "\(Self.files(reports))")
        #expect(Self.files(reports.appendingPathComponent("sp-a")) == ["notes.md"], "only the user's file is left of sp-a")
        #expect(Self.files(mine).isSuperset(of: ["summary.json", "junit.xml", "summary.md", "transcripts"]), "a directory the fleet did not name is untouched")
    }

    @Test("merge refuses to write into one of its inputs, given with --report-dir or by default; and into a run's directory")
    func mergeRefusesItsInputs() async throws {
        let work = BinaryHarness.temporaryDirectory("merge-inputs")
        defer { try? FileManager.default.removeItem(at: work) }
        let reports = work.appendingPathComponent("Reports")
        let other = work.appendingPathComponent("other")
        for directory in [reports, other] {
            let run = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--filter", "activate.*", "--report-dir", directory.path])
            #expect(run.exitCode == 0, "\(run.stdout)\n\(run.stderr)")
        }
        let junit = try Data(contentsOf: reports.appendingPathComponent("junit.xml"))

        // The default --report-dir (Reports) is the first input.
        let byDefault = try BinaryHarness.run(["merge", "Reports", "other"], currentDirectory: work)
        #expect(byDefault.exitCode == 2, "\(byDefault.stdout)\n\(byDefault.stderr)")
        #expect(byDefault.stderr.contains("is one of the report directories being merged"), "\(byDefault.stderr)")
        // The same directory spelt otherwise, or as its summary.json.
        let spelt = try BinaryHarness.run(["merge", reports.appendingPathComponent("summary.json").path, other.path, "--report-dir", work.path + "/other/../Reports/"])
        #expect(spelt.exitCode == 2, "\(spelt.stdout)\n\(spelt.stderr)")
        #expect(try Data(contentsOf: reports.appendingPathComponent("junit.xml")) == junit, "the run's own junit.xml is untouched")
        #expect(!FileManager.default.fileExists(atPath: reports.appendingPathComponent("fleet.json").path))

        // A run's report directory that is not an input: refused too.
        let intoRun = try BinaryHarness.run(["merge", other.path, "--report-dir", reports.path])
        #expect(intoRun.exitCode == 2, "\(intoRun.stdout)\n\(intoRun.stderr)")
        #expect(intoRun.stderr.contains("holds the reports of a run"), "\(intoRun.stderr)")

        // Elsewhere it writes.
        let merged = work.appendingPathComponent("merged")
        let fine = try BinaryHarness.run(["merge", reports.path, other.path, "--report-dir", merged.path])
        #expect(fine.exitCode == 0, "\(fine.stdout)\n\(fine.stderr)")
        #expect(Self.files(merged) == ["fleet.md", "fleet.json", "junit.xml"])
    }
}
