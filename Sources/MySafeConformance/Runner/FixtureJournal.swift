/// The runner's memory of every fixture it touched: the original state learned from the first
/// answer, the state it believes now, and whether anything it sent may have changed it (docs/DESIGN.md#safety-rules).
///
/// Where the profile documents no answer for a repeat call (v3-32), a target may answer one with the plain
/// success text; then a success proves only the state after the call (docs/DESIGN.md#safety-rules).
/// Until the target shows how it answers a repeat call, an original state learned from a plain success is
/// provisional; once it answers one with the plain success text, those are forgotten and the declared states
/// (`fixtures.secrets[].state`) are the only originals left.
public actor FixtureJournal {
    public struct Entry: Sendable, Hashable {
        public var fixture: Int
        public var role: FixtureRole
        public var original: SecretState?
        public var current: SecretState?
        /// A request about it got an answer the runner could not read (2xx, 5xx, no answer): it may have changed.
        public var possiblyChanged: Bool
        /// Set when two answers about it contradict each other (one says it was active right after another
        /// left it inactive): the target's word about it, the original state included, cannot be trusted.
        public var contradiction: String?
        /// The original state the configuration declares, if any.
        public var declared: SecretState?
        /// Set when the first answer contradicts the declared state (reported, not acted upon).
        public var declarationMismatch: String?
        /// The original state was read from a plain success ("activated successfully": it was inactive), which
        /// says so only if the target answers a repeat call otherwise.
        public var originalFromSuccess = false
        /// A success may have changed it before its original state could be learned, and the target's answers
        /// do not tell what it was: only a declared state can restore it.
        public var originalHidden = false
    }

    /// How the target answers a repeat call (activating an active secret) where the profile documents no answer.
    public enum RepeatAnswers: Sendable, Hashable {
        /// Not seen yet.
        case unknown
        /// An "already" answer or a refusal: a plain success means the state changed.
        case distinct
        /// The plain success text: no answer tells the state before a call. The evidence, in one line.
        case plainSuccess(String)
    }

    private var entries: [Int: Entry] = [:]
    private var order: [Int] = []
    private let declared: [Int: SecretState]
    /// Operations whose repeat-call answer the profile in use does not document.
    private var undocumentedRepeats: Set<Operation> = []
    public private(set) var repeatAnswers: RepeatAnswers = .unknown
    private var profileID = ""
    /// Told once, when the target shows that its answers do not reveal a secret's state.
    private let onStatesHidden: @Sendable (String) -> Void

    public init(declared: [Int: SecretState] = [:], onStatesHidden: @escaping @Sendable (String) -> Void = { _ in }) {
        self.declared = declared
        self.onStatesHidden = onStatesHidden
    }

    /// The profile the checks use: where it documents no repeat-call answer, a plain success may be one.
    public func use(_ profile: Profile) {
        undocumentedRepeats = Set([Operation.activate, .deactivate].filter { !profile.documents($0.idempotentKey) })
        profileID = profile.id
    }

    /// The evidence that no answer of this target tells a secret's state before a call, or nil.
    public var hiddenStatesEvidence: String? {
        if case .plainSuccess(let evidence) = repeatAnswers { return evidence }
        return nil
    }

    /// Whether a plain success to `operation` may be this target's answer to a repeat call: the profile documents
    /// none, and the target has not shown that it answers one otherwise.
    public func mayHideStates(_ operation: Operation) -> Bool {
        undocumentedRepeats.contains(operation) && repeatAnswers != .distinct
    }

    /// Whether an original state learned from a plain success may be wrong: the profile documents no repeat-call
    /// answer for it and the target has not yet shown that it answers one otherwise.
    public func isProvisional(_ entry: Entry) -> Bool {
        entry.originalFromSuccess && repeatAnswers != .distinct && !undocumentedRepeats.isEmpty
    }

    /// Records that a request about `fixture` was sent and what its answer said; returns the reading as far as
    /// this target's answers prove it (``StateReading/provesBefore`` false once they do not reveal the state before).
    @discardableResult
    public func note(fixture: Int, role: FixtureRole, reading: StateReading?, status: Int?, operation: Operation? = nil) -> StateReading? {
        var entry = entries[fixture] ?? Entry(fixture: fixture, role: role, original: nil, current: nil, possiblyChanged: false, declared: declared[fixture])
        if entries[fixture] == nil { order.append(fixture) }
        var result = reading
        if var reading {
            let operation = Operation(toReach: reading.after)
            let plainSuccess = reading.before != reading.after
            if !plainSuccess {
                if undocumentedRepeats.contains(operation), repeatAnswers == .unknown { repeatAnswers = .distinct }
            } else if undocumentedRepeats.contains(operation), entry.current == reading.after, repeatAnswers == .unknown {
                // A plain success for a secret already in that state: a repeat call answered as v3-32 allows.
                learnHiddenStates("\(operation.rawValue) \(fixture) answered the plain success text although the secret was already \(reading.after.rawValue), and the \(profileID) pages document no answer for a repeat call")
                entry = entries[fixture] ?? entry
            }
            if plainSuccess, hiddenStatesEvidence != nil { reading.provesBefore = false }
            if !reading.provesBefore {
                if entry.original == nil && !entry.possiblyChanged { entry.originalHidden = true }
            } else {
                if entry.original == nil && !entry.possiblyChanged && !entry.originalHidden {
                    entry.original = reading.before
                    entry.originalFromSuccess = plainSuccess
                    if let declared = entry.declared, declared != reading.before {
                        entry.declarationMismatch = "the configuration declares it \(declared.rawValue), but the first answer said it was \(reading.before.rawValue); the target's answer is used"
                    }
                }
                if let current = entry.current, current != reading.before, entry.contradiction == nil {
                    entry.contradiction = "an answer said it was \(reading.before.rawValue) right after another had left it \(current.rawValue), with no change in between"
                }
            }
            entry.current = reading.after
            result = reading
        } else if let status, (300..<500).contains(status) {
            // Refused or redirected: documented not to change anything. A refused repeat call is no plain success.
            if status == 400, let operation, undocumentedRepeats.contains(operation), entry.current == operation.resultingState,
                repeatAnswers == .unknown
            {
                repeatAnswers = .distinct
            }
        } else {
            entry.possiblyChanged = true
            entry.current = nil
        }
        entries[fixture] = entry
        return result
    }

    /// The target answered a repeat call with the plain success text: originals read from plain successes
    /// are forgotten (they were never proved), and the runner is told once.
    private func learnHiddenStates(_ evidence: String) {
        guard hiddenStatesEvidence == nil else { return }
        repeatAnswers = .plainSuccess(evidence)
        for (fixture, var entry) in entries where entry.originalFromSuccess {
            entry.original = nil
            entry.originalFromSuccess = false
            entry.originalHidden = true
            entry.declarationMismatch = nil
            entries[fixture] = entry
        }
        onStatesHidden(evidence)
    }

    public func entry(_ fixture: Int) -> Entry? { entries[fixture] }

    /// Every entry, in the order fixtures were first touched.
    public func all() -> [Entry] { order.compactMap { entries[$0] } }
}
