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
        let file = ReportSamples.goldenDirectory.appendingPathComponent(name)
        let actual = Self.normalised(actual)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            // Recording never passes: the run that wrote a baseline has not compared anything.
            guard (try? String(contentsOf: file, encoding: .utf8)) != actual else { return }
            try FileManager.default.createDirectory(at: ReportSamples.goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded new baseline \(file.path), re-run without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden file \(file.path); record it with RECORD_SNAPSHOTS=1 swift test --filter ReportsGolden",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
        let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        let actualFile = TestDirectory.root.appendingPathComponent(name + ".actual")
        try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
        Issue.record(
            """
            \(name) differs from its golden file at line \(index + 1):
              expected: \(index < expectedLines.count ? expectedLines[index] : "(end of file)")
              actual:   \(index < actualLines.count ? actualLines[index] : "(end of file)")
            diff -u \(file.path) \(actualFile.path)
            If the change is intended: RECORD_SNAPSHOTS=1 swift test --filter ReportsGolden
            """, sourceLocation: sourceLocation)
    }
}
