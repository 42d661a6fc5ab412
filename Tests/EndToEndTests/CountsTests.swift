import Foundation
import MySafeJSON
import Testing

/// summary.json `totals`, summary.md and the console count cases the same way, by verdict: `failed` is
/// failed contract cases only (Reports/README.md#counts).
@Suite("Counts: failed means failed contract cases")
struct CountsTests {
    @Test("a green run with probe findings: totals.failed 0, the findings counted apart, alike in summary.json, summary.md and the console")
    func greenRunWithFindings() async throws {
        let result = try await AsyncBinary.run(["run", "--simulator"])
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let summary = try result.summary()
        let verdicts = (summary["cases"]?.arrayValue ?? []).compactMap { $0["countsAs"]?.stringValue }
        let findings = verdicts.filter { $0 == "finding" }.count
        #expect(findings > 0, "the simulator's probes report findings: \(verdicts)")
        #expect(summary["totals"]?["failed"]?.intValue == 0)
        #expect(summary["totals"]?["findings"]?.intValue == findings)
        #expect(summary["totals"]?["passed"]?.intValue == verdicts.filter { $0 == "passed" }.count)
        #expect(summary["totals"]?["skipped"]?.intValue == verdicts.filter { $0 == "skipped" }.count)
        let passed = verdicts.filter { $0 == "passed" }.count
        let sentence = "\(passed) passed, 0 failed"
        #expect(result.stdout.contains("Summary: \(sentence)"), "\(result.stdout)")
        #expect(result.stdout.contains("\(findings) probe finding(s)"))
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("**\(sentence)"), "\(markdown.prefix(600))")
        #expect(markdown.contains("\(findings) probe finding(s)"))
    }

    @Test("--strict makes probe findings failures: counted in failed, not as findings")
    func strictRun() async throws {
        let result = try await AsyncBinary.run(["run", "--simulator", "--strict", "--quiet"])
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        let summary = try result.summary()
        let verdicts = (summary["cases"]?.arrayValue ?? []).compactMap { $0["countsAs"]?.stringValue }
        #expect(summary["totals"]?["findings"]?.intValue == 0)
        #expect(summary["totals"]?["failed"]?.intValue == verdicts.filter { $0 == "failed" }.count)
        #expect(((summary["totals"]?["failed"]?.intValue ?? 0) > 0) == (result.exitCode == 1), "\(result.stdout)")
    }
}
