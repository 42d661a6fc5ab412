import Foundation
import MySafeConformance
import Testing

@Suite("Console reporter")
struct ReportsConsoleTests {
    @Test(arguments: [
        (true, [String: String](), true),
        (false, [:], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true),
        (true, ["TERM": "dumb"], false),
        (false, ["FORCE_COLOR": "1"], true),
        (false, ["FORCE_COLOR": "1", "NO_COLOR": "yes"], false),
        (false, ["CLICOLOR_FORCE": "0"], false),
    ])
    func colourDecision(isTerminal: Bool, environment: [String: String], expected: Bool) {
        #expect(ConsoleReporter.shouldUseColour(isTerminal: isTerminal, environment: environment) == expected)
    }

    private func output(
        _ result: RunResult, verbosity: ConsoleReporter.Verbosity, colour: Bool = false
    ) -> [String] {
        let lines = LineCollector()
        let reporter = ConsoleReporter(
            sink: lines.sink, colour: colour, verbosity: verbosity, redactor: Redactor(secrets: []))
        for item in result.cases { reporter.caseFinished(item) }
        reporter.runFinished(result, reportPaths: ["Reports/junit.xml", "Reports/summary.json", "Reports/summary.md", "Reports/transcripts/a.txt"])
        return lines.lines
    }

    @Test("colour codes only when asked")
    func colour() {
        #expect(!output(ReportSamples.failingRun, verbosity: .verbose, colour: false).joined().contains("\u{1B}"))
        #expect(output(ReportSamples.failingRun, verbosity: .normal, colour: true).joined().contains("\u{1B}[1;31m"))
    }

    @Test("a line per case, failures with expected and actual")
    func normal() throws {
        let lines = output(ReportSamples.failingRun, verbosity: .normal)
        #expect(lines.contains("✔ PASS  activate.success (0.125 s)"))
        #expect(lines.contains("✘ FAIL  activate.already-active (0.125 s)"))
        #expect(lines.contains("      step 0 send: mirror.mensagem at $.response.mensagem"))
        #expect(lines.contains(#"          expected: "Api secret has already been activated""#))
        #expect(lines.contains(#"          actual:   "Api secret activated successfully""#))
        #expect(lines.contains("Summary: 1 passed, 2 failed, 0 error, 0 skipped (3 cases) in 3.210 s"))
        #expect(lines.contains("JUnit:   5 tests, 2 failures, 0 errors, 0 skipped (the cases and the run's own entries)"))
        #expect(lines.contains("Profile: auto → v3-33 (deactivate answered \"Api secret successfully deactivated\")"))
        #expect(lines.contains { $0.hasPrefix("  D1 route: ") })
        #expect(lines.contains("Reports: Reports/junit.xml, Reports/summary.json, Reports/summary.md and 1 transcript(s)"))
        #expect(lines.last == "Exit 1: at least one contract case failed")
    }

    @Test("the console states junit.xml's totals in every verbosity, warnings grouped at the end, expected failures apart")
    func junitTotalsWarningsExpected() {
        for sample in ReportSamples.sampleNames {
            let result = ReportSamples.sample(sample)
            for verbosity in [ConsoleReporter.Verbosity.quiet, .normal, .verbose] {
                #expect(output(result, verbosity: verbosity).contains("JUnit:   \(JUnitCounts(result).sentence) (the cases and the run's own entries)"), "\(sample)")
            }
        }
        let lines = output(ReportSamples.sample("warned"), verbosity: .normal)
        #expect(lines.contains { $0.contains("PASS  activate.success") && $0.hasSuffix(" (1 warning)") })
        #expect(lines.contains("  warn content-type: got text/plain, expected application/json"), "the actual value before the expected one")
        #expect(lines.contains("      inferred: RFC 9110#section-8.3; case: activate.success"))
        #expect(lines.contains { $0.hasPrefix("x XFAIL deactivate.not-found") && $0.contains("expected failure: vendor ticket 123") })
        #expect(lines.contains { $0.hasPrefix("Summary: 1 passed, 0 failed") && $0.contains("1 expected failure(s)") && $0.contains("1 warning(s)") })
        #expect(lines.last == "Exit 0: every contract case that ran passed")
    }

    @Test("quiet output of a passing run starts with its totals, not with a blank line")
    func quietStartsWithTotals() throws {
        let quiet = output(ReportSamples.passingRun, verbosity: .quiet)
        #expect(try #require(quiet.first).hasPrefix("Summary:"), "\(quiet)")
        #expect(output(ReportSamples.passingRun, verbosity: .normal).contains(""))
    }

    @Test("quiet shows only what needs attention; verbose adds steps and exchanges")
    func verbosityLevels() {
        let quiet = output(ReportSamples.mixedRun(), verbosity: .quiet)
        let normal = output(ReportSamples.mixedRun(), verbosity: .normal)
        let verbose = output(ReportSamples.mixedRun(), verbosity: .verbose)
        #expect(quiet.count < normal.count && normal.count < verbose.count)
        #expect(!quiet.contains { $0.contains("PASS") || $0.contains("SKIP") || $0.contains("PROBE") })
        #expect(quiet.contains { $0.hasPrefix("! ERROR activate.no-access") && $0.contains("connection refused") })
        #expect(!quiet.contains { $0.hasPrefix("Profile:") })
        #expect(normal.contains { $0.hasPrefix("- SKIP  deactivate.no-access") && $0.contains("outsider is not configured") })
        #expect(normal.contains { $0.hasPrefix("~ PROBE routes.password-alias") && $0.contains("counts only with --strict") })
        #expect(normal.contains { $0.contains("1 probe finding(s)") })
        #expect(!normal.contains { $0.contains("      step 0 send: passed") })
        #expect(verbose.contains { $0.contains("step 0 send: passed, observed 200") })
        #expect(verbose.contains { $0.contains("> POST https://pam.example.com/api/mysafe/secretapi/active/44  ! Connection refused") })
        #expect(verbose.contains { $0.contains("observation extra-field at $.response.trace_id") })
    }

    @Test("strict turns a probe finding into a failure line")
    func strictProbe() {
        let lines = output(ReportSamples.mixedRun(strict: true), verbosity: .normal)
        #expect(lines.contains { $0.hasPrefix("✘ FAIL  routes.password-alias") })
    }

    @Test("a failed restore is a banner, even when quiet, before the exit line", arguments: [ConsoleReporter.Verbosity.quiet, .normal])
    func restoreBanner(verbosity: ConsoleReporter.Verbosity) throws {
        let lines = output(ReportSamples.interruptedRun, verbosity: verbosity)
        let start = try #require(lines.firstIndex(of: "!! RESTORE FAILED: the target was left changed."))
        #expect(lines[start - 1] == String(repeating: "!", count: 72))
        #expect(lines[start + 1] == "!! fixture 43 (secret): secret 43 was inactive, is now active")
        #expect(lines[start + 2].contains("deactivate answered 502"))
        #expect(lines[start + 3].contains("by hand: set API secret 43 back to inactive"))
        #expect(!lines.contains { $0.contains("fixture 45") && $0.hasPrefix("!!") }, "only unverified fixtures")
        #expect(lines.contains { $0.hasPrefix("INTERRUPTED") })
        #expect(lines.last == "Exit 4: a fixture could not be restored or its state confirmed (the report says which)")
    }

    @Test("hostile server text cannot drive the terminal")
    func hostileText() {
        let text = output(ReportSamples.hostileRun, verbosity: .verbose).joined(separator: "\n")
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{0}"))
        #expect(!text.contains("\r"))
        #expect(text.utf8.count < 100_000)
    }

    @Test("no contract case judged: says what is missing")
    func nothingJudged() {
        let result = ReportSamples.run(cases: [ReportSamples.caseResult("activate.success", outcome: .skipped, reason: "no fixtures.secrets configured")])
        let lines = output(result, verbosity: .normal)
        #expect(lines.contains { $0.hasPrefix("Exit 3") })
        #expect(lines.last?.contains("no fixtures.secrets configured") == true)
    }

    @Test("concurrent cases do not interleave their lines")
    func concurrent() async {
        let lines = LineCollector()
        let reporter = ConsoleReporter(sink: lines.sink, colour: false, verbosity: .normal, redactor: Redactor(secrets: []))
        let failing = ReportSamples.failingRun.cases[1]
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { reporter.caseFinished(failing) } }
        }
        let all = lines.lines
        #expect(all.count == 20 * 10)
        for start in stride(from: 0, to: all.count, by: 10) {
            #expect(all[start].hasPrefix("✘ FAIL  activate.already-active"))
        }
    }
}
