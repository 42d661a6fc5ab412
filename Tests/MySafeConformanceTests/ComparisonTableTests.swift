import MySafeConformance
import Testing

@Suite("compare: the console table")
struct ComparisonTableTests {
    static func snapshot(_ source: String, name: String?, _ cases: [(String, String, [String])]) -> ReportSnapshot {
        var snapshot = ReportSnapshot(
            source: source, target: "https://pam.example.com", toolVersion: "0.1.0", requestedProfile: "auto", detectedProfile: "v4",
            exitCode: cases.contains { $0.1 == "failed" } ? 1 : 0, startedAt: "2026-11-23T10:00:00", durationSeconds: 1, caseSetDigest: "d",
            restoreFailed: false,
            cases: cases.map { .init(id: $0.0, group: "activate", kind: "contract", countsAs: $0.1, failedChecks: $0.2, detail: nil, durationSeconds: 0.1) },
            drift: [])
        snapshot.name = name
        return snapshot
    }

    @Test("no check column when no change names a check; the run's name beside its target")
    func checkColumnOnlyWhenUsed() throws {
        let before = Self.snapshot("before", name: "sp-prod", [("activate.success", "passed", [])])
        let after = Self.snapshot("after", name: "sp-prod", [("activate.success", "failed", ["status"])])
        let table = ComparisonReport.table(Comparison(before: before, after: after))
        let header = try #require(table.first { $0.hasPrefix("change") })
        #expect(!header.contains("check"), "\(table)")
        #expect(header.split(separator: " ", omittingEmptySubsequences: true) == ["change", "case", "before", "after"])
        #expect(table.first == "before: before (sp-prod, https://pam.example.com, exit 0)")

        // A check that newly fails in a case that failed both times fills the column: it is shown.
        let failedBefore = Self.snapshot("before", name: nil, [("activate.success", "failed", ["status"])])
        let failedAfter = Self.snapshot("after", name: nil, [("activate.success", "failed", ["status", "message"])])
        let withCheck = ComparisonReport.table(Comparison(before: failedBefore, after: failedAfter))
        #expect(withCheck.contains { $0.hasPrefix("change") && $0.contains("check") }, "\(withCheck)")
    }
}
