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
    public let recorder = ExchangeRecorder()

    public init(
        configuration: Configuration, cases: [ConformanceCase], profiles: [String: Profile], caseSetDigest: String,
        options: RunOptions, transport: any HTTPTransport, control: RunControl = RunControl(),
        onCaseFinished: @escaping @Sendable (CaseResult) -> Void = { _ in },
        onRestoreStarted: @escaping @Sendable (Int) -> Void = { _ in }
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
    }

    /// Problems that stop the run before anything is sent (exit 2).
    public func validate() throws(ConfigurationError) {
        var problems: [String] = []
        if configuration.profile != "auto" && profiles[configuration.profile] == nil {
            problems.append("profile '\(configuration.profile)' is not known\(Suggestion.hint(for: configuration.profile, among: profiles.keys.sorted())); known: auto, \(profiles.keys.sorted().joined(separator: ", "))")
        }
        if options.jobs < 1 || options.jobs > 64 {
            problems.append("--jobs: expected a number from 1 to 64, got \(options.jobs)")
        }
        if options.select(cases).isEmpty {
            problems.append("no case matches --filter \(options.filter ?? "*")\(options.tags.isEmpty ? "" : " and --tags \(options.tags.joined(separator: ","))"); see 'mysafe-conformance list'")
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }

    public func run() async -> RunResult {
        let started = Date()
        let journal = FixtureJournal()
        let tokens = TokenProvider(configuration: configuration, transport: transport, recorder: recorder)
        var runExchanges: [Exchange] = []
        let selected = options.select(cases)

        // The profile: as requested, or detected on the first pool fixture.
        var profile = profiles[configuration.profile]
        var evidence: String?
        let fallback = ProfileDetection(profiles: profiles).newestFirst.first
        if configuration.profile == "auto" {
            let detection = ProfileDetection(profiles: profiles)
            if let fixture = configuration.fixtures.secrets.first, configuration.identities["owner"] != nil {
                let client = makeClient(profile: fallback!, journal: journal, tokens: tokens)
                let detected = await detection.detect(using: client, fixture: fixture)
                runExchanges += detected.exchanges
                if detected.reachedTarget {
                    await journal.note(fixture: fixture, role: .secret, reading: detected.reading, status: detected.reading == nil ? (detected.firstStatus ?? 200) : nil)
                }
                profile = detected.profile
                evidence = detected.evidence
            } else {
                evidence = "not detected: auto detection needs identities.owner and fixtures.secrets"
            }
            if profile == nil {
                profile = fallback
                evidence = (evidence ?? "not detected") + "; checking against \(fallback?.id ?? "none")"
            }
        } else {
            evidence = "requested"
        }
        let chosen = profile!
        let client = makeClient(profile: chosen, journal: journal, tokens: tokens)
        let executor = CaseExecutor(client: client, configuration: configuration)

        // The cases, each holding its fixtures exclusively; up to `jobs` at once.
        let pool = FixturePool(secrets: configuration.fixtures.secrets)
        let queue = CaseQueue(selected)
        let collected = ResultCollector()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(options.jobs, selected.count)) {
                group.addTask {
                    while let (index, testCase) = await queue.next() {
                        if control.isInterrupted { break }
                        let result = await run(testCase, executor: executor, pool: pool)
                        await collected.add(index, result)
                        onCaseFinished(result)
                    }
                }
            }
        }
        var results = await collected.ordered()
        if control.isInterrupted {
            let done = Set(results.map(\.id))
            for testCase in selected where !done.contains(testCase.id) {
                results.append(Self.notRun(testCase, reason: "not run: the run was interrupted"))
            }
        }

        // Restore every fixture the run touched, and prove it.
        let entries = await journal.all()
        onRestoreStarted(entries.count)
        var restore: [RestoreRecord] = []
        let restoreIdentities = ["owner", "outsider"].filter { configuration.identities[$0] != nil }
            + configuration.identities.keys.sorted().filter { $0 != "owner" && $0 != "outsider" }
        for entry in entries where entry.role.isMutable {
            guard let original = entry.original else {
                if entry.possiblyChanged {
                    restore.append(RestoreRecord(
                        fixture: entry.fixture, role: entry.role.rawValue, originalState: nil, finalState: nil, verified: false,
                        detail: "its original state was never learned (no readable answer) and a request about it may have changed it: check secret \(entry.fixture) by hand"))
                } else {
                    restore.append(RestoreRecord(fixture: entry.fixture, role: entry.role.rawValue, originalState: nil, finalState: nil, verified: true, detail: "untouched: every request about it was refused"))
                }
                continue
            }
            let settled = await client.settle(fixture: entry.fixture, role: entry.role, to: original, identities: restoreIdentities, purpose: .restore)
            runExchanges += settled.exchanges
            if let problem = settled.problem {
                restore.append(RestoreRecord(
                    fixture: entry.fixture, role: entry.role.rawValue, originalState: original, finalState: nil, verified: false,
                    detail: "could not restore to \(original.rawValue): \(problem); by hand: \(Operation(toReach: original).rawValue) secret \(entry.fixture) (POST \(Operation(toReach: original).path(for: entry.fixture)))"))
            } else {
                let changed = settled.before != original
                restore.append(RestoreRecord(
                    fixture: entry.fixture, role: entry.role.rawValue, originalState: original, finalState: original, verified: true,
                    detail: changed ? "restored to \(original.rawValue) and verified" : "left \(original.rawValue) as found (verified)"))
            }
        }

        let allExchanges = runExchanges + results.flatMap(\.exchanges)
        return RunResult(
            target: configuration.baseURL, requestedProfile: configuration.profile, detectedProfile: chosen.id,
            profileEvidence: evidence, toolVersion: ToolInfo.version, caseSetDigest: caseSetDigest,
            hostname: ProcessInfo.processInfo.hostName, startedAt: Timestamp.iso(started),
            durationSeconds: Date().timeIntervalSince(started), cases: results, restore: restore,
            drift: DriftFindings.build(cases: results, profileEvidence: evidence, configuration: configuration, exchanges: allExchanges),
            interrupted: control.isInterrupted, strict: options.strict, requireAll: options.requireAll,
            runExchanges: runExchanges)
    }

    /// Every secret the reports must hide: configured client secrets and tokens issued during the run.
    public var secrets: [String] { configuration.secrets + recorder.secrets }

    private func makeClient(profile: Profile, journal: FixtureJournal, tokens: TokenProvider) -> TargetClient {
        TargetClient(
            configuration: configuration, transport: transport, tokens: tokens, journal: journal, recorder: recorder,
            settings: CheckSettings(profile: profile, lenientMessages: options.lenientMessages, strict: options.strict))
    }

    private func run(_ testCase: ConformanceCase, executor: CaseExecutor, pool: FixturePool) async -> CaseResult {
        if let reason = CaseExecutor.skipReason(for: testCase, configuration: configuration) {
            var result = Self.notRun(testCase, reason: reason)
            if options.requireAll && testCase.kind == .contract {
                result.outcome = .error
                result.reason = "required by --require-all but " + reason
            }
            return result
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

    static func notRun(_ testCase: ConformanceCase, reason: String) -> CaseResult {
        CaseResult(
            id: testCase.id, title: testCase.title, group: testCase.group, kind: testCase.kind, tags: testCase.tags,
            docs: testCase.docs, drift: testCase.drift, outcome: .skipped, reason: reason, steps: [], observations: [],
            exchanges: [], boundFixtures: [:], startedAt: Timestamp.iso(Date()), durationSeconds: 0)
    }
}

/// Hands out cases to workers in catalogue order.
actor CaseQueue {
    private var remaining: [(Int, ConformanceCase)]
    init(_ cases: [ConformanceCase]) { remaining = Array(cases.enumerated()) }
    func next() -> (Int, ConformanceCase)? { remaining.isEmpty ? nil : remaining.removeFirst() }
}

/// Collects results from concurrent workers and returns them in catalogue order.
actor ResultCollector {
    private var results: [(Int, CaseResult)] = []
    func add(_ index: Int, _ result: CaseResult) { results.append((index, result)) }
    func ordered() -> [CaseResult] { results.sorted { $0.0 < $1.0 }.map(\.1) }
}

/// The tool's own identity, reported in every report.
public enum ToolInfo {
    public static let name = "mysafe-conformance"
    public static let version = "0.1.0"
}
