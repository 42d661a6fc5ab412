/// What happened when one case ran.
public struct CaseResult: Sendable, Hashable {
    public struct StepResult: Sendable, Hashable {
        /// What the step is for, as the runner knew when it made it: the reports decide by this, never by ``name``.
        public enum Role: Sendable, Hashable {
            /// Bringing a fixture to the state the case's `given` names, before the case's own steps.
            case arrange
            /// One of the case's own steps: a request whose answer is checked.
            case act
            /// The step an expectation adds for an outcome it did not expect (``ExpectationSet``).
            case expectation
        }

        public var index: Int
        public var role: Role
        public var name: String
        public var outcome: Outcome
        public var failures: [CheckFailure]
        /// Broken expectations of grade inferred: shown, never failing the step (unless `--strict`, which makes them failures).
        public var warnings: [CheckFailure]
        /// The answer summarised for people and drift findings: `200 "Api secret activated successfully"`.
        public var observed: String?
        public var durationSeconds: Double
        public init(index: Int, name: String, outcome: Outcome, failures: [CheckFailure], warnings: [CheckFailure] = [], observed: String?, durationSeconds: Double, role: Role = .act) {
            self.index = index
            self.role = role
            self.name = name
            self.outcome = outcome
            self.failures = failures
            self.warnings = warnings
            self.observed = observed
            self.durationSeconds = durationSeconds
        }
    }

    public var id: String
    public var title: String
    public var group: String
    public var kind: ConformanceCase.Kind
    public var tags: [String]
    public var docs: [DocumentReference]
    public var drift: [String]
    public var outcome: Outcome
    /// Why the case was skipped or could not be judged, in one line.
    public var reason: String?
    /// When the case did not run, or stopped, for a cause of the run (an interruption, the configuration, a sick
    /// target): which; nil when the target's answers decided its outcome.
    public var skipCause: SkipCause?
    public var steps: [StepResult]
    public var observations: [Observation]
    public var exchanges: [Exchange]
    /// Fixture ids the case was bound to, by role.
    public var boundFixtures: [String: Int]
    /// ISO 8601 start time, without zone (UTC).
    public var startedAt: String
    public var durationSeconds: Double
    /// Broken expectations that are not failures (grade "inferred" without `--strict`): the case keeps
    /// its outcome and the reports list them (Reports/README.md#warnings-and-expected-failures).
    public var warnings: [CaseWarning] = []
    /// When the case failed as an expectation says it would: the expectation's reason. Its outcome
    /// stays `failed`; it counts apart, as "expected" (see ``ExpectationSet``), and the reports render it
    /// as Reports/README.md#warnings-and-expected-failures says.
    public var expectedFailure: String?
    /// How the case counts in its run (``CaseVerdict``): the runner stores it when the case finishes, from the
    /// run's `--strict` and `--require-all` (``judged(strict:requireAll:)``); the exit code and every report read
    /// it. A result made outside a run is judged as a run without either flag would judge it.
    public var verdict: CaseVerdict

    public init(
        id: String, title: String, group: String, kind: ConformanceCase.Kind, tags: [String], docs: [DocumentReference],
        drift: [String], outcome: Outcome, reason: String?, steps: [StepResult], observations: [Observation],
        exchanges: [Exchange], boundFixtures: [String: Int], startedAt: String, durationSeconds: Double,
        expectedFailure: String? = nil
    ) {
        self.expectedFailure = expectedFailure
        self.id = id
        self.title = title
        self.group = group
        self.kind = kind
        self.tags = tags
        self.docs = docs
        self.drift = drift
        self.outcome = outcome
        self.reason = reason
        self.steps = steps
        self.observations = observations
        self.exchanges = exchanges
        self.boundFixtures = boundFixtures
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.verdict = CaseVerdict(
            outcome: outcome, kind: kind, harmful: steps.contains { $0.failures.contains { $0.harm != nil } },
            expectedFailure: expectedFailure != nil, strict: false, requireAll: false)
    }

    /// This result with its verdict in a run with these flags (``CaseVerdict/init(judging:strict:requireAll:)``).
    public func judged(strict: Bool, requireAll: Bool) -> CaseResult {
        var result = self
        result.verdict = CaseVerdict(judging: self, strict: strict, requireAll: requireAll)
        return result
    }

    /// Every failed check of every step, in order.
    public var failures: [CheckFailure] { steps.flatMap(\.failures) }

    /// The failed checks that are harm (docs/EVIDENCE.md#harm), in order.
    public var harm: [CheckFailure] { failures.filter { $0.harm != nil } }

    /// Whether the case got no verdict because its request was not sent to a sick target
    /// (``SkipCause/notSent(_:)``, README "A sick target").
    public var wasNotSent: Bool {
        skipCause?.isNotSent == true
    }

    /// Whether the case did not run because the run was interrupted first (``SkipCause/interrupted``).
    public var wasInterrupted: Bool {
        skipCause == .interrupted
    }


}
