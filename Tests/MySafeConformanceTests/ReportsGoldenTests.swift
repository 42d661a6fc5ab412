import Foundation
import MySafeConformance
import Testing
import TestSupport

/// Golden files for the failing, interrupted and warned sample runs; `RECORD_SNAPSHOTS=1 swift test --filter ReportsGolden` re-records.
@Suite("Report golden files")
struct ReportsGoldenTests {
    static let redactor = Redactor(secrets: [])

    @Test func junitXML() throws {
        try expectGolden(JUnitReport.xml(for: ReportSamples.failingRun, redactor: Self.redactor), named: "failing-run.junit.xml")
    }

    @Test func summaryJSON() throws {
        try expectGolden(SummaryJSON.text(for: ReportSamples.failingRun, redactor: Self.redactor), named: "failing-run.summary.json")
    }

    @Test func summaryMarkdown() throws {
        try expectGolden(SummaryMarkdown.markdown(for: ReportSamples.failingRun, redactor: Self.redactor), named: "failing-run.summary.md")
    }

    @Test func transcript() throws {
        let item = try #require(ReportSamples.failingRun.cases.first { $0.id == "deactivate.not-found" })
        try expectGolden(Transcript.text(for: item, redactor: Self.redactor), named: "failing-run.deactivate.not-found.txt")
    }

    @Test func interruptedMarkdown() throws {
        try expectGolden(SummaryMarkdown.markdown(for: ReportSamples.interruptedRun, redactor: Self.redactor), named: "interrupted-run.summary.md")
    }

    @Test func interruptedJUnit() throws {
        try expectGolden(JUnitReport.xml(for: ReportSamples.interruptedRun, redactor: Self.redactor), named: "interrupted-run.junit.xml")
    }

    @Test func warnedMarkdown() throws {
        try expectGolden(SummaryMarkdown.markdown(for: ReportSamples.warnedRun, redactor: Self.redactor), named: "warned-run.summary.md")
    }

    /// Replaces what may differ between machines and versions: host names, tool version, case-set digest.
    static func normalised(_ text: String) -> String {
        var text = text
        let rules: [(String, String)] = [
            (#"hostname="[^"]*""#, #"hostname="HOST""#),
            (#"("tool\.version" value=")[^"]*""#, #"$1VERSION""#),
            (#"("version": )"[^"]*""#, #"$1"VERSION""#),
            (#"mysafe-conformance [0-9][^ ,\n]*"#, "mysafe-conformance VERSION"),
        ]
        for (pattern, template) in rules {
            let regex = try! NSRegularExpression(pattern: pattern)
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }

    private func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.expect(Self.normalised(actual), named: name, filter: "ReportsGolden", sourceLocation: sourceLocation)
    }
}
