import Foundation

/// Runs every target of a fleet file at once (at most `parallel` at a time), each into its own report
/// directory under `reportDirectory`, and builds the matrix from the results in memory — equal to what
/// `merge` reads back from those directories. One target's problem (bad configuration, unreachable) never stops the others;
/// an interrupt (`control`) stops starting targets and lets each running one restore.
public struct FleetRunner: Sendable {
    public var fleet: FleetFile
    public var cases: [ConformanceCase]
    public var profiles: [String: Profile]
    public var caseSetDigest: String
    /// Every target's run options; `expectations` here (the `--expectations` flag) wins over each configuration's.
    public var options: RunOptions
    public var parallel: Int
    public var reportDirectory: String
    public var control: RunControl
    public var environment: [String: String]
    public var overrides: ConfigurationOverrides
    /// The transport for a target's configuration (its base URL, TLS settings).
    public var transport: @Sendable (Configuration) -> any HTTPTransport
    /// Called as each target finishes, from any task.
    public var onTargetFinished: @Sendable (FleetMember) -> Void
    /// For `--verbose`: what to call as each case of a target finishes, made once per target from its
    /// name and configuration (whose secrets the console must redact); nil prints nothing per case.
    public var caseReporter: (@Sendable (_ target: String, _ configuration: Configuration) -> @Sendable (CaseResult) -> Void)?

    public init(
        fleet: FleetFile, cases: [ConformanceCase], profiles: [String: Profile], caseSetDigest: String, options: RunOptions,
        parallel: Int, reportDirectory: String, control: RunControl, environment: [String: String],
        overrides: ConfigurationOverrides, transport: @escaping @Sendable (Configuration) -> any HTTPTransport,
        onTargetFinished: @escaping @Sendable (FleetMember) -> Void = { _ in }
    ) {
        self.fleet = fleet
        self.cases = cases
        self.profiles = profiles
        self.caseSetDigest = caseSetDigest
        self.options = options
        self.parallel = parallel
        self.reportDirectory = reportDirectory
        self.control = control
        self.environment = environment
        self.overrides = overrides
        self.transport = transport
        self.onTargetFinished = onTargetFinished
    }

    /// Runs the fleet; the members in fleet-file order. Once interrupted, no further target starts
    /// (each is reported "not run", exit 130) and the running ones restore and finish.
    public func run() async -> FleetMatrix {
        let control = self.control
        let members = await OrderedConcurrency.map(
            fleet.entries, limit: parallel, while: { !control.isInterrupted }, onResult: onTargetFinished
        ) { entry in
            await runTarget(entry)
        }
        return FleetMatrix(members: zip(fleet.entries, members).map { entry, member in
            member ?? FleetMember(name: entry.name, problem: "not run: the fleet was interrupted", exitCode: .interrupted)
        })
    }

    /// One target: configuration, expectations, validation, the run, its reports, read back.
    func runTarget(_ entry: FleetFile.Entry) async -> FleetMember {
        if control.isInterrupted {
            return FleetMember(name: entry.name, problem: "not run: the fleet was interrupted", exitCode: .interrupted)
        }
        let runner: Runner
        switch prepare(entry, placeholders: false) {
        case .success(let prepared): runner = prepared
        case .failure(let failure): return FleetMember(name: entry.name, problem: failure.problem)
        }
        let directory = ReportFiles.path(reportDirectory, entry.name)
        let result = await runner.run()
        let (name, secrets) = (entry.name, runner.secrets)
        // Rendering, writing (with its syncfs) and reading back block: on the executor's own threads, not on
        // the concurrency pool's few, which the targets still running need for their answers.
        return await BlockingExecutor.shared.run { Self.report(result, name: name, directory: directory, secrets: secrets) }
    }

    /// Why a target cannot run: every problem, in one line for its row.
    public struct TargetFailure: Error, Sendable {
        public var problems: [Problem]
        /// What it says: `configuration error: …` or `expectations error: …`, the first problem (``configurationError(_:of:)``).
        public var problem: String
    }

    /// One target's runner, ready to run: its configuration (with the fleet's overrides; with
    /// `placeholders`, credentials that are not set become placeholders, for `--dry-run`), its
    /// expectations and the validation of both.
    func prepare(_ entry: FleetFile.Entry, placeholders: Bool) -> Result<Runner, TargetFailure> {
        var configuration: Configuration
        do {
            var loader = ConfigurationLoader(environment: environment)
            loader.placeholdersForMissingCredentials = placeholders
            loader.unreadableFileAdvice = "check the target's \"config\" in the fleet file \(fleet.source) (relative to it)"
            configuration = try loader.load(file: entry.config, overrides: overrides)
        } catch {
            return .failure(TargetFailure(problems: error.problems, problem: Self.configurationError(error.problems)))
        }
        // The entry's name names the target's reports, so merging the fleet's directories gives the fleet's matrix;
        // expectations may still name the configuration's own name.
        if let own = configuration.name, own != entry.name { configuration.otherNames.append(own) }
        configuration.name = entry.name
        var options = self.options
        if options.expectations == nil, let file = configuration.expectationsFile {
            do {
                options.expectations = try ExpectationSet.load(file: file)
            } catch {
                return .failure(TargetFailure(problems: error.problems, problem: Self.configurationError(error.problems, of: "expectations")))
            }
        }
        let report = caseReporter?(entry.name, configuration)
        let runner = Runner(
            configuration: configuration, cases: cases, profiles: profiles, caseSetDigest: caseSetDigest, options: options,
            transport: transport(configuration), control: control, onCaseFinished: { report?($0) })
        do {
            try runner.validate()
        } catch {
            return .failure(TargetFailure(problems: error.problems, problem: Self.configurationError(error.problems)))
        }
        return .success(runner)
    }

    /// `fleet --dry-run`: each target's request plan (``RunPlan``), or why it could not run; nothing is sent.
    /// Credentials that are not set are placeholders, named in the plan.
    public func plans() -> [(name: String, plan: Result<String, TargetFailure>)] {
        fleet.entries.map { entry in
            (entry.name, prepare(entry, placeholders: true).map { runner in
                Redactor(secrets: runner.configuration.secrets).redact(
                    RunPlan.describe(cases: cases, configuration: runner.configuration, options: runner.options))
            })
        }
    }

    /// `configuration error: FILE: error: PATH: MESSAGE (and 2 more problems)`: the first problem, one line.
    static func configurationError(_ problems: [Problem], of what: String = "configuration") -> String {
        guard let first = problems.first else { return "\(what) error" }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""
        return "\(what) error: " + ReportFormat.oneLine(first.description) + more
    }

    /// Writes one target's reports; its fleet member is made from the result itself, equal to what its
    /// summary.json reads back (``ReportSnapshot/init(_:redactor:source:)``).
    static func report(_ result: RunResult, name: String, directory: String, secrets: [String]) -> FleetMember {
        let redactor = Redactor(secrets: secrets)
        do {
            _ = try ReportWriter(directory: directory, redactor: redactor).write(result)
        } catch {
            return FleetMember(
                name: name, problem: "its reports could not be written: \(error.localizedDescription)",
                exitCode: result.exitCode == .passed ? .usage : result.exitCode)
        }
        let snapshot = ReportSnapshot(result, redactor: redactor, source: ReportFiles.path(directory, "summary.json"))
        return FleetMember(name: name, snapshot: snapshot, reportDirectory: name)
    }
}
