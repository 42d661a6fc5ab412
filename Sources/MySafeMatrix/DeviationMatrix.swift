public import MySafeConformance
public import MySafeJSON

/// Runs the catalogue against a series of targets — each departing from the documents in a named
/// way, or varying within them — and records, per target, the verdict and which cases caught what.
///
/// The targets are supplied by the caller: ``MatrixTargets`` starts a simulator for each; a test may
/// start anything that serves the endpoints. Each target is one ``RunSession``, as a `run` would be.
public struct DeviationMatrix: Sendable {
    /// Whether a target departs from the documents (the suite must catch it) or conforms (it must pass).
    public enum Section: String, Sendable, Hashable {
        case deviation
        case conformant
    }

    /// One target to run the catalogue against.
    public struct Target: Sendable {
        /// Shown in the matrix: the deviation name, or the profile and variations.
        public var name: String
        /// What the target does differently, in one line.
        public var summary: String
        public var section: Section
        /// Overrides the configuration's request timeout (for deliberately slow targets).
        public var requestTimeoutSeconds: Double?
        /// A conformant target that changes a documented message: `message` failures (exit 1) are allowed, exit 4 never.
        public var mayFailOnMessages: Bool
        /// A deviation that is harm (docs/EVIDENCE.md#harm): caught only by a failed run (exit 1, or 4 when a
        /// fixture really changed) with a failure marked harm; a warning never counts.
        public var harm: Bool
        /// Starts the target; returns its configuration (credentials inline, loopback only) and how to stop it.
        public var start: @Sendable () throws -> Started

        public init(
            name: String, summary: String, section: Section, requestTimeoutSeconds: Double? = nil, mayFailOnMessages: Bool = false,
            harm: Bool = false, start: @escaping @Sendable () throws -> Started
        ) {
            self.harm = harm
            self.name = name
            self.summary = summary
            self.section = section
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.mayFailOnMessages = mayFailOnMessages
            self.start = start
        }
    }

    /// A running target.
    public struct Started: Sendable {
        public var configuration: JSONValue
        public var stop: @Sendable () -> Void
        public init(configuration: JSONValue, stop: @escaping @Sendable () -> Void) {
            self.configuration = configuration
            self.stop = stop
        }
    }

    /// A contract case that did not pass, and a check it named: a failed check, or for a case
    /// without a verdict, the transport problem it observed (`transport.timeout`).
    public struct Catch: Sendable, Hashable, Comparable {
        public var caseID: String
        public var check: String
        public init(caseID: String, check: String) {
            self.caseID = caseID
            self.check = check
        }
        public static func < (lhs: Catch, rhs: Catch) -> Bool {
            (lhs.caseID, lhs.check) < (rhs.caseID, rhs.check)
        }
    }

    /// What the catalogue made of one target.
    public struct Row: Sendable, Hashable {
        public var name: String
        public var summary: String
        public var section: Section
        public var exitCode: ExitCode
        /// The contract cases that failed or could not be judged, each with the checks it named, in catalogue order.
        public var caughtBy: [CaughtCase]
        /// Failed checks of contract cases (a conformant target must have none).
        public var failedChecks: Int
        /// Contract cases without a verdict.
        public var errors: Int
        /// Contract cases that passed.
        public var passed: Int
        /// The profile the checks used.
        public var profile: String?
        /// A problem that kept the catalogue from running at all (the target did not start).
        public var problem: String?
        /// Whether `message` failures are allowed on this conformant target (see `Target.mayFailOnMessages`).
        public var mayFailOnMessages = false
        /// Contract cases with warnings (broken inferred expectations), each with the checks that warned.
        public var warnedBy: [CaughtCase] = []
        /// Whether the deviation is harm (see `Target.harm`).
        public var harm = false
        /// The cases (contract or probe) that failed with a failure marked harm, in catalogue order.
        public var harmCaughtBy: [String] = []

        /// Every (case, check) pair, sorted.
        public var catches: [Catch] {
            caughtBy.flatMap { item in item.checks.map { Catch(caseID: item.caseID, check: $0) } }.sorted()
        }

        /// A deviation is caught when the verdict is not 0 and some case names it; a conformant
        /// target passes when the verdict is 0 and no check failed.
        public var meetsExpectation: Bool {
            guard problem == nil else { return false }
            switch section {
            // Harm is caught only by a failed run that says it is harm; a warning never counts (docs/EVIDENCE.md#harm).
            case .deviation where harm:
                return (exitCode == .failed || exitCode == .restoreFailed) && !harmCaughtBy.isEmpty
            // A warning catches a departure from what the documents only imply (docs/EVIDENCE.md).
            case .deviation: return (exitCode != .passed && !caughtBy.isEmpty) || !warnedBy.isEmpty
            case .conformant:
                if mayFailOnMessages {
                    return (exitCode == .passed || exitCode == .failed) && errors == 0 && catches.allSatisfy { $0.check == "message" }
                }
                return exitCode == .passed && failedChecks == 0 && errors == 0
            }
        }

        /// A conformant target whose run claimed a fixture could not be restored (exit 4).
        public var falseRestoreAlarm: Bool { section == .conformant && exitCode == .restoreFailed }
    }

    /// A case that did not pass on a target.
    public struct CaughtCase: Sendable, Hashable {
        public var caseID: String
        /// `failed` or `error`.
        public var outcome: Outcome
        /// Sorted check ids.
        public var checks: [String]
    }

    /// How long the deliberately slow target (deviation `slow-answers`) takes to answer, and how long
    /// its run waits: every request times out after one second instead of the configured ten.
    public static let slowAnswerSeconds = 2.0
    public static let slowRequestTimeoutSeconds = 1.0

    /// The request timeout a run against the simulator with deviation `name` uses, when it is not the
    /// configuration's: the one rule the `matrix` command and the matrix tests share.
    public static func requestTimeout(forDeviation name: String) -> Double? {
        name == "slow-answers" ? slowRequestTimeoutSeconds : nil
    }

    public var catalogue: Catalogue
    /// Cases at once within one run; 1 keeps the results (and so the document) deterministic.
    public var jobs: Int
    /// Targets run at once.
    public var parallelism: Int

    public init(catalogue: Catalogue, jobs: Int = 1, parallelism: Int = 2) {
        self.catalogue = catalogue
        self.jobs = jobs
        self.parallelism = parallelism
    }

    /// Runs every target and returns one row each, in the order given.
    public func run(_ targets: [Target], onRow: @escaping @Sendable (Row) -> Void = { _ in }) async -> [Row] {
        await OrderedConcurrency.map(targets, limit: parallelism, onResult: onRow) { target in await run(target) }
    }

    /// Runs the whole catalogue against one target.
    public func run(_ target: Target) async -> Row {
        func failure(_ problem: String, exitCode: ExitCode = .usage) -> Row {
            Row(name: target.name, summary: target.summary, section: target.section, exitCode: exitCode, caughtBy: [],
                failedChecks: 0, errors: 0, passed: 0, profile: nil, problem: problem)
        }
        let started: Started
        do {
            started = try target.start()
        } catch {
            return failure("the target did not start: \(error)")
        }
        defer { started.stop() }
        guard let document = started.configuration.objectValue else { return failure("the target's configuration is not a JSON object") }
        let session = RunSession(
            catalogue: catalogue, source: .document(document, label: target.name),
            overrides: ConfigurationOverrides(requestTimeoutSeconds: target.requestTimeoutSeconds), environment: [:],
            options: RunOptions(jobs: jobs))
        let prepared: PreparedRun
        do {
            prepared = try session.prepare()
        } catch {
            return failure(error.problems.map(\.description).joined(separator: "; "), exitCode: error.exitCode)
        }
        let result = await prepared.run().result
        var row = Self.row(for: target, result: result)
        row.mayFailOnMessages = target.mayFailOnMessages
        row.harm = target.harm
        row.warnedBy = result.cases.compactMap { item in
            guard item.kind == .contract, !item.warnings.isEmpty else { return nil }
            return CaughtCase(caseID: item.id, outcome: item.outcome, checks: Set(item.warnings.map(\.check.rawValue)).sorted())
        }
        return row
    }

    /// The row for a finished run.
    public static func row(for target: Target, result: RunResult) -> Row {
        let contract = result.cases.filter { $0.kind == .contract }
        return Row(
            name: target.name, summary: target.summary, section: target.section, exitCode: result.exitCode,
            caughtBy: caughtCases(in: result), failedChecks: contract.reduce(0) { $0 + $1.failures.count },
            errors: contract.filter { $0.outcome == .error }.count, passed: contract.filter { $0.outcome == .passed }.count,
            profile: result.detectedProfile, problem: nil, harmCaughtBy: result.cases.filter { $0.outcome == .failed && !$0.harm.isEmpty }.map(\.id))
    }

    /// The contract cases that did not pass, with the checks they named.
    public static func caughtCases(in result: RunResult) -> [CaughtCase] {
        result.cases.compactMap { item in
            guard item.kind == .contract, item.outcome == .failed || item.outcome == .error else { return nil }
            var checks = Set(item.failures.map(\.check.rawValue))
            if item.outcome == .error {
                checks.formUnion(item.observations.map(\.check).filter(\.isTransport).map(\.rawValue))
            }
            return CaughtCase(caseID: item.id, outcome: item.outcome, checks: checks.sorted())
        }
    }
}
