import Foundation
import MySafeConformance

/// `fleet FILE`: runs every target of the fleet file at once, a report directory per target, and the
/// targets × cases matrix; exit the worst of the targets'.
enum FleetCommand {
    static let declaration = CommandDeclaration(
        name: "fleet", synopsis: "FILE [--parallel N] [--report-dir DIR] [run options]",
        abstract: "run many targets; a targets × cases matrix",
        discussion: """
            Runs the catalogue against every target of FILE ({"targets": [{"name": "sp-prod", "config": "sp-prod.json"}]},
            configurations relative to FILE) at once, each restoring its own fixtures, and writes a report directory
            per target (DIR/<name>/) plus DIR/fleet.md (targets × cases, profile and drift per target), DIR/fleet.json
            and DIR/junit.xml (one <testsuite> per target). A target that cannot run is reported and the others go on.
            Ctrl-C stops starting targets and restores every running one. Exit: the worst judged verdict of
            the targets (4 > 130 > 1 > 2 > 3 > 0: a target that could not run never hides another's failure). Every option of 'run' that makes sense per target applies to each target
            and wins over its configuration; --dry-run prints every target's plan and sends nothing.
            """,
        groups: [
            .init([parallel]),
            .init("EACH TARGET (as for run; they win over each configuration)", TargetOptions.options),
            .init("SELECTION", SelectionOptions.options),
            .init("VERDICT", VerdictOptions.options),
            .init("OUTPUT", [
                OutputOptions.reportDirectory("DIR/<target>/ (each target's reports), fleet.md, fleet.json, junit.xml (default Reports)"),
                OutputOptions.quiet.help("print only targets that did not pass, and the result"),
                OutputOptions.verbose.help("also print every case of every target as it finishes, prefixed with the target's name"),
            ]),
        ],
        takesArguments: true,
        footer: SharedOptions.exitCodes)

    static let parallel = SharedOptions.parallel.help("targets run at once (default 8; 1 to 256)")

    /// Everything `fleet` was told, read and checked once.
    struct Options: Sendable {
        /// The fleet file (the one argument).
        var fleetFile: String?
        var parallel: Int
        var target: TargetOptions
        var selection: SelectionOptions
        var verdict: VerdictOptions
        var output: OutputOptions

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            fleetFile = parsed.positional.count == 1 ? parsed.positional[0] : nil
            target = TargetOptions(parsed, problems: &problems)
            selection = SelectionOptions(parsed, problems: &problems)
            verdict = VerdictOptions(parsed, problems: &problems)
            output = OutputOptions(parsed, problems: &problems)
            parallel = parsed.integer(FleetCommand.parallel, problems: &problems) ?? 8
        }
    }

    static func execute(_ arguments: [String], witness: DeliveryWitness = DeliveryWitness()) async throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        parsed.notes.forEach { Output.err("note: \($0)") }
        var problems: [Problem] = []
        let options = Options(parsed, problems: &problems)
        guard let fleetFile = options.fleetFile else {
            Diagnostics.report("fleet needs one fleet file: fleet FILE (see 'fleet --help')")
            return .usage
        }
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return .usage
        }
        let (target, selection, verdict, output, parallel) = (options.target, options.selection, options.verdict, options.output, options.parallel)
        let fleet: FleetFile
        do {
            fleet = try FleetFile.load(file: fleetFile)
        } catch {
            Diagnostics.report(error.problems)
            Diagnostics.report("the fleet file cannot be used; nothing was sent. See README, 'Many deployments: fleet and merge'.")
            return .usage
        }
        guard let catalogue = CatalogueLoading.load(selection.casesDirectory) else { return .usage }
        if let problem = target.profileProblem(known: catalogue.profiles.keys.sorted()) {
            Diagnostics.report(problem)
            return .usage
        }
        var expectations: ExpectationSet?
        if let file = verdict.expectationsFile {
            do {
                expectations = try ExpectationSet.load(file: file)
            } catch {
                Diagnostics.report(error.problems)
                return .usage
            }
        }
        let runOptions = verdict.runOptions(selection, expectations: expectations)
        let reportDirectory = output.reportDirectory
        let quiet = output.quiet
        let environment = ProcessInfo.processInfo.environment
        let colour = ConsoleReporter.shouldUseColour(isTerminal: Output.stdoutIsTerminal, environment: environment)
        let control = RunControl()
        var runner = FleetRunner(
            fleet: fleet, catalogue: catalogue, options: runOptions, parallel: parallel, reportDirectory: reportDirectory, control: control,
            environment: environment, overrides: target.overrides(), wrapTransport: { witness.watching($0) },
            onTargetFinished: { member in if !quiet || member.exitCode != 0 { Output.out(FleetOutput.line(for: member)) } })
        if output.verbose {
            runner.caseReporter = { name, secrets in
                let console = ConsoleReporter(
                    sink: { Output.out("[\(name)] \($0)") }, colour: colour, verbosity: .verbose, redactor: Redactor(secrets: secrets))
                return { console.caseFinished($0) }
            }
        }

        if verdict.dryRun {
            return dryRun(runner, fleet: fleet)
        }
        if let problem = ReportDirectory.prepareFleet(reportDirectory) {
            Diagnostics.report(problem)
            return .usage
        }
        if !quiet {
            Output.out("\(ToolInfo.name) \(ToolInfo.version): \(fleet.entries.count) target(s), up to \(parallel) at once, reports under \(reportDirectory)")
        }
        if target.insecure { Output.err(RunSession.insecureBanner) }
        let signals = SignalWatcher(control: control)
        signals.start()
        let matrix = await runner.run()
        signals.stop()
        if target.insecure { Output.err(RunSession.insecureBanner) }
        return FleetOutput.finish(matrix, directory: reportDirectory, quiet: quiet, environment: environment)
    }

    /// `--dry-run`: every target's plan, one after the other; exit 0 when every target could run, else the
    /// worst of the targets' (2, or 3 when https has no OpenSSL 3), as `run --dry-run` exits for each.
    static func dryRun(_ runner: FleetRunner, fleet: FleetFile) -> ExitCode {
        var unusable: [String] = []
        var codes: [Int] = []
        for (index, (name, plan)) in runner.plans().enumerated() {
            if index > 0 { Output.out("") }
            Output.out("== \(name) (\(fleet.entries[index].config))")
            switch plan {
            case .success(let text):
                Output.out(text)
            case .failure(let failure):
                Output.out("cannot run: \(failure.summary)")
                Diagnostics.report(failure.problems.map { problem in
                    var attributed = problem
                    attributed.message = "\(name): \(problem.message)"
                    return attributed
                })
                unusable.append(name)
                codes.append(Int(failure.exitCode.rawValue))
            }
        }
        Output.out("")
        if unusable.isEmpty {
            Output.out("Dry run of \(fleet.entries.count) target(s): nothing was sent.")
            return .passed
        }
        let code = ExitCode(reported: ExitCode.worst(codes))
        Output.out("Dry run of \(fleet.entries.count) target(s): nothing was sent; \(unusable.count) cannot run (\(unusable.joined(separator: ", "))): exit \(code.rawValue).")
        return code
    }
}
