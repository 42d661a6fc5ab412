import Foundation
import MySafeConformance
import Testing

/// Golden files for fleet.md, fleet.json, the fleet's junit.xml, compare.md and compare.json, from fixed
/// runs (no live timing); `RECORD_SNAPSHOTS=1 swift test --filter DecisionsGolden` re-records.
@Suite("Fleet and compare golden files")
struct DecisionsGoldenTests {
    static let redactor = Redactor(secrets: [])

    /// A target's member as `fleet` makes it from its result.
    static func member(_ name: String, _ result: RunResult) -> FleetMember {
        var result = result
        result.name = name
        return FleetMember(
            name: name, snapshot: ReportSnapshot(result, redactor: redactor, source: "Reports/\(name)/summary.json"), reportDirectory: name)
    }

    /// A passing target, a failing one, one that could not run (configuration error) and one whose TLS was not verified.
    static var fleet: FleetMatrix {
        var failing = ReportSamples.failingRun
        failing.target = "https://staging.pam.example.com"
        failing.drift[1].observed = "\"API secret  successfully deactivated\" (two spaces)"
        var insecure = ReportSamples.warnedRun
        insecure.target = "https://lab.pam.example.com"
        insecure.tlsVerified = false
        return FleetMatrix(members: [
            member("sp-prod", ReportSamples.passingRun),
            member("sp-staging", failing),
            FleetMember(
                name: "sp-broken",
                problem: "configuration error: sp-broken.json: error: $.baseURL: expected a string URL, got number (and 1 more problem(s))"),
            member("sp-lab", insecure),
        ])
    }

    @Test func fleetMarkdown() throws {
        try expect(FleetReport.markdown(Self.fleet), named: "fleet.md")
    }

    @Test func fleetJSON() throws {
        try expect(FleetReport.jsonText(Self.fleet), named: "fleet.json")
    }

    @Test func fleetJUnit() throws {
        let now = Date(timeIntervalSince1970: 1_795_428_000)  // 2026-11-23T10:00:00
        try expect(FleetReport.junit(Self.fleet, hostname: "ci-runner-1", now: now), named: "fleet.junit.xml")
    }

    static func snapshot(
        _ source: String, profile: String, exitCode: Int, digest: String = "9f2c1e0b7a6d", interrupted: Bool = false,
        _ cases: [ReportSnapshot.CaseEntry], drift: [ReportSnapshot.Drift]
    ) -> ReportSnapshot {
        var snapshot = ReportSnapshot(
            source: source, target: "https://pam.example.com", toolVersion: "0.1.0", requestedProfile: "auto", detectedProfile: profile,
            exitCode: exitCode, startedAt: "2026-11-23T10:00:00", durationSeconds: 3.21, caseSetDigest: digest, restoreFailed: false,
            cases: cases, drift: drift)
        snapshot.name = "sp-prod"
        snapshot.interrupted = interrupted
        return snapshot
    }

    static func entry(
        _ id: String, _ countsAs: String, checks: [String] = [], detail: String? = nil, skipCause: SkipCause.Kind? = nil
    ) -> ReportSnapshot.CaseEntry {
        ReportSnapshot.CaseEntry(
            id: id, group: String(id.prefix { $0 != "." }), kind: id.hasPrefix("routes") ? "probe" : "contract", countsAs: countsAs,
            failedChecks: checks, detail: detail ?? checks.first.map { "\($0): expected 200, got 400" }, durationSeconds: 0.125,
            skipCause: skipCause)
    }

    static let before = snapshot("before/summary.json", profile: "v3-33", exitCode: 1, [
        entry("activate.success", "passed"),
        entry("activate.already-active", "failed", checks: ["message"]),
        entry("deactivate.success", "failed", checks: ["status"]),
        entry("deactivate.not-found", "passed"),
        entry("lifecycle.round-trip", "passed"),
        entry("routes.password-alias", "finding", checks: ["status"]),
        entry("auth.token-retired", "skipped", detail: "identity outsider is not configured", skipCause: .configuration),
    ], drift: [.init(id: "D3", topic: "deactivate message", observed: "\"API secret  successfully deactivated\"")])

    /// Two complete runs: a regression (case and check), a fix (case and check), other changes, a new and a removed
    /// case (neither judged), drift and profile changes.
    @Test func compareUpgrade() throws {
        let after = Self.snapshot("after/summary.json", profile: "v4", exitCode: 1, [
            Self.entry("activate.success", "failed", checks: ["mirror.mensagem"], detail: "mirror.mensagem at $.response.mensagem: expected \"Api secret activated successfully\", got \"Segredo ativado\""),
            Self.entry("activate.already-active", "failed", checks: ["state.unchanged"]),
            Self.entry("deactivate.success", "passed"),
            Self.entry("deactivate.not-found", "passed"),
            Self.entry("lifecycle.round-trip", "expected", detail: "expected failure: vendor ticket 123"),
            Self.entry("routes.password-alias", "passed"),
            Self.entry("auth.token-issued", "skipped", detail: "identity outsider is not configured", skipCause: .configuration),
        ], drift: [.init(id: "D3", topic: "deactivate message", observed: "\"Api secret successfully deactivated\"")])
        let comparison = Comparison(before: Self.before, after: after)
        #expect(!comparison.regressions.isEmpty && !comparison.fixes.isEmpty && comparison.afterIncomplete.isEmpty)
        #expect(comparison.beforeIncomplete.isEmpty && comparison.exitCode == .failed)
        try expect(ComparisonReport.markdown(comparison), named: "compare-upgrade.md")
        try expect(ComparisonReport.jsonText(comparison), named: "compare-upgrade.json")
    }

    /// An AFTER run interrupted after two cases: incomplete, a regression in itself (exit 1).
    @Test func compareIncomplete() throws {
        let notRun = "not run: the run was interrupted"
        let after = Self.snapshot("after/summary.json", profile: "v3-33", exitCode: 130, interrupted: true, [
            Self.entry("activate.success", "passed"),
            Self.entry("activate.already-active", "failed", checks: ["message"]),
            Self.entry("deactivate.success", "skipped", detail: notRun, skipCause: .interrupted),
            Self.entry("deactivate.not-found", "skipped", detail: notRun, skipCause: .interrupted),
            Self.entry("lifecycle.round-trip", "error", detail: "interrupted during step 3"),
            Self.entry("routes.password-alias", "skipped", detail: notRun, skipCause: .interrupted),
            Self.entry("auth.token-retired", "skipped", detail: notRun, skipCause: .interrupted),
        ], drift: [])
        let comparison = Comparison(before: Self.before, after: after)
        #expect(!comparison.afterIncomplete.isEmpty && comparison.exitCode == .failed)
        try expect(ComparisonReport.markdown(comparison), named: "compare-incomplete.md")
        try expect(ComparisonReport.jsonText(comparison), named: "compare-incomplete.json")
    }

    private func expect(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.expect(
            ReportsGoldenTests.normalised(actual), named: name, filter: "DecisionsGolden", sourceLocation: sourceLocation)
    }
}
