import Foundation

/// Runs the selected cases against the target, restores every fixture it touched, and returns the result.
public struct Runner: Sendable {
    public var configuration: Configuration
    public var cases: [ConformanceCase]
    public var profiles: [String: Profile]
    public var caseSetDigest: String
    public var options: RunOptions
    public var transport: any HTTPTransport
    public var control: RunControl
    /// Called as each case finishes (console output), from any task.
    public var onCaseFinished: @Sendable (CaseResult) -> Void
    /// Called when the restore phase starts, with the number of fixtures to restore.
    public var onRestoreStarted: @Sendable (Int) -> Void
    /// Called once, as soon as the target shows that its answers do not reveal a secret's state.
    public var onStatesHidden: @Sendable (HiddenStates) -> Void
    public let recorder = ExchangeRecorder()

    public init(
        configuration: Configuration, cases: [ConformanceCase], profiles: [String: Profile], caseSetDigest: String,
        options: RunOptions, transport: any HTTPTransport, control: RunControl = RunControl(),
        onCaseFinished: @escaping @Sendable (CaseResult) -> Void = { _ in },
        onRestoreStarted: @escaping @Sendable (Int) -> Void = { _ in },
        onStatesHidden: @escaping @Sendable (HiddenStates) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.cases = cases
        self.profiles = profiles
        self.caseSetDigest = caseSetDigest
        self.options = options
        self.transport = transport
        self.control = control
        self.onCaseFinished = onCaseFinished
        self.onRestoreStarted = onRestoreStarted
        self.onStatesHidden = onStatesHidden
    }

    /// Problems that stop the run before anything is sent (exit 2).
    public func validate() throws(ConfigurationError) {
        var problems: [Problem] = []
        if configuration.profile != "auto" && profiles[configuration.profile] == nil {
            problems.append(configuration.origin(of: "profile").problem(
                "profile '\(configuration.profile)' is not known\(Suggestion.hint(for: configuration.profile, among: profiles.keys.sorted())); known: auto, \(profiles.keys.sorted().joined(separator: ", "))"))
        }
        if !RunOptions.jobsRange.contains(options.jobs) {
            problems.append(.wholeNumber(option: "jobs", range: RunOptions.jobsRange, got: String(options.jobs)))
        }
        if options.select(cases).isEmpty {
            problems.append(Problem(
                message: "no case matches --filter \(options.filter ?? "*")\(options.tags.isEmpty ? "" : " and --tags \(options.tags.joined(separator: ","))")",
                suggestion: "see 'mysafe-conformance list'"))
        }
        if let expectations = options.expectations {
            problems += expectations.problems(knownCases: cases.map(\.id))
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }

    /// The names an expectation's `targets` may use for this target: its configured name and base URL.
    public var targetNames: [String] { [configuration.name].compactMap { $0 } + configuration.otherNames + [configuration.baseURL] }

    /// `result` as the run judges it when it finishes: after the expectations (if any), with its verdict under the
    /// run's `--strict` and `--require-all` (``CaseResult/verdict``).
    private func judged(_ result: CaseResult) -> CaseResult {
        let expected = options.expectations?.apply(to: result, targetNames: targetNames, today: options.today) ?? result
        return expected.judged(strict: options.strict, requireAll: options.requireAll)
    }

    public func run() async -> RunResult {
        let started = Date()
        let fixtures = configuration.fixtures
        let onStatesHidden = self.onStatesHidden
        let journal = FixtureJournal(declared: fixtures.declaredStates) { evidence in
            onStatesHidden(HiddenStates(evidence: evidence, secrets: fixtures.secrets, declared: fixtures.declaredStates))
        }
        // Every request goes through the guard: a sick target stops getting what would fail the same way.
        let sick = SickTargetGuard(wrapping: transport)
        let tokens = TokenProvider(configuration: configuration, transport: sick, recorder: recorder)
        var runExchanges: [Exchange] = []
        let selected = options.select(cases)

        // The profile: as requested, or detected on the first pool fixture.
        var profile = profiles[configuration.profile]
        var detectedProfile = profile?.id
        var evidence: String?
        let detectionStarted = Date()
        let fallback = ProfileDetection(profiles: profiles).newestFirst.first
        if configuration.profile == "auto" {
            let detection = ProfileDetection(profiles: profiles)
            if let fixture = configuration.fixtures.secrets.first, configuration.identities["owner"] != nil {
                let client = makeClient(profile: fallback!, journal: journal, tokens: tokens, transport: sick)
                let detected = await detection.detect(using: client, fixture: fixture)
                runExchanges += detected.exchanges
                profile = detected.profile
                detectedProfile = detected.profile?.id
                evidence = detected.evidence
            } else {
                evidence = "not detected: auto detection needs identities.owner and fixtures.secrets"
            }
            if profile == nil {
                profile = fallback
                evidence = (evidence ?? "not detected") + "; assumed \(fallback?.id ?? "none") (the newest profile)"
            }
        } else {
            evidence = "requested"
        }
        let detectionSeconds = configuration.profile == "auto" ? Date().timeIntervalSince(detectionStarted) : 0
        let chosen = profile!
        await journal.use(chosen)
        let client = makeClient(profile: chosen, journal: journal, tokens: tokens, transport: sick)
        let executor = CaseExecutor(client: client, configuration: configuration)

        // The cases, each holding its fixtures exclusively; up to `jobs` at once.
        let pool = FixturePool(secrets: configuration.fixtures.secrets)
        let control = self.control
        var results = await OrderedConcurrency.map(
            selected, limit: options.jobs, while: { !control.isInterrupted }, onResult: onCaseFinished
        ) { testCase in
            judged(await run(testCase, executor: executor, pool: pool))
        }.compactMap { $0 }
        if control.isInterrupted {
            let done = Set(results.map(\.id))
            for testCase in selected where !done.contains(testCase.id) {
                results.append(Self.notRun(testCase, reason: "not run: the run was interrupted", cause: .interrupted)
                    .judged(strict: options.strict, requireAll: options.requireAll))
            }
        }

        // Restore every fixture the run touched, and prove it.
        let restoreStarted = Date()
        let entries = await journal.all()
        onRestoreStarted(entries.count)
        sick.beginRestore()
        let restoreIdentities = ["owner", "outsider"].filter { configuration.identities[$0] != nil }
            + configuration.identities.keys.sorted().filter { $0 != "owner" && $0 != "outsider" }
        let (restored, restoreExchanges) = await restoreAll(
            entries.filter(\.role.isMutable), client: client, journal: journal, identities: restoreIdentities)
        runExchanges += restoreExchanges

        let restoreSeconds = Date().timeIntervalSince(restoreStarted)
        var hiddenStates: HiddenStates?
        if let evidence = await journal.hiddenStatesEvidence {
            var current: [Int: SecretState] = [:]
            for entry in await journal.all() { current[entry.fixture] = entry.current }
            hiddenStates = HiddenStates(evidence: evidence, secrets: fixtures.secrets, declared: fixtures.declaredStates, current: current)
        }

        let allExchanges = runExchanges + results.flatMap(\.exchanges)
        var result = RunResult(
            target: configuration.baseURL, requestedProfile: configuration.profile, detectedProfile: detectedProfile,
            profileEvidence: evidence, toolVersion: ToolInfo.version, caseSetDigest: caseSetDigest,
            hostname: ProcessInfo.processInfo.hostName, startedAt: Timestamp.iso(started),
            durationSeconds: Date().timeIntervalSince(started), cases: results, restore: restored,
            drift: DriftFindings.build(cases: results, profileEvidence: evidence, configuration: configuration, exchanges: allExchanges),
            interrupted: control.isInterrupted, strict: options.strict, requireAll: options.requireAll,
            runExchanges: runExchanges)
        result.name = configuration.name
        result.restoreAbandoned = control.isRestoreAbandoned
        result.stoppedSending = sick.stops
        result.detectionSeconds = detectionSeconds
        result.restoreSeconds = restoreSeconds
        result.hiddenStates = hiddenStates
        return result
    }

    /// Restores `entries` one after another, unless the restore is abandoned (``RunControl/abandonRestore()``):
    /// then it returns at once, without waiting for the request in flight, and every fixture not yet proved
    /// restored gets a record naming its original state and the request to send by hand.
    private func restoreAll(
        _ entries: [FixtureJournal.Entry], client: TargetClient, journal: FixtureJournal, identities: [String]
    ) async -> (records: [RestoreRecord], exchanges: [Exchange]) {
        let done = LockedBox<[(record: RestoreRecord, exchanges: [Exchange])]>([])
        let restoring = Task {
            for entry in entries {
                if control.isRestoreAbandoned { return }
                let record = await self.restore(entry, client: client, journal: journal, identities: identities)
                done.withLock { $0.append(record) }
            }
        }
        // Whichever comes first: the restore's end or its abandonment.
        let finished: Bool = await withCheckedContinuation { continuation in
            let once = LockedBox<CheckedContinuation<Bool, Never>?>(continuation)
            let handler = control.onAbandon { once.withLock { $0.take() }?.resume(returning: false) }
            Task {
                await restoring.value
                control.removeAbandonHandler(handler)
                once.withLock { $0.take() }?.resume(returning: true)
            }
        }
        let completed = done.withLock { $0 }
        var records = completed.map(\.record)
        let exchanges = completed.flatMap(\.exchanges)
        if !finished {
            let current = await journal.all()
            for entry in entries.dropFirst(completed.count) {
                records.append(Self.abandoned(current.first { $0.fixture == entry.fixture } ?? entry))
            }
        }
        return (records, exchanges)
    }

    /// The record of a fixture whose restore was abandoned: its original state and the request to send by hand.
    static func abandoned(_ entry: FixtureJournal.Entry) -> RestoreRecord {
        let fixture = entry.fixture
        let prefix = "RESTORE ABANDONED (third signal) before secret \(fixture) was proved restored"
        guard let original = entry.original ?? entry.declared else {
            if !entry.possiblyChanged && entry.contradiction == nil {
                return RestoreRecord(fixture: fixture, role: entry.role.rawValue, originalState: nil, finalState: nil, verified: true, detail: "untouched: every request about it was refused")
            }
            return RestoreRecord(
                fixture: fixture, role: entry.role.rawValue, originalState: nil, finalState: nil, verified: false,
                detail: "\(prefix); its original state was never learned: check secret \(fixture) by hand")
        }
        let operation = Operation(toReach: original)
        return RestoreRecord(
            fixture: fixture, role: entry.role.rawValue, originalState: original, finalState: nil, verified: false,
            detail: "\(prefix); it was \(original.rawValue): by hand: \(operation.rawValue) secret \(fixture) (POST \(operation.path(for: fixture))) as its owner and confirm the answer")
    }

    /// Puts one fixture back in its original state and proves it, or says why it cannot and what to do by hand.
    private func restore(
        _ entry: FixtureJournal.Entry, client: TargetClient, journal: FixtureJournal, identities: [String]
    ) async -> (record: RestoreRecord, exchanges: [Exchange]) {
        let fixture = entry.fixture
        let role = entry.role.rawValue
        func failed(_ detail: String, original: SecretState? = entry.original) -> RestoreRecord {
            RestoreRecord(fixture: fixture, role: role, originalState: original, finalState: nil, verified: false, detail: detail)
        }
        if let contradiction = entry.contradiction {
            // Acting on an original state learned from a target that contradicts itself could cause the very change we must avoid.
            return (failed("not restored: the target's answers about it contradict each other (\(contradiction)), so neither its original state (\(entry.original?.rawValue ?? "unknown") by its first answer) nor any restore can be trusted; check secret \(fixture) by hand"), [])
        }
        var latest = entry
        var exchanges: [Exchange] = []
        if await journal.isProvisional(latest), let current = latest.current, let identity = identities.first {
            // Its original state was read from a plain success, which says so only if the target answers a repeat
            // call otherwise: one repeat call (a transition to the state it is in, which changes nothing) tells.
            let operation = Operation(toReach: current)
            let probe = await client.send(method: "POST", path: operation.path(for: fixture), identity: identity, purpose: .restore, fixtures: [(fixture, latest.role)])
            exchanges += probe.exchanges
            latest = await journal.entry(fixture) ?? latest
            if let contradiction = latest.contradiction {
                return (failed("not restored: the target's answers about it contradict each other (\(contradiction)); check secret \(fixture) by hand"), exchanges)
            }
        }
        func hidden(_ detail: String) async -> RestoreRecord {
            var record = failed(detail, original: nil)
            // The state the last readable answer left it in (nil when an answer since said nothing readable).
            record.finalState = await journal.entry(fixture)?.current
            return record
        }
        let hiddenReason = await journal.hiddenStatesEvidence.map { _ in
            "its original state cannot be known: this target answers a repeat call with the plain success text, so no answer tells a secret's state before a call, and the configuration declares none for it; declare it in \(HiddenStates.configurationKey) and run again"
        }
        guard let original = latest.original ?? latest.declared else {
            if latest.originalHidden {
                return (await hidden(hiddenReason ?? "its original state was never learned: a success may have changed it first, and this target's answers need not tell a state before a call (v3-32 documents no answer for a repeat call); declare it (\(HiddenStates.configurationKey)) and run again"), exchanges)
            }
            if entry.possiblyChanged {
                return (failed("its original state was never learned (no readable answer) and a request about it may have changed it: check secret \(fixture) by hand"), exchanges)
            }
            return (RestoreRecord(fixture: fixture, role: role, originalState: nil, finalState: nil, verified: true, detail: "untouched: every request about it was refused"), exchanges)
        }
        let operation = Operation(toReach: original)
        let byHand = "by hand: \(operation.rawValue) secret \(fixture) (POST \(operation.path(for: fixture)))"
        let settled = await client.settle(fixture: fixture, role: entry.role, to: original, identities: identities, purpose: .restore, confirmations: 2)
        exchanges += settled.exchanges
        if let problem = settled.problem {
            var record = failed("could not restore to \(original.rawValue): \(problem); \(byHand)", original: original)
            // What the target's last readable answer left it in, when nothing since may have changed it.
            if let now = await journal.entry(fixture), now.contradiction == nil, !now.possiblyChanged { record.finalState = now.current }
            return (record, exchanges)
        }
        let now = await journal.entry(fixture)
        if let contradiction = now?.contradiction {
            return (failed("restore to \(original.rawValue) not proved: the target's answers contradict each other (\(contradiction)); \(byHand)"), exchanges)
        }
        if now?.original == nil, entry.declared == nil {
            // The restore's own repeat call showed that the original it acted on was never proved.
            return (await hidden(hiddenReason ?? "its original state was never proved; check secret \(fixture) by hand"), exchanges)
        }
        var detail: String
        if let original = now?.original ?? latest.original {
            detail = settled.before.map { $0 != original } ?? true ? "restored to \(original.rawValue) and verified" : "left \(original.rawValue) as found (verified)"
            if latest.original == nil { detail += "; original state as the configuration declares it (no answer before the first change was readable)" }
        } else {
            detail = "restored to \(original.rawValue), the state the configuration declares (this target's answers do not tell a state before a call), and proved by the answer to \(operation.rawValue)"
        }
        if let mismatch = now?.declarationMismatch ?? latest.declarationMismatch { detail += "; \(mismatch)" }
        return (RestoreRecord(fixture: fixture, role: role, originalState: original, finalState: original, verified: true, detail: detail), exchanges)
    }

    /// Every secret the reports must hide: configured client secrets and tokens issued during the run.
    public var secrets: [String] { configuration.secrets + recorder.secrets }

    private func makeClient(profile: Profile, journal: FixtureJournal, tokens: TokenProvider, transport: any HTTPTransport) -> TargetClient {
        TargetClient(
            configuration: configuration, transport: transport, tokens: tokens, journal: journal, recorder: recorder,
            settings: CheckSettings(profile: profile, lenientMessages: options.lenientMessages, strict: options.strict),
            vocabulary: StateVocabulary(profiles: Array(profiles.values)))
    }

    private func run(_ testCase: ConformanceCase, executor: CaseExecutor, pool: FixturePool) async -> CaseResult {
        if let reason = CaseExecutor.skipReason(for: testCase, configuration: configuration) {
            // Skipped; under --require-all its verdict (CaseVerdict.requiredSkipped) makes it count as an error.
            return Self.notRun(testCase, reason: reason, cause: .configuration)
        }
        var bindings: [FixtureRole: Int] = [:]
        for role in testCase.fixtures.sorted() {
            switch role {
            case .secret: bindings[.secret] = await pool.leaseSecret()
            case .foreignSecret:
                await pool.leaseForeign()
                bindings[.foreignSecret] = configuration.fixtures.foreignSecret
            case .missingSecret: bindings[.missingSecret] = configuration.fixtures.missingSecret
            }
        }
        let result = await executor.run(testCase, bindings: bindings)
        if let secret = bindings[.secret] { await pool.release(secret: secret) }
        if bindings[.foreignSecret] != nil { await pool.releaseForeign() }
        return result
    }

    static func notRun(_ testCase: ConformanceCase, reason: String, cause: SkipCause) -> CaseResult {
        var result = CaseResult(
            id: testCase.id, title: testCase.title, group: testCase.group, kind: testCase.kind, tags: testCase.tags,
            docs: testCase.docs, drift: testCase.drift, outcome: .skipped, reason: reason, steps: [], observations: [],
            exchanges: [], boundFixtures: [:], startedAt: Timestamp.iso(Date()), durationSeconds: 0)
        result.skipCause = cause
        return result
    }
}
