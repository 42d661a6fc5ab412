/// How one case counts in its run, given the run's `--strict` and `--require-all` (docs/DESIGN.md#exit-codes,
/// Reports/README.md): the one place those rules live. The runner stores it on each ``CaseResult`` when the case
/// finishes (``CaseResult/verdict``); ``RunResult/exitCode``, the counts and every report read it from there.
public enum CaseVerdict: String, Sendable, Hashable, CaseIterable {
    /// A case that counts and passed.
    case passed
    /// A probe that held, without `--strict`: shown as passed, but it judges nothing (a run of such probes alone
    /// has no verdict).
    case probePassed
    /// A case that counts and broke the contract, or any case whose answers showed harm (docs/EVIDENCE.md#harm).
    case failed
    /// A case that counts and could not be judged.
    case error
    case skipped
    /// A probe whose checks did not hold, without `--strict`: a finding, not a failure.
    case probeFinding
    /// A probe that could not run, without `--strict`: reported as skipped.
    case probeError
    /// A contract case skipped under `--require-all`: counts as an error.
    case requiredSkipped
    /// A failure an expectation accepted (``CaseResult/expectedFailure``): counted apart, JUnit
    /// `<skipped message="expected failure: …">`, exit unaffected.
    case expected
    /// A probe's failure an expectation accepted, without `--strict`: shown as ``expected``, but it judges nothing.
    case probeExpected

    /// The verdict on a case with this `outcome`, `kind`, harm and expected failure, in a run with these flags.
    public init(
        outcome: Outcome, kind: ConformanceCase.Kind, harmful: Bool, expectedFailure: Bool, strict: Bool, requireAll: Bool
    ) {
        // A case counts towards the run's verdict when it is a contract case, when the run is strict, and when
        // its answers showed harm (a probe's harm fails the run too).
        let counted = kind == .contract || strict || (outcome == .failed && harmful)
        switch outcome {
        case .passed: self = counted ? .passed : .probePassed
        case .failed where expectedFailure: self = counted ? .expected : .probeExpected
        case .failed: self = counted ? .failed : .probeFinding
        case .error: self = counted ? .error : .probeError
        case .skipped: self = counted && requireAll ? .requiredSkipped : .skipped
        }
    }

    /// The verdict on `result` in a run with these flags.
    public init(judging result: CaseResult, strict: Bool, requireAll: Bool) {
        self.init(
            outcome: result.outcome, kind: result.kind, harmful: !result.harm.isEmpty,
            expectedFailure: result.expectedFailure != nil, strict: strict, requireAll: requireAll)
    }

    /// What the verdict does to the run's exit code (``RunResult/exitCode``).
    public enum Weight: Sendable, Hashable {
        /// The run fails (exit 1).
        case fails
        /// The run has no verdict (exit 3) unless something fails it.
        case leavesUnjudged
        /// A judgement: a run needs at least one to pass (exit 0).
        case judges
        /// Nothing either way.
        case none
    }

    public var weight: Weight {
        switch self {
        case .failed: return .fails
        case .error, .requiredSkipped: return .leavesUnjudged
        case .passed, .expected: return .judges
        case .probePassed, .probeExpected, .skipped, .probeFinding, .probeError: return .none
        }
    }

    /// Shown as passed: ``passed`` or ``probePassed``.
    public var isPass: Bool { self == .passed || self == .probePassed }

    /// Shown as an expected failure: ``expected`` or ``probeExpected``.
    public var isExpected: Bool { self == .expected || self == .probeExpected }

    /// The JUnit element the case gets: nil (passed), `failure`, `error` or `skipped`.
    public var junitElement: String? {
        switch self {
        case .passed, .probePassed, .probeFinding: return nil
        case .failed: return "failure"
        case .error, .requiredSkipped: return "error"
        case .skipped, .probeError, .expected, .probeExpected: return "skipped"
        }
    }

    /// How the case counts, in summary.json's `countsAs` and the counts of every report.
    public var countsAs: String {
        switch self {
        case .passed, .probePassed: return "passed"
        case .failed: return "failed"
        case .error, .requiredSkipped: return "error"
        case .skipped, .probeError: return "skipped"
        case .probeFinding: return "finding"
        case .expected, .probeExpected: return "expected"
        }
    }

    /// One word for people.
    public var word: String {
        switch self {
        case .passed, .probePassed: return "PASS"
        case .failed: return "FAIL"
        case .error, .requiredSkipped: return "ERROR"
        case .skipped, .probeError: return "SKIP"
        case .probeFinding: return "PROBE"
        case .expected, .probeExpected: return "XFAIL"
        }
    }
}
