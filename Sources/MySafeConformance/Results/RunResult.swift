/// Everything a run produced: the reports are views of this value.
public struct RunResult: Sendable, Hashable {
    public var target: String
    /// The configuration's `name` for the target (`sp-prod`), or nil: it names the run in every report and in `merge`.
    public var name: String?
    public var requestedProfile: String
    /// The profile the checks used; for `auto`, the one detected (nil when detection failed).
    public var detectedProfile: String?
    /// How the profile was chosen, in one line (`deactivate answered "API secret  successfully deactivated"`).
    public var profileEvidence: String?
    public var toolVersion: String
    /// SHA-256 of the case set (files and profiles), so two runs can be compared.
    public var caseSetDigest: String
    public var hostname: String
    public var startedAt: String
    public var durationSeconds: Double
    public var cases: [CaseResult]
    public var restore: [RestoreRecord]
    public var drift: [DriftFinding]
    public var interrupted: Bool
    public var strict: Bool
    public var requireAll: Bool
    /// Exchanges outside any case (profile detection, restore).
    public var runExchanges: [Exchange]
    /// For an https target, whether its certificate and host name were verified (false under `--insecure`);
    /// nil for http.
    public var tlsVerified: Bool?
    /// The proxy the run went through (`http://host:port`, never its credentials), or nil.
    public var proxy: String?
    /// Seconds spent detecting the profile (0 when it was requested).
    public var detectionSeconds: Double = 0
    /// Seconds spent restoring and verifying fixtures after the cases.
    public var restoreSeconds: Double = 0
    /// Set when the target's answers do not reveal a secret's state before a call (a v3-32 reading).
    public var hiddenStates: HiddenStates?
    /// Whether the restore was abandoned (a third signal): the fixtures not proved restored are in `restore`,
    /// each with its original state and the request to send by hand.
    public var restoreAbandoned = false
    /// The routes (or the whole target) the run stopped sending to, and why (``SickTargetGuard``).
    public var stoppedSending: [SickTargetGuard.Stop] = []

    /// The cases the run did not send because it had stopped sending to a sick target: errors whose
    /// reason says why (their requests failed with ``TransportError/notSent(_:)``).
    public var notSentCases: [CaseResult] { cases.filter(\.wasNotSent) }

    public init(
        target: String, requestedProfile: String, detectedProfile: String?, profileEvidence: String?, toolVersion: String,
        caseSetDigest: String, hostname: String, startedAt: String, durationSeconds: Double, cases: [CaseResult],
        restore: [RestoreRecord], drift: [DriftFinding], interrupted: Bool, strict: Bool, requireAll: Bool,
        runExchanges: [Exchange] = []
    ) {
        self.target = target
        self.requestedProfile = requestedProfile
        self.detectedProfile = detectedProfile
        self.profileEvidence = profileEvidence
        self.toolVersion = toolVersion
        self.caseSetDigest = caseSetDigest
        self.hostname = hostname
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.cases = cases
        self.restore = restore
        self.drift = drift
        self.interrupted = interrupted
        self.strict = strict
        self.requireAll = requireAll
        self.runExchanges = runExchanges
    }

    public func count(_ outcome: Outcome) -> Int { cases.filter { $0.outcome == outcome }.count }

    /// Failed cases an expectation accepted (counted apart, exit unaffected).
    public var expectedCount: Int { cases.filter(\.verdict.isExpected).count }

    /// Whether any fixture was left in a state other than its original one (or could not be verified).
    public var restoreFailed: Bool { restore.contains { !$0.verified } }

    /// The loudest line of a run whose restore failed: "left changed" only when a fixture is known changed.
    public var restoreHeadline: String {
        if restoreAbandoned {
            return "RESTORE ABANDONED: fixtures were left as they are; put each back by hand as listed."
        }
        return restore.contains(where: \.knownChanged)
            ? "RESTORE FAILED: the target was left changed."
            : "RESTORE NOT VERIFIED: the state of a fixture could not be confirmed; check it by hand."
    }

    /// The exit code for this result (docs/DESIGN.md#exit-codes; the README's "Exit codes"), from the restore, the
    /// interruption and the verdict stored on each case (``CaseResult/verdict``) alone.
    public var exitCode: ExitCode {
        if restoreFailed { return .restoreFailed }
        if interrupted { return .interrupted }
        let weights = Set(cases.map(\.verdict.weight))
        if weights.contains(.fails) { return .failed }
        if weights.contains(.leavesUnjudged) || !weights.contains(.judges) { return .noVerdict }
        return .passed
    }
}

/// What the runner did to put one fixture back as it found it.
public struct RestoreRecord: Sendable, Hashable {
    public var fixture: Int
    public var role: String
    /// The state learned from the first answer about it; nil when never learned.
    public var originalState: SecretState?
    /// The state verified at the end; nil when it could not be verified.
    public var finalState: SecretState?
    /// Whether final == original was proved by an answer of the target.
    public var verified: Bool
    /// What happened, in one line; for a failure, what to do by hand.
    public var detail: String

    /// Not restored, and the target's own answers say it is in another state than it was.
    public var knownChanged: Bool {
        !verified && originalState != nil && finalState != nil && originalState != finalState
    }

    /// `secret 43 was active, is now inactive` (known changed) or `could not confirm secret 43's state: …` (not verified).
    public var statement: String {
        if knownChanged, let originalState, let finalState {
            return "secret \(fixture) was \(originalState.rawValue), is now \(finalState.rawValue)"
        }
        return "could not confirm secret \(fixture)'s state: \(detail)"
    }

    public init(fixture: Int, role: String, originalState: SecretState?, finalState: SecretState?, verified: Bool, detail: String) {
        self.fixture = fixture
        self.role = role
        self.originalState = originalState
        self.finalState = finalState
        self.verified = verified
        self.detail = detail
    }
}

/// What the target does about one documented disagreement (docs/DESIGN.md#documentation-drift).
public struct DriftFinding: Sendable, Hashable {
    /// `D1` … `D6`.
    public var id: String
    public var topic: String
    /// What the documents say, with citations.
    public var documented: String
    /// What the target answered; "not observed" when no case reached it.
    public var observed: String
    public init(id: String, topic: String, documented: String, observed: String) {
        self.id = id
        self.topic = topic
        self.documented = documented
        self.observed = observed
    }
}
