/// Two runs side by side (`compare BEFORE AFTER`): what regressed, what was fixed, what else changed,
/// which drift findings changed and whether the profile did — the verdict of an upgrade.
///
/// A **regression** is a case that passed (or failed as expected) before and fails or cannot be
/// judged after, or a check that fails after but did not before in a case that failed both times.
/// A **fix** is the reverse: a failed or unjudged case that passes, or a check that no longer fails.
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

    public var profileChanged: Bool { before.detectedProfile != after.detectedProfile }

    /// 1 when anything regressed, 0 otherwise.
    public var exitCode: ExitCode { regressions.isEmpty ? .passed : .failed }

    static let good: Set<String> = ["passed", "expected"]
    static let bad: Set<String> = ["failed", "error"]

    public init(before: ReportSnapshot, after: ReportSnapshot) {
        self.before = before
        self.after = after
        let afterIDs = Set(after.cases.map(\.id))
        removedCases = before.cases.filter { !afterIDs.contains($0.id) }
        for now in after.cases {
            guard let then = before.entry(now.id) else {
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
