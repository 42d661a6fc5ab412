import Foundation
@testable import MySafeConformance
import MySafeJSON
import TestSupport
import Testing

/// The verdict stored on each case is the only encoding of the verdict rules: the exit code, the counts and every
/// report are derived from it, and agree with each other for every verdict under every `--strict` × `--require-all`.
@Suite("Case verdicts")
struct CaseVerdictTests {
    /// One case as the runner can finish it: every combination of what decides a verdict.
    struct Shape: CustomTestStringConvertible {
        var kind: ConformanceCase.Kind
        var outcome: Outcome
        var harmful: Bool
        var expected: Bool
        var strict: Bool
        var requireAll: Bool

        var testDescription: String {
            "\(kind.rawValue) \(outcome.rawValue)\(harmful ? " harm" : "")\(expected ? " expected" : "")"
                + "\(strict ? " --strict" : "")\(requireAll ? " --require-all" : "")"
        }

        /// The case, judged as the runner judges it when it finishes.
        var result: CaseResult {
            let failures = outcome == .failed
                ? [CheckFailure(
                    check: "status", expected: "401", actual: "200",
                    harm: harmful ? Harm(kind: .callWithoutToken, reason: "accepted without a token", citation: "RFC 6750") : nil)]
                : []
            var item = ReportSamples.caseResult(
                "activate.verdict", kind: kind, outcome: outcome, reason: outcome == .passed ? nil : "why", failures: failures)
            if expected { item.expectedFailure = "known departure" }
            return item.judged(strict: strict, requireAll: requireAll)
        }
    }

    static let shapes: [Shape] = {
        var shapes: [Shape] = []
        for kind in [ConformanceCase.Kind.contract, .probe] {
            for outcome in Outcome.allCases {
                for harmful in [false, true] where !harmful || outcome == .failed {
                    for expected in [false, true] where !expected || outcome == .failed {
                        for strict in [false, true] {
                            for requireAll in [false, true] {
                                shapes.append(Shape(kind: kind, outcome: outcome, harmful: harmful, expected: expected, strict: strict, requireAll: requireAll))
                            }
                        }
                    }
                }
            }
        }
        return shapes
    }()

    /// The exit code of a run of this one case.
    static let exitAlone: [CaseVerdict: ExitCode] = [
        .passed: .passed, .probePassed: .noVerdict, .failed: .failed, .error: .noVerdict, .skipped: .noVerdict,
        .probeFinding: .noVerdict, .probeError: .noVerdict, .requiredSkipped: .noVerdict, .expected: .passed,
        .probeExpected: .noVerdict,
    ]
    /// The exit code of a run of this case and a contract case that passed.
    static let exitBesidePass: [CaseVerdict: ExitCode] = [
        .passed: .passed, .probePassed: .passed, .failed: .failed, .error: .noVerdict, .skipped: .passed,
        .probeFinding: .passed, .probeError: .passed, .requiredSkipped: .noVerdict, .expected: .passed,
        .probeExpected: .passed,
    ]

    @Test("every verdict kind is reached, under both flags")
    func everyVerdictReached() {
        let reached = Set(Self.shapes.map(\.result.verdict))
        #expect(reached == Set(CaseVerdict.allCases))
        #expect(Set(Self.exitAlone.keys) == Set(CaseVerdict.allCases))
        #expect(Set(Self.exitBesidePass.keys) == Set(CaseVerdict.allCases))
    }

    @Test("the rules the README states", arguments: [
        (Shape(kind: .probe, outcome: .failed, harmful: false, expected: false, strict: false, requireAll: false), CaseVerdict.probeFinding),
        (Shape(kind: .probe, outcome: .failed, harmful: false, expected: false, strict: true, requireAll: false), .failed),
        (Shape(kind: .probe, outcome: .failed, harmful: true, expected: false, strict: false, requireAll: false), .failed),
        (Shape(kind: .probe, outcome: .error, harmful: false, expected: false, strict: false, requireAll: true), .probeError),
        (Shape(kind: .contract, outcome: .skipped, harmful: false, expected: false, strict: false, requireAll: true), .requiredSkipped),
        (Shape(kind: .probe, outcome: .skipped, harmful: false, expected: false, strict: false, requireAll: true), .skipped),
        (Shape(kind: .contract, outcome: .failed, harmful: false, expected: true, strict: false, requireAll: false), .expected),
        (Shape(kind: .probe, outcome: .passed, harmful: false, expected: false, strict: false, requireAll: false), .probePassed),
        (Shape(kind: .probe, outcome: .passed, harmful: false, expected: false, strict: true, requireAll: false), .passed),
    ])
    func rules(_ shape: Shape, _ verdict: CaseVerdict) {
        #expect(shape.result.verdict == verdict)
    }

    @Test("the exit code and every report agree with the stored verdict", arguments: shapes)
    func reportsAgree(_ shape: Shape) throws {
        let item = shape.result
        let verdict = item.verdict
        let companion = ReportSamples.caseResult("deactivate.success").judged(strict: shape.strict, requireAll: shape.requireAll)
        for (cases, table) in [([item], Self.exitAlone), ([companion, item], Self.exitBesidePass)] {
            let run = ReportSamples.run(cases: cases, strict: shape.strict, requireAll: shape.requireAll)
            #expect(run.cases.map(\.verdict) == cases.map(\.verdict), "the run keeps the verdicts its cases carry")
            try expectAgreement(run, exit: try #require(table[verdict]), shape: shape)
        }
    }

    @Test("changing a stored verdict changes the exit code and every report: there is no second encoding",
          arguments: CaseVerdict.allCases, [(false, false), (true, false), (false, true), (true, true)])
    func storedVerdictDecides(_ verdict: CaseVerdict, flags: (strict: Bool, requireAll: Bool)) throws {
        let shape = Shape(kind: .contract, outcome: .passed, harmful: false, expected: false, strict: flags.strict, requireAll: flags.requireAll)
        var run = ReportSamples.run(cases: [shape.result], strict: flags.strict, requireAll: flags.requireAll)
        #expect(run.exitCode == .passed)
        run.cases[0].verdict = verdict
        // The outcome stays `passed`: whatever differs below comes from the stored verdict alone.
        #expect(run.cases[0].outcome == .passed)
        try expectAgreement(run, exit: try #require(Self.exitAlone[verdict]), shape: shape)
    }

    /// exitCode is `exit`; summary.json, the snapshot `fleet` reads back, junit.xml, summary.md and the console
    /// say what the verdicts say and agree on the exit code.
    private func expectAgreement(_ run: RunResult, exit: ExitCode, shape: Shape) throws {
        let label = Comment(rawValue: shape.testDescription + " → " + run.cases.map(\.verdict.rawValue).joined(separator: ", "))
        #expect(run.exitCode == exit, label)
        let redactor = Redactor(secrets: [])

        let summary = SummaryJSON.value(for: run, redactor: redactor)
        #expect(summary["exitCode"]?.intValue == Int(exit.rawValue), label)
        let entries = try #require(summary["cases"]?.arrayValue)
        #expect(entries.compactMap { $0["countsAs"]?.stringValue }.sorted() == run.cases.map(\.verdict.countsAs).sorted(), label)
        let totals = try #require(summary["totals"])
        for (bucket, key) in [("passed", "passed"), ("failed", "failed"), ("error", "error"), ("skipped", "skipped"), ("expected", "expected"), ("finding", "findings")] {
            #expect(totals[key]?.intValue == run.cases.filter { $0.verdict.countsAs == bucket }.count, "\(label) totals.\(key)")
        }

        // What fleet reads: the snapshot read back from summary.json, and the one made from the result in memory.
        for snapshot in [try ReportSnapshot.parse(summary, source: "summary.json"), ReportSnapshot(run, redactor: redactor, source: "summary.json")] {
            #expect(snapshot.exitCode == Int(exit.rawValue), label)
            #expect(snapshot.cases.map(\.countsAs).sorted() == run.cases.map(\.verdict.countsAs).sorted(), label)
        }

        let xml = JUnitReport.xml(for: run, redactor: redactor)
        for element in ["failure", "error", "skipped"] {
            let expected = run.cases.filter { $0.verdict.junitElement == element }.count
                + RunEntry.entries(for: run).filter { $0.verdict.junitElement == element }.count
            #expect(xml.components(separatedBy: "<\(element) ").count - 1 == expected, "\(label) <\(element)>")
        }
        // Red in every JUnit reader exactly when the exit code is not 0.
        let red = xml.contains("<failure ") || xml.contains("<error ")
        #expect(red == (exit != .passed), label)
        let counts = JUnitCounts(run)
        #expect(summary["junit"]?["failures"]?.intValue == counts.failures && summary["junit"]?["errors"]?.intValue == counts.errors, label)

        let markdown = SummaryMarkdown.markdown(for: run, redactor: redactor)
        #expect(markdown.hasPrefix("# ") && markdown.contains("(exit \(exit.rawValue))\n"), label)

        let lines = LineCollector()
        let console = ConsoleReporter(sink: lines.sink, colour: false, verbosity: .normal, redactor: redactor)
        for item in run.cases { console.caseFinished(item) }
        console.runFinished(run, reportPaths: [])
        for item in run.cases where !item.wasNotSent {
            #expect(lines.lines.contains { $0.contains(item.verdict.word) && $0.contains(item.id) }, "\(label) console badge")
        }
        #expect(lines.text.contains("Exit \(exit.rawValue): \(exit.meaning)"), label)
    }
}
