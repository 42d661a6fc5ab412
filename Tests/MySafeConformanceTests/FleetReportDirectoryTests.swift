import Foundation
import MySafeConformance
import Testing
import TestSupport

/// `fleet` removes the target directories an earlier fleet left in its report directory, and nothing else.
@Suite("A fleet's report directory: the earlier fleet's targets")
struct FleetReportDirectoryTests {
    static func files(_ url: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
    }

    /// A target directory as `fleet` writes it: the run's reports, its summary.json naming the run after the target.
    static func writeTarget(_ name: String, runName: String? = nil, in directory: URL) throws {
        var result = ReportSamples.passingRun
        result.name = runName ?? name
        _ = try ReportWriter(directory: directory.appendingPathComponent(name).path, redactor: Redactor(secrets: [])).write(result)
    }

    static func writeFleetJSON(_ targets: [(name: String, report: String?)], origin: FleetMatrix.Origin = .fleet, in directory: URL) throws {
        let members = targets.map { target in
            FleetMember(name: target.name, snapshot: nil, problem: nil, reportDirectory: target.report, exitCode: 0)
        }
        try FleetReport.jsonText(FleetMatrix(members: members, origin: origin)).write(
            to: directory.appendingPathComponent("fleet.json"), atomically: true, encoding: .utf8)
    }

    @Test("the targets the earlier fleet.json names go; a user's file keeps its directory; what it does not name stays")
    func removesOnlyTheEarlierFleets() throws {
        let reports = TestDirectory.make("fleet-reports")
        defer { TestDirectory.remove(reports) }
        let outside = TestDirectory.make("merge-input")
        defer { TestDirectory.remove(outside) }
        for name in ["sp-a", "sp-b", "mine", "renamed"] { try Self.writeTarget(name, in: reports) }
        try Self.writeTarget("other-run", runName: "sp-c", in: reports)  // a run named otherwise than the fleet names it
        try Self.writeTarget("merged", in: outside)
        try Self.writeTarget("linked-run", runName: "linked", in: outside)
        try Data("mine".utf8).write(to: reports.appendingPathComponent("sp-b/notes.md"))
        try FileManager.default.createSymbolicLink(
            at: reports.appendingPathComponent("linked"), withDestinationURL: outside.appendingPathComponent("linked-run"))
        try Self.writeFleetJSON([
            ("sp-a", "sp-a"), ("sp-b", "sp-b"), ("sp-c", "other-run"), ("renamed", "elsewhere/renamed"),
            ("merged", outside.appendingPathComponent("merged").path), ("linked", "linked"), ("..", ".."), ("broken", nil),
        ], in: reports)

        try ReportDirectory.removeEarlierFleetTargets(in: reports.path)

        #expect(Self.files(reports) == ["fleet.json", "sp-b", "mine", "renamed", "other-run", "linked"], "\(Self.files(reports))")
        #expect(Self.files(reports.appendingPathComponent("sp-b")) == ["notes.md"], "the tool's files went, the user's stayed")
        for kept in ["mine", "renamed", "other-run"] {
            #expect(Self.files(reports.appendingPathComponent(kept)).contains("summary.json"), "\(kept) is untouched")
        }
        #expect(Self.files(outside.appendingPathComponent("merged")).contains("summary.json"), "a merge input outside is untouched")
        #expect(Self.files(outside.appendingPathComponent("linked-run")).contains("summary.json"), "a symbolic link is not followed")
    }

    @Test("without a fleet.json (or with one that is not the tool's) nothing is removed; prepareFleet then clears the fleet's own files")
    func nothingWithoutFleetJSON() throws {
        let reports = TestDirectory.make("fleet-reports")
        defer { TestDirectory.remove(reports) }
        try Self.writeTarget("sp-a", in: reports)
        try ReportDirectory.removeEarlierFleetTargets(in: reports.path)
        #expect(Self.files(reports) == ["sp-a"])
        try Data(#"{"targets": [{"name": "sp-a", "report": "sp-a"}]}"#.utf8).write(to: reports.appendingPathComponent("fleet.json"))
        try ReportDirectory.removeEarlierFleetTargets(in: reports.path)
        #expect(Self.files(reports) == ["sp-a", "fleet.json"], "no schemaVersion: not a fleet.json of the tool")

        try Self.writeFleetJSON([("sp-a", "sp-a")], in: reports)
        #expect(ReportDirectory.prepareFleet(reports.path) == nil)
        #expect(Self.files(reports).isEmpty, "\(Self.files(reports))")
    }

    @Test("a fleet.json merge wrote names its inputs, which may be directories here: a later fleet removes none of them")
    func mergeOutputIsNotAFleet() throws {
        let reports = TestDirectory.make("merge-reports")
        defer { TestDirectory.remove(reports) }
        try Self.writeTarget("sp-a", in: reports)
        // `merge sp-a --report-dir .` run inside the directory: the input's path is its name.
        try Self.writeFleetJSON([("sp-a", "sp-a")], origin: .merge, in: reports)
        try ReportDirectory.removeEarlierFleetTargets(in: reports.path)
        #expect(Self.files(reports.appendingPathComponent("sp-a")).contains("summary.json"), "the merge input is untouched")
    }

    @Test("a file of yours with a report's name (a fleet file called fleet.json) stops the run before anything is removed, and stays")
    func foreignReportNameRefused() throws {
        let reports = TestDirectory.make("foreign-fleet-json")
        defer { TestDirectory.remove(reports) }
        let fleetFile = #"{"targets": [{"name": "sp-a", "config": "sp-a.json"}]}"#
        try Data(fleetFile.utf8).write(to: reports.appendingPathComponent("fleet.json"))
        try Data("old".utf8).write(to: reports.appendingPathComponent("fleet.md"))
        let problem = try #require(ReportDirectory.prepareFleet(reports.path))
        #expect(problem.contains("fleet.json") && problem.contains("not a report of mysafe-conformance"), "\(problem)")
        #expect(try String(contentsOf: reports.appendingPathComponent("fleet.json"), encoding: .utf8) == fleetFile, "the fleet file is kept")
        #expect(Self.files(reports) == ["fleet.json", "fleet.md"], "nothing was removed: \(Self.files(reports))")
        // The tool's own fleet.json is removed as before.
        try Self.writeFleetJSON([], in: reports)
        #expect(ReportDirectory.prepareFleet(reports.path) == nil)
        #expect(Self.files(reports).isEmpty, "\(Self.files(reports))")
    }

    @Test("a symbolic link named transcripts is not followed: the files it points at stay")
    func transcriptsLinkNotFollowed() throws {
        let reports = TestDirectory.make("transcripts-link")
        defer { TestDirectory.remove(reports) }
        let elsewhere = TestDirectory.make("elsewhere")
        defer { TestDirectory.remove(elsewhere) }
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(at: reports.appendingPathComponent("transcripts"), withDestinationURL: elsewhere)
        try ReportDirectory.removeEarlierRun(in: reports.path)
        #expect(Self.files(elsewhere) == ["notes.txt"])
    }
}
