import Foundation
public import MySafeJSON

/// What `compare`, `merge` and `fleet` need of one run: per case how it counts and which checks failed,
/// the profile, the drift findings and the exit code. `compare` and `merge` read it back from a run's
/// `summary.json` (the shape in Reports/README.md, ``load(_:)``); `fleet` makes it from each target's
/// result in memory (``init(_:redactor:source:)``), equal to what that target's summary.json reads back.
public struct ReportSnapshot: Sendable, Hashable {
    public struct CaseEntry: Sendable, Hashable {
        public var id: String
        public var group: String
        public var kind: String
        /// `passed`, `failed`, `error`, `skipped`, `finding` or `expected` (summary.json `countsAs`).
        public var countsAs: String
        /// The ids of the checks that failed, in order, without repeats.
        public var failedChecks: [String]
        /// The first failed check in one line (`check at path: expected …, got …`), or the reason.
        public var detail: String?
        public var durationSeconds: Double
        /// For a case that counts as an error: `arrange`, `transport` or `no-verdict` (summary.json `errorType`).
        public var errorType: String?
        /// Why the run skipped or did not send the case (summary.json `skipCause`), nil when its answers decided it.
        public var skipCause: SkipCause.Kind?
        public init(
            id: String, group: String, kind: String, countsAs: String, failedChecks: [String], detail: String?, durationSeconds: Double,
            errorType: String? = nil, skipCause: SkipCause.Kind? = nil
        ) {
            self.skipCause = skipCause
            self.id = id
            self.group = group
            self.kind = kind
            self.countsAs = countsAs
            self.failedChecks = failedChecks
            self.detail = detail
            self.durationSeconds = durationSeconds
            self.errorType = errorType
        }
    }

    public struct Drift: Sendable, Hashable {
        public var id: String
        public var topic: String
        public var observed: String
        public init(id: String, topic: String, observed: String) {
            self.id = id
            self.topic = topic
            self.observed = observed
        }
    }

    /// The summary.json it was read from (made from a result: the one written beside it).
    public var source: String
    public var target: String
    /// The configuration's `name` (summary.json `name`), or nil for a run without one (or written before it was kept).
    public var name: String?
    public var toolVersion: String
    public var requestedProfile: String
    public var detectedProfile: String?
    public var exitCode: Int
    public var startedAt: String
    public var durationSeconds: Double
    public var caseSetDigest: String
    public var restoreFailed: Bool
    /// summary.json `tlsVerified`: false when the run checked no certificate (`--insecure`), nil for http.
    public var tlsVerified: Bool?
    /// Whether the run was interrupted before every case ran (summary.json `interrupted`).
    public var interrupted: Bool = false
    /// Why the run stopped sending to a sick target (summary.json `stoppedSending.cause`), if it did.
    public var stoppedCause: String?
    public var cases: [CaseEntry]
    public var drift: [Drift]
    /// The run's own junit.xml testcases (summary.json `run`): detection, interruption, restore, verdict.
    var runEntries: [RunEntry] = []

    public init(
        source: String, target: String, toolVersion: String, requestedProfile: String, detectedProfile: String?, exitCode: Int,
        startedAt: String, durationSeconds: Double, caseSetDigest: String, restoreFailed: Bool, cases: [CaseEntry], drift: [Drift]
    ) {
        self.source = source
        self.target = target
        self.toolVersion = toolVersion
        self.requestedProfile = requestedProfile
        self.detectedProfile = detectedProfile
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.caseSetDigest = caseSetDigest
        self.restoreFailed = restoreFailed
        self.cases = cases
        self.drift = drift
    }

    /// Whether the case counts as judged: the target's answers decided it (passed, failed, a probe finding
    /// or an expected failure), as opposed to skipped, not run or without a verdict (error).
    public static func isJudged(_ countsAs: String) -> Bool {
        ["passed", "failed", "finding", "expected"].contains(countsAs)
    }

    /// The cases that did not run because the run was interrupted (``SkipCause/interrupted``).
    public var notRunCases: [CaseEntry] {
        cases.filter { $0.countsAs == "skipped" && $0.skipCause == .interrupted }
    }

    /// A report that cannot be read: every problem found in it, each naming the file and, where there is
    /// one, the JSON path (``SummaryReader``).
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        public init(problems: [Problem]) { self.problems = problems }
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Summaries are at most this large (a 10 000-case run writes about 20 MiB).
    static let maximumBytes = 256 << 20

    /// Reads `path`: a report directory (its `summary.json`) or a `summary.json` file.
    public static func load(_ path: String) throws(ReadError) -> ReportSnapshot {
        try SummaryReader.load(path)
    }

    /// The snapshot of `result` as its `summary.json` reads back (``load(_:)``), made from the result itself:
    /// every text through `redactor` (with the credentials seen in the result's exchanges, as ``ReportWriter``
    /// redacts the summary) and times rounded to milliseconds, as summary.json keeps them. `source` is where
    /// that summary.json is written. A test proves the two equal for runs of every kind.
    public init(_ result: RunResult, redactor: Redactor, source: String) {
        let redactor = redactor.harvesting(from: result)
        func text(_ value: String) -> String { redactor.redact(value) }
        let seconds = ReportFormat.roundedSeconds
        let entries: [CaseEntry] = ReportFormat.ordered(result.cases).map { item in
            let verdict = item.verdict
            var checks: [String] = []
            var detail: String?
            for failure in item.steps.flatMap(\.failures) {
                let check = text(failure.check.rawValue)
                if !checks.contains(check) { checks.append(check) }
                if detail == nil {
                    let path = failure.path.map { " at \(text($0))" } ?? ""
                    detail = "\(check)\(path): expected \(text(failure.expected)), got \(text(failure.actual))"
                }
            }
            if detail == nil, verdict.countsAs != "passed" { detail = item.reason.map(text) }
            if verdict.countsAs == "expected", let reason = item.expectedFailure { detail = "expected failure: \(text(reason))" }
            return CaseEntry(
                id: text(item.id), group: text(item.group), kind: item.kind.rawValue, countsAs: verdict.countsAs, failedChecks: checks,
                detail: detail, durationSeconds: seconds(item.durationSeconds),
                errorType: ReportFormat.errorType(item, verdict: verdict).map(text), skipCause: item.skipCause?.kind)
        }
        self.init(
            source: source, target: text(result.target), toolVersion: text(result.toolVersion), requestedProfile: text(result.requestedProfile),
            detectedProfile: result.detectedProfile.map(text), exitCode: Int(result.exitCode.rawValue), startedAt: text(result.startedAt),
            durationSeconds: seconds(result.durationSeconds), caseSetDigest: text(result.caseSetDigest), restoreFailed: result.restoreFailed,
            cases: entries,
            drift: result.drift.map { Drift(id: text($0.id), topic: text($0.topic), observed: text($0.observed)) })
        runEntries = RunEntry.entries(for: result).map { $0.asSummarized(redactor) }
        tlsVerified = result.tlsVerified
        name = result.name.map(text).flatMap { $0.isEmpty ? nil : $0 }
        stoppedCause = result.stoppedSending.first.map { text($0.cause) }
        interrupted = result.interrupted
    }

    /// Reads an already parsed `summary.json`; `source` names it in problems.
    public static func parse(_ value: JSONValue, source: String) throws(ReadError) -> ReportSnapshot {
        try SummaryReader.parse(value, source: source)
    }
}
