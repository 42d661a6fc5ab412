/// Two runs side by side (`compare BEFORE AFTER`): what regressed, what was fixed, what else changed,
/// which drift findings changed and whether the profile did — the verdict of an upgrade.
///
/// A **regression** is a case that passed (or failed as expected) before and fails or cannot be
/// judged after, or a check that fails after but did not before in a case that failed both times.
/// A **fix** is the reverse: a failed or unjudged case that passes, or a check that no longer fails.
///
/// Completeness is judged first (README, "Before and after an upgrade"): an AFTER run that was interrupted,
/// could not judge (exit 3), left a case unjudged that BEFORE judged, or ran another case set is a
/// regression in itself (exit 1), whatever its cases say; a BEFORE run that was interrupted, could not
/// judge, or did not run cases AFTER judged is no baseline (exit 2: re-run it). An upgrade that was not
/// tested never passes.
public struct Comparison: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var caseID: String
        /// The check, for a change of one check within a case failing both times; nil for the case.
        public var check: String?
        /// How the case counted before and after (summary.json `countsAs`), or `failing`/`passing` for a check.
        public var before: String
        public var after: String
        /// What the after run says about it (its first failure or reason), if anything.
        public var detail: String?
        public init(caseID: String, check: String? = nil, before: String, after: String, detail: String? = nil) {
            self.caseID = caseID
            self.check = check
            self.before = before
            self.after = after
            self.detail = detail
        }
    }

    public struct DriftChange: Sendable, Hashable {
        public var id: String
        public var topic: String
        public var before: String
        public var after: String
    }

    public var before: ReportSnapshot
    public var after: ReportSnapshot
    public var regressions: [Change] = []
    public var fixes: [Change] = []
    /// Other changes of how a case counts (skipped → passed, passed → expected, …).
    public var changed: [Change] = []
    public var drift: [DriftChange] = []
    public var newCases: [ReportSnapshot.CaseEntry] = []
    public var removedCases: [ReportSnapshot.CaseEntry] = []

    /// Why the AFTER run does not cover what BEFORE judged, one reason each; empty when it does.
    public var afterIncomplete: [String] = []
    /// Why the BEFORE run is no complete baseline, one reason each; empty when it is.
    public var beforeIncomplete: [String] = []

    public var profileChanged: Bool { before.detectedProfile != after.detectedProfile }

    /// 1 when AFTER is incomplete, else 2 when BEFORE is, else 1 when anything regressed, 0 otherwise.
    public var exitCode: ExitCode {
        if !afterIncomplete.isEmpty { return .failed }
        if !beforeIncomplete.isEmpty { return .usage }
        return regressions.isEmpty ? .passed : .failed
    }

    /// The verdict in one line, the first line `compare` prints: `AFTER incomplete: 27 of 37 cases not run
    /// (the run was interrupted)`, `BEFORE incomplete: the baseline is incomplete; re-run it: …`,
    /// `2 regression(s)` or `no regression`.
    public var verdict: String {
        if !afterIncomplete.isEmpty { return "AFTER incomplete: " + afterIncomplete.joined(separator: "; ") }
        if !beforeIncomplete.isEmpty {
            return "BEFORE incomplete: the baseline is incomplete; re-run it (" + beforeIncomplete.joined(separator: "; ") + ")"
        }
        return regressions.isEmpty ? "no regression" : "\(regressions.count) regression(s)"
    }

    /// Why `run` does not stand as a complete run by itself: interrupted, or exit 3.
    static func ownGaps(of run: ReportSnapshot) -> [String] {
        var reasons: [String] = []
        if run.interrupted {
            reasons.append("\(run.notRunCases.count) of \(run.cases.count) cases not run (the run was interrupted)")
        }
        if run.exitCode == Int(ExitCode.noVerdict.rawValue) {
            let unjudged = run.cases.filter { !ReportSnapshot.isJudged($0.countsAs) }.count
            reasons.append("exit 3: \(unjudged) of \(run.cases.count) cases could not be judged")
        }
        return reasons
    }

    /// `count case(s) …: a, b, c and 4 more`.
    static func list(_ ids: [String]) -> String {
        ids.count <= 3 ? ids.joined(separator: ", ") : ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) more"
    }

    /// Each run's cases by id (the first of a repeated id), so comparing two runs of n cases costs n
    /// lookups, not n searches of n cases.
    private static func byID(_ run: ReportSnapshot) -> [String: ReportSnapshot.CaseEntry] {
        Dictionary(run.cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Fills in ``afterIncomplete`` and ``beforeIncomplete``.
    private mutating func judgeCompleteness(beforeByID: [String: ReportSnapshot.CaseEntry], afterByID: [String: ReportSnapshot.CaseEntry]) {
        afterIncomplete = Self.ownGaps(of: after)
        let notRun = Set(after.interrupted ? after.notRunCases.map(\.id) : [])
        let missing = before.cases.filter { then in
            guard ReportSnapshot.isJudged(then.countsAs), !notRun.contains(then.id) else { return false }
            guard let now = afterByID[then.id] else { return true }
            return !ReportSnapshot.isJudged(now.countsAs)
        }.map(\.id)
        if !missing.isEmpty {
            afterIncomplete.append("\(missing.count) case(s) judged BEFORE were not judged AFTER (\(Self.list(missing)))")
        }
        if before.caseSetDigest != after.caseSetDigest {
            afterIncomplete.append(
                "a different case set than BEFORE (case-set digest \(before.caseSetDigest.prefix(12)) before, \(after.caseSetDigest.prefix(12)) after): compare two runs of the same catalogue")
        }
        beforeIncomplete = Self.ownGaps(of: before)
        // A case BEFORE never ran (a --filter) has no baseline to regress from.
        let unbased = after.cases.filter { ReportSnapshot.isJudged($0.countsAs) && beforeByID[$0.id] == nil }
        let absent = unbased.map(\.id)
        if !absent.isEmpty {
            beforeIncomplete.append("\(absent.count) case(s) judged AFTER were not run BEFORE (\(Self.list(absent)))")
        }
    }

    static let good: Set<String> = ["passed", "expected"]
    static let bad: Set<String> = ["failed", "error"]

    public init(before: ReportSnapshot, after: ReportSnapshot) {
        self.before = before
        self.after = after
        let (beforeByID, afterByID) = (Self.byID(before), Self.byID(after))
        judgeCompleteness(beforeByID: beforeByID, afterByID: afterByID)
        removedCases = before.cases.filter { afterByID[$0.id] == nil }
        for now in after.cases {
            guard let then = beforeByID[now.id] else {
                newCases.append(now)
                continue
            }
            let change = Change(caseID: now.id, before: then.countsAs, after: now.countsAs, detail: now.detail)
            if Self.good.contains(then.countsAs) && Self.bad.contains(now.countsAs) {
                regressions.append(change)
            } else if Self.bad.contains(then.countsAs) && now.countsAs == "passed" {
                fixes.append(change)
            } else if then.countsAs != now.countsAs {
                changed.append(change)
            } else if then.countsAs == "failed" {
                for check in now.failedChecks where !then.failedChecks.contains(check) {
                    regressions.append(Change(caseID: now.id, check: check, before: "passing", after: "failing", detail: now.detail))
                }
                for check in then.failedChecks where !now.failedChecks.contains(check) {
                    fixes.append(Change(caseID: now.id, check: check, before: "failing", after: "passing"))
                }
            }
        }
        var ids: [String] = before.drift.map(\.id)
        for finding in after.drift where !ids.contains(finding.id) { ids.append(finding.id) }
        for id in ids {
            let then = before.drift.first { $0.id == id }
            let now = after.drift.first { $0.id == id }
            if then?.observed != now?.observed {
                drift.append(DriftChange(
                    id: id, topic: now?.topic ?? then?.topic ?? "", before: then?.observed ?? "(not reported)",
                    after: now?.observed ?? "(not reported)"))
            }
        }
    }
}
