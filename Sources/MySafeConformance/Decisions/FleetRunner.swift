import Foundation

/// Runs every target of a fleet file at once (at most `parallel` at a time), each into its own report
/// directory under `reportDirectory`, and builds the matrix from the results in memory — equal to what
/// `merge` reads back from those directories. One target's problem (bad configuration, unreachable) never stops the others;
/// an interrupt (`control`) stops starting targets and lets each running one restore.
public struct FleetRunner: Sendable {
    public var fleet: FleetFile
    public var catalogue: Catalogue
    /// Every target's run options; `expectations` here (the `--expectations` flag) wins over each configuration's.
    public var options: RunOptions
    public var parallel: Int
    public var reportDirectory: String
    public var control: RunControl
    public var environment: [String: String]
    public var overrides: ConfigurationOverrides
    /// Wraps each target's transport (a ``DeliveryWitness`` watching it).
    public var wrapTransport: @Sendable (any HTTPTransport) -> any HTTPTransport
    /// Called as each target finishes, from any task.
    public var onTargetFinished: @Sendable (FleetMember) -> Void
    /// For `--verbose`: what to call as each case of a target finishes, made once per target from its
    /// name and the values the console must redact (its configuration's credentials and its proxy's,
    /// ``PreparedRun/secrets``); nil prints nothing per case.
    public var caseReporter: (@Sendable (_ target: String, _ secrets: [String]) -> @Sendable (CaseResult) -> Void)?

    public init(
        fleet: FleetFile, catalogue: Catalogue, options: RunOptions, parallel: Int, reportDirectory: String, control: RunControl,
        environment: [String: String], overrides: ConfigurationOverrides,
        wrapTransport: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 },
        onTargetFinished: @escaping @Sendable (FleetMember) -> Void = { _ in }
    ) {
        self.fleet = fleet
        self.catalogue = catalogue
        self.options = options
        self.parallel = parallel
        self.reportDirectory = reportDirectory
        self.control = control
        self.environment = environment
        self.overrides = overrides
        self.wrapTransport = wrapTransport
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

    /// One target: its session (configuration, transport, expectations, validation), the run, its reports, and its matrix row made from the result in memory.
    /// A target that cannot start is its row's problem, with the session's exit code; the others go on.
    func runTarget(_ entry: FleetFile.Entry) async -> FleetMember {
        if control.isInterrupted {
            return FleetMember(name: entry.name, problem: "not run: the fleet was interrupted", exitCode: .interrupted)
        }
        let prepared: PreparedRun
        switch prepare(entry, dryRun: false) {
        case .success(let session): prepared = session
        case .failure(let failure): return FleetMember(name: entry.name, problem: failure.summary, exitCode: failure.exitCode)
        }
        let directory = ReportFiles.path(reportDirectory, entry.name)
        let report = caseReporter?(entry.name, prepared.secrets)
        let finished = await prepared.run(onCaseFinished: { report?($0) })
        let name = entry.name
        // Rendering and writing (with its syncfs) block: on the executor's own threads, not on the concurrency
        // pool's few, which the targets still running need for their answers.
        return await BlockingExecutor.shared.run { Self.report(finished, name: name, directory: directory) }
    }

    /// One target's session, prepared: its configuration (with the fleet's overrides, named after its entry;
    /// with `dryRun`, credentials that are not set become placeholders), its transport, its expectations and
    /// the validation of all of them (``RunSession/prepare()``).
    func prepare(_ entry: FleetFile.Entry, dryRun: Bool) -> Result<PreparedRun, RunSessionFailure> {
        // The entry's name names the target's reports, so merging the fleet's directories gives the fleet's matrix.
        let session = RunSession(
            catalogue: catalogue, source: .file(entry.config), overrides: overrides, environment: environment, options: options,
            dryRun: dryRun, targetName: entry.name,
            unreadableFileAdvice: "check the target's \"config\" in the fleet file \(fleet.source) (relative to it)", control: control,
            wrapTransport: wrapTransport)
        return Result { () throws(RunSessionFailure) in try session.prepare() }
    }

    /// `fleet --dry-run`: each target's request plan (``PreparedRun/plan``), or why it could not run; nothing is sent.
    /// Credentials that are not set are placeholders, named in the plan.
    public func plans() -> [(name: String, plan: Result<String, RunSessionFailure>)] {
        fleet.entries.map { entry in (entry.name, prepare(entry, dryRun: true).map(\.plan)) }
    }

    /// Writes one target's reports; its fleet member is made from the result itself, equal to what its
    /// summary.json reads back (``ReportSnapshot/init(_:redactor:source:)``).
    static func report(_ finished: FinishedRun, name: String, directory: String) -> FleetMember {
        var finished = finished
        finished.writeReports(to: directory)
        if let problem = finished.reportProblem {
            return FleetMember(name: name, problem: problem.message, exitCode: finished.exitCode)
        }
        let snapshot = ReportSnapshot(finished.result, redactor: finished.redactor, source: ReportFiles.path(directory, "summary.json"))
        return FleetMember(name: name, snapshot: snapshot, reportDirectory: name)
    }
}
