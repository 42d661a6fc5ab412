import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

/// `run`: reads its options into a ``RunSession`` (starting the simulator for `--simulator`) and prints what the session
/// says: the plan, the header, each case, the end; exits with the verdict.
enum RunCommand {
    /// `run`'s own options: the target. Everything else is an option group `fleet` shares.
    static let baseURL = OptionDeclaration.option("base-url", "URL", "the deployment (https://…); or MYSAFE_BASE_URL, or baseURL in the config")
    static let simulator = OptionDeclaration.flag("simulator", "start the built-in reference simulator on a free loopback port and test it")
    static let config = OptionDeclaration.option("config", "FILE", "configuration file (default: mysafe-conformance.json if present)")
    static let runOnly = [baseURL, simulator, config]
    static let simulatorOnly = SimulatorArguments.options

    /// Everything `run` was told, read and checked once.
    struct Options: Sendable {
        var target: TargetOptions
        var selection: SelectionOptions
        var verdict: VerdictOptions
        var output: OutputOptions
        var baseURL: String?
        var configFile: String?
        /// The simulator to start (`--simulator`), shaped by the simulator options; nil for a configured target.
        var simulator: SimulatorOptions?

        init(_ parsed: ArgumentScanner.Parsed, problems: inout [Problem]) {
            target = TargetOptions(parsed, problems: &problems)
            selection = SelectionOptions(parsed, problems: &problems)
            verdict = VerdictOptions(parsed, problems: &problems)
            output = OutputOptions(parsed, problems: &problems)
            baseURL = parsed.value(RunCommand.baseURL)
            configFile = parsed.value(RunCommand.config)
            if parsed.flag(RunCommand.simulator) {
                var options = SimulatorOptions()
                problems += SimulatorArguments.apply(parsed, to: &options, allowAuto: true)
                simulator = options
                if baseURL != nil { problems.append(Problem(message: "--simulator and --base-url exclude each other: the simulator is the target")) }
            } else {
                // Options that only make sense with the built-in simulator.
                for option in simulatorOnly where parsed.has(option) {
                    problems.append(Problem(message: "--\(option.name) applies to the built-in simulator only", suggestion: "add --simulator"))
                }
            }
        }
    }

    /// Parses and checks `arguments` (deprecation notes to standard error); nil, with every problem reported, when they cannot be used.
    static func options(_ arguments: [String]) throws -> Options? {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        parsed.notes.forEach { Output.err("note: \($0)") }
        var problems: [Problem] = []
        let options = Options(parsed, problems: &problems)
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return nil
        }
        return options
    }

    static let declaration = CommandDeclaration(
        name: "run", synopsis: "[--base-url URL | --simulator] [options]",
        abstract: "run the catalogue, write Reports/",
        discussion: """
            Runs the catalogue against a target, restores every fixture it touched, writes the reports and exits
            with the verdict. Without a target it reads mysafe-conformance.json from the current directory.
            """,
        groups: [
            .init("TARGET", runOnly + TargetOptions.connection),
            .init("TLS AND PROXIES (README, 'TLS' and 'Proxies')", TargetOptions.tls),
            .init("SELECTION", SelectionOptions.options),
            .init("VERDICT", VerdictOptions.options),
            .init("OUTPUT", OutputOptions.options),
            .init("SIMULATOR ONLY (with --simulator)", simulatorOnly),
        ],
        footer: """
            https_proxy, http_proxy, no_proxy are read from the environment as curl reads them; the proxy in use is printed.
            Credentials never come from flags: set the environment variables your configuration names
            (MYSAFE_CLIENT_ID and MYSAFE_CLIENT_SECRET stand for owner when the configuration names none).
            --dry-run needs none of them: the plan shows placeholders and names what is unset.

            \(SharedOptions.exitCodes)
            """)

    static func execute(_ arguments: [String], witness: DeliveryWitness = DeliveryWitness()) async throws -> ExitCode {
        guard let parsed = try options(arguments) else { return .usage }
        let environment = ProcessInfo.processInfo.environment
        let (target, selection, verdict, output) = (parsed.target, parsed.selection, parsed.verdict, parsed.output)
        guard let catalogue = CatalogueLoading.load(selection.casesDirectory) else { return .usage }

        // The target: the in-process simulator, or the configuration.
        var simulator: SimulatorServer?
        defer { simulator?.stop() }
        let source: RunSession.ConfigurationSource
        if let simulatorOptions = parsed.simulator {
            // A dry run sends nothing, so it starts nothing: the plan shows port 0 where the simulator's port goes.
            let server = SimulatorServer(options: simulatorOptions)
            if !verdict.dryRun {
                do {
                    _ = try server.start()
                } catch {
                    Diagnostics.report("the built-in simulator could not start: \(error.localizedDescription)")
                    return .usage
                }
                simulator = server
            }
            guard let document = server.configuration().objectValue else { return .usage }
            source = .document(document, label: "simulator")
        } else {
            var file = parsed.configFile
            if file == nil && FileManager.default.fileExists(atPath: "mysafe-conformance.json") { file = "mysafe-conformance.json" }
            source = .file(file)
        }

        let control = RunControl()
        let session = RunSession(
            catalogue: catalogue, source: source, overrides: target.overrides(baseURL: parsed.baseURL), environment: environment,
            options: verdict.runOptions(selection), expectationsFile: verdict.expectationsFile, dryRun: verdict.dryRun,
            reportDirectory: output.reportDirectory, control: control, wrapTransport: { witness.watching($0) })
        let prepared: PreparedRun
        do {
            prepared = try session.prepare()
        } catch {
            Diagnostics.report(error.problems)
            if let advice = error.advice { Diagnostics.report(advice) }
            return error.exitCode
        }

        if verdict.dryRun {
            if parsed.simulator != nil { Output.out("The built-in simulator is not started for a dry run: port 0 stands for the free port it would take.") }
            Output.out(prepared.plan)
            return .passed
        }

        let configuration = prepared.configuration
        let options = prepared.options
        let verbosity = output.verbosity
        if verbosity != .quiet {
            let name = configuration.name.map { "\($0) (\(configuration.baseURL))" } ?? configuration.baseURL
            // The simulator answers as one version; the checks use the run's profile (auto detects what the answers tell).
            let answering = parsed.simulator.map { simulatorOptions in
                configuration.profile == "auto"
                    ? " (built-in simulator answering as \(simulatorOptions.profile.rawValue); profile auto detects the version from its answers)"
                    : " (built-in simulator answering as \(simulatorOptions.profile.rawValue); checked as profile \(configuration.profile))"
            } ?? ""
            Output.out("\(ToolInfo.name) \(ToolInfo.version): \(prepared.selectedCases.count) cases against \(name)\(answering)")
            if let proxy = prepared.proxy { Output.out("  through the proxy \(proxy)") }
            if let note = options.parallelismNote(fixtureSecrets: configuration.fixtures.secrets.count) { Output.out("  note: \(note)") }
        }
        if let warning = prepared.insecureWarning { Output.err(warning) }
        let colour = ConsoleReporter.shouldUseColour(isTerminal: Output.stdoutIsTerminal, environment: environment)
        let console = ConsoleReporter(
            sink: { Output.out($0) }, colour: colour, verbosity: verbosity, redactor: Redactor(secrets: prepared.secrets))
        let signals = SignalWatcher(control: control)
        signals.start()
        let finished = await prepared.run(onCaseFinished: { console.caseFinished($0) }, onStatesHidden: { console.statesHidden($0) })
        signals.stop()

        if let problem = finished.reportProblem { Diagnostics.report(problem) }
        ConsoleReporter(sink: { Output.out($0) }, colour: colour, verbosity: verbosity, redactor: finished.redactor)
            .runFinished(finished.result, reportPaths: finished.reportPaths)
        if let warning = prepared.insecureWarning { Output.err(warning) }
        return finished.exitCode
    }
}
