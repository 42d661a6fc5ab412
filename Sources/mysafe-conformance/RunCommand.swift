import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

/// `run`: loads cases and configuration, runs them, writes the reports, exits with the verdict.
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
        let useSimulator = parsed.simulator != nil
        let simulatorOptions = parsed.simulator ?? SimulatorOptions()

        guard let catalogue = CatalogueLoading.load(selection.casesDirectory) else { return .usage }

        // The target: the in-process simulator, or the configuration.
        var simulator: SimulatorServer?
        defer { simulator?.stop() }
        let overrides = target.overrides(baseURL: parsed.baseURL)
        let configuration: Configuration
        do {
            if useSimulator {
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
                configuration = try ConfigurationLoader(environment: [:]).resolve(document, label: "simulator", overrides: overrides)
            } else {
                var file = parsed.configFile
                if file == nil && FileManager.default.fileExists(atPath: "mysafe-conformance.json") { file = "mysafe-conformance.json" }
                var loader = ConfigurationLoader(environment: environment)
                loader.placeholdersForMissingCredentials = verdict.dryRun
                configuration = try loader.load(file: file, overrides: overrides)
            }
        } catch {
            Diagnostics.report(error.problems)
            Diagnostics.report("the configuration cannot be used; nothing was sent. See README, 'Pointing it at a deployment'.")
            return .usage
        }

        let prepared: TransportFactory.Prepared
        do {
            prepared = try TransportFactory.transport(for: configuration, useProxies: !useSimulator, environment: environment)
        } catch {
            Diagnostics.report(error.problems)
            return error.exitCode
        }

        // Known departures: --expectations wins over the configuration's "expectations".
        var expectations: ExpectationSet?
        if let file = verdict.expectationsFile ?? configuration.expectationsFile {
            do {
                expectations = try ExpectationSet.load(file: file)
            } catch {
                Diagnostics.report(error.problems)
                Diagnostics.report("the expectations cannot be used; nothing was sent. See README, 'Known departures: expectations'.")
                return .usage
            }
        }
        let options = verdict.runOptions(selection, expectations: expectations)
        let control = RunControl()
        let verbosity = output.verbosity
        let colour = ConsoleReporter.shouldUseColour(isTerminal: Output.stdoutIsTerminal, environment: environment)
        let console = ConsoleReporter(
            sink: { Output.out($0) }, colour: colour, verbosity: verbosity, redactor: Redactor(secrets: configuration.secrets + prepared.secrets),
            strict: options.strict, requireAll: options.requireAll)
        let runner = Runner(
            configuration: configuration, cases: catalogue.cases, profiles: catalogue.profiles, caseSetDigest: catalogue.digest,
            options: options, transport: witness.watching(prepared.transport), control: control,
            onCaseFinished: { console.caseFinished($0) }, onStatesHidden: { console.statesHidden($0) })
        do {
            try runner.validate()
        } catch {
            Diagnostics.report(error.problems)
            return .usage
        }

        if verdict.dryRun {
            if useSimulator { Output.out("The built-in simulator is not started for a dry run: port 0 stands for the free port it would take.") }
            Output.out(Redactor(secrets: configuration.secrets).redact(RunPlan.describe(cases: catalogue.cases, configuration: configuration, options: options)))
            return .passed
        }

        let reportDirectory = output.reportDirectory
        if let problem = ReportDirectory.prepare(reportDirectory) {
            Diagnostics.report("\(problem); nothing was sent. Choose another --report-dir.")
            return .usage
        }

        if verbosity != .quiet {
            let name = configuration.name.map { "\($0) (\(configuration.baseURL))" } ?? configuration.baseURL
            // The simulator answers as one version; the checks use the run's profile (auto detects what the answers tell).
            let answering = !useSimulator ? "" : configuration.profile == "auto"
                ? " (built-in simulator answering as \(simulatorOptions.profile.rawValue); profile auto detects the version from its answers)"
                : " (built-in simulator answering as \(simulatorOptions.profile.rawValue); checked as profile \(configuration.profile))"
            Output.out("\(ToolInfo.name) \(ToolInfo.version): \(options.select(catalogue.cases).count) cases against \(name)\(answering)")
            if let proxy = prepared.proxy { Output.out("  through the proxy \(proxy)") }
            if let note = options.parallelismNote(fixtureSecrets: configuration.fixtures.secrets.count) { Output.out("  note: \(note)") }
        }
        if configuration.tlsUnverified { Output.err(Self.insecureBanner) }
        let signals = SignalWatcher(control: control)
        signals.start()
        let result = await runner.run()
        signals.stop()

        let redactor = Redactor(secrets: runner.secrets + prepared.secrets)
        var paths: [String] = []
        do {
            paths = try ReportWriter(directory: reportDirectory, redactor: redactor).write(result)
        } catch {
            Diagnostics.report(redactor.redact("the reports could not be written to \(reportDirectory): \(error.localizedDescription)"))
        }
        ConsoleReporter(sink: { Output.out($0) }, colour: colour, verbosity: verbosity, redactor: redactor)
            .runFinished(result, reportPaths: paths)
        if configuration.tlsUnverified { Output.err(Self.insecureBanner) }
        StepSummary.append(SummaryMarkdown.markdown(for: result, redactor: redactor), environment: environment)
        return result.exitCode
    }

    /// Printed at the start and the end of every `--insecure` run, whatever the verbosity.
    static let insecureBanner = "WARNING: TLS VERIFICATION IS OFF (--insecure / tls.insecureSkipVerify): the server's certificate and host name were not checked, so anyone on the path could have answered. Reports are marked \"tlsVerified\": false. Use --ca-file instead."
}

/// SIGINT/SIGTERM: the first stops starting cases and lets the run restore; a second says the
/// restore goes on; a third abandons it loudly with exit 4.
// @unchecked: `count` is only touched on `queue` (every signal handler runs there); `sources` only by the
// task that calls `start` and `stop`, before and after the run.
final class SignalWatcher: @unchecked Sendable {
    private let control: RunControl
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0
    private let queue = DispatchQueue(label: "signals")

    init(control: RunControl) {
        self.control = control
    }

    func start() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
    }

    private func received() {
        count += 1
        switch count {
        case 1:
            control.interrupt()
            Output.err("interrupted: no new case starts; finishing the request in flight, then restoring every fixture touched (signal again to see this reminder, a third time to abandon the restore)")
        case 2:
            Output.err("restore in progress: fixtures are being put back as they were found. Send the signal once more to abandon it and leave them as they are.")
        default:
            Output.err("RESTORE ABANDONED: fixtures touched by this run may be left changed; writing the reports now: they name each secret not put back, its original state and the request to send by hand.")
            control.abandonRestore()
        }
    }
}
