import Foundation
import FoundationXML
import MySafeConformance
import MySafeJSON
import TestSupport
import Testing

/// Invariants over many generated run results (every mix of outcomes, kinds, --strict, --require-all,
/// expected failures, interruptions and restores): what a JUnit gate, summary.json and the console
/// say must agree with the exit code (Reports/README.md#counts).
@Suite("Report invariants over generated runs")
struct ReportsInvariantTests {
    static func generated(_ seed: UInt64) -> RunResult {
        var random = SplitMix64(seed: seed)
        let groups = ["activate", "deactivate", "lifecycle", "routes", "auth"]
        var cases: [CaseResult] = []
        for index in 0..<random.below(7) {
            let outcome = Outcome.allCases[random.below(Outcome.allCases.count)]
            let kind: ConformanceCase.Kind = random.below(3) == 0 ? .probe : .contract
            let failures = outcome == .failed ? [CheckFailure(check: "status", expected: "200", actual: "404")] : []
            var item = ReportSamples.caseResult(
                "\(groups[random.below(groups.count)]).case-\(index)", kind: kind, outcome: outcome,
                reason: outcome == .passed ? nil : "reason \(index)", failures: failures)
            if outcome == .failed && random.below(3) == 0 { item.expectedFailure = "ticket \(index)" }
            cases.append(item)
        }
        let restore: [RestoreRecord] = (0..<random.below(3)).map { index in
            let verified = random.below(4) != 0
            return RestoreRecord(fixture: 43 + index, role: "secret", originalState: random.below(2) == 0 ? .active : nil,
                                 finalState: verified ? .active : nil, verified: verified, detail: "detail \(index)")
        }
        var result = ReportSamples.run(cases: cases, restore: restore, interrupted: random.below(4) == 0,
                                       strict: random.below(3) == 0, requireAll: random.below(3) == 0)
        if random.below(3) == 0 { result.detectedProfile = nil }
        if random.below(4) == 0 { result.requestedProfile = "v3-33" }
        return result
    }

    @Test("junit.xml is red exactly when the exit code is not 0; its totals are JUnitCounts, summary.json's and the console's",
          arguments: Array(UInt64(1)...UInt64(300)))
    func invariants(seed: UInt64) throws {
        let result = Self.generated(seed)
        let xml = JUnitReport.xml(for: result, redactor: Redactor(secrets: []))
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        let suites = root.elements(forName: "testsuite")
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        let red = cases.filter { !$0.elements(forName: "failure").isEmpty || !$0.elements(forName: "error").isEmpty }
        #expect(red.isEmpty == (result.exitCode == .passed), "seed \(seed): exit \(result.exitCode.rawValue), \(red.count) red")

        func total(_ name: String) -> Int { suites.reduce(0) { $0 + Int($1.attribute(forName: name)!.stringValue!)! } }
        let counts = JUnitCounts(result)
        #expect(counts.tests == cases.count && counts.tests == total("tests"))
        #expect(counts.failures == total("failures") && counts.errors == total("errors") && counts.skipped == total("skipped"))
        let properties = suites.flatMap { $0.elements(forName: "properties").flatMap { $0.elements(forName: "property") } }
        #expect(Set(properties.map { $0.attribute(forName: "name")!.stringValue! }).count == properties.count, "each property once")

        let summary = try JSONParser.parse(SummaryJSON.text(for: result, redactor: Redactor(secrets: [])))
        #expect(summary["junit"]?["tests"]?.intValue == counts.tests)
        #expect(summary["junit"]?["failures"]?.intValue == counts.failures)
        #expect(summary["junit"]?["errors"]?.intValue == counts.errors)
        #expect(summary["junit"]?["skipped"]?.intValue == counts.skipped)

        let lines = LineCollector()
        ConsoleReporter(sink: lines.sink, colour: false, verbosity: .quiet, redactor: Redactor(secrets: []))
            .runFinished(result, reportPaths: [])
        #expect(lines.lines.contains("JUnit:   \(counts.sentence) (the cases and the run's own entries)"))
    }

    @Test("generated runs are valid against both schemas", .enabled(if: RequiredTool.runs(ReportSamples.xmllintAvailable), "xmllint is not installed"))
    func schemas() throws {
        let directory = try ReportSamples.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed in UInt64(1)...UInt64(20) {
            let file = directory.appendingPathComponent("junit-\(seed).xml")
            try JUnitReport.xml(for: Self.generated(seed), redactor: Redactor(secrets: [])).write(to: file, atomically: false, encoding: .utf8)
            for schema in JUnitSchemas.names {
                let problems = try JUnitSchemas.problems(file, schema: schema)
                #expect(problems == nil, "seed \(seed), \(schema): \(problems ?? "")")
            }
        }
    }
}
