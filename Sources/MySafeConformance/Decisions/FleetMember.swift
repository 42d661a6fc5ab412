/// One target of a fleet view: its run (made from its result by `fleet`, read back from its report directory
/// by `merge`), or why there is none.
public struct FleetMember: Sendable, Hashable {
    /// The fleet entry's name, or the report directory's name for `merge`.
    public var name: String
    /// The run; nil when the target never ran (bad configuration) or its report could not be read.
    public var snapshot: ReportSnapshot?
    /// Why there is no run, in one line.
    public var problem: String?
    /// The report directory, relative to the fleet report directory where it lies inside it.
    public var reportDirectory: String?
    /// The target's exit code: the run's, or 2 for a target that never ran.
    public var exitCode: Int

    public init(name: String, snapshot: ReportSnapshot?, problem: String?, reportDirectory: String?, exitCode: Int) {
        self.name = name
        self.snapshot = snapshot
        self.problem = problem
        self.reportDirectory = reportDirectory
        self.exitCode = exitCode
    }

    /// A target read from its report.
    public init(name: String, snapshot: ReportSnapshot, reportDirectory: String?) {
        self.init(name: name, snapshot: snapshot, problem: nil, reportDirectory: reportDirectory, exitCode: snapshot.exitCode)
    }

    /// A target that could not run or be read.
    public init(name: String, problem: String, exitCode: ExitCode = .usage, reportDirectory: String? = nil) {
        self.init(name: name, snapshot: nil, problem: problem, reportDirectory: reportDirectory, exitCode: Int(exitCode.rawValue))
    }
}

extension FleetMember {
    /// Whether the target's run checked no TLS certificate (`--insecure` or `tls.insecureSkipVerify`).
    public var tlsUnverified: Bool { snapshot?.tlsVerified == false }

    /// What fleet.md's note column and the console say of the target beyond its counts: why it did not run
    /// (`configuration error: FILE: …` with the first problem), that it was interrupted or left a secret
    /// changed, why its cases could not be judged (`connection refused: …`, `could not resolve …`, no answer),
    /// and that its TLS was not verified; empty when there is nothing to say.
    public var note: String {
        var notes: [String] = []
        if let cause = cause { notes.append(cause) }
        if tlsUnverified { notes.append("TLS NOT VERIFIED (--insecure): anyone on the path could have answered") }
        return notes.joined(separator: "; ")
    }

    /// The target's own testcases for its `<testsuite>` in the fleet's junit.xml, so that a target whose
    /// exit code is not 0 is red in every JUnit reader (Reports/README.md, "Fleet and merge: junit.xml"): the run's
    /// entries read back from its summary.json (``RunEntry``), plus `run.verdict` when the exit code is
    /// not 0 and nothing else is red (a report written before summary.json kept its entries); for a
    /// target that never ran, one error saying why (`run.interrupted` when the fleet was interrupted
    /// before it started, else `run.start`).
    var runEntries: [RunEntry] {
        guard let snapshot else {
            let interrupted = exitCode == Int(ExitCode.interrupted.rawValue)
            let message = problem ?? "the target did not run"
            return [RunEntry(
                name: interrupted ? "run.interrupted" : "run.start", seconds: 0,
                verdict: .error(type: interrupted ? "interrupted" : "no-run", message: message, body: message + "\n"))]
        }
        var entries = snapshot.runEntries
        let red = entries.contains { $0.verdict.junitElement == "error" }
            || snapshot.cases.contains { ["failed", "error"].contains($0.countsAs) }
        let reason = snapshot.cases.first { $0.countsAs == "skipped" }?.detail ?? "no contract case ran"
        if let verdict = RunEntry.verdict(
            exitCode: ExitCode(reported: exitCode), red: red, reason: reason,
            journal: "The target's own summary.md says more.\n") {
            entries.append(verdict)
        }
        return entries
    }
}

extension FleetMember {
    /// Why the target is not green, in one line: the restore, the interruption, why it never ran, or why
    /// its cases could not be judged; nil when there is nothing to say.
    public var cause: String? {
        guard let snapshot else { return problem }
        if snapshot.restoreFailed { return "RESTORE FAILED: see its summary.md" }
        if snapshot.interrupted || exitCode == Int(ExitCode.interrupted.rawValue) { return "INTERRUPTED: its results are incomplete" }
        if let problem { return problem }
        if let cause = snapshot.stoppedCause { return cause }
        if exitCode == Int(ExitCode.noVerdict.rawValue) {
            let errors = snapshot.cases.filter { $0.countsAs == "error" }
            if let first = errors.first?.detail { return "no verdict for \(errors.count) case(s): " + ReportFormat.oneLine(first) }
            return "no contract case was judged" + (snapshot.cases.first { $0.countsAs == "skipped" }?.detail.map { ": " + ReportFormat.oneLine($0) } ?? "")
        }
        return nil
    }
}

extension ExitCode {
    /// An exit code as a report gives it: a code this version does not know (a summary.json written by
    /// another version) is 2, so it never passes and never outranks a failed restore or a failure.
    public init(reported code: Int) {
        self = ExitCode(rawValue: Int32(clamping: code)) ?? .usage
    }

    /// The exit of a run or fleet whose reports could not be written: at least 2 (CI would read no report),
    /// never hiding a worse verdict (a failed restore, a failure, an interruption).
    public static func withoutReports(_ code: ExitCode) -> ExitCode {
        ExitCode(reported: worst([Int(code.rawValue), Int(ExitCode.usage.rawValue)]))
    }

    /// The verdict of several runs (fleet, merge): the worst judged verdict wins, and a target that could not
    /// run (2) never outranks another's judged failure, nor lets the others pass: 4 > 130 > 1 > 2 > 3 > 0
    /// (README, "Many deployments: fleet and merge").
    public static func worst(_ codes: [Int]) -> Int {
        let order = [4, 130, 1, 2, 3, 0]
        let known = codes.map { Int(ExitCode(reported: $0).rawValue) }
        return known.min { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) } ?? 0
    }
}
