import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator

/// `run`: loads cases and configuration, runs them, writes the reports, exits with the verdict.
enum RunCommand {
    static let declaration = CommandDeclaration(
        name: "run", synopsis: "[--base-url URL | --simulator] [options]",
        abstract: "run the catalogue, write Reports/",
        discussion: """
            Runs the catalogue against a target, restores every fixture it touched, writes the reports and exits
            with the verdict. Without a target it reads mysafe-conformance.json from the current directory.
            """,
        groups: [
            .init("TARGET", [
                .option("base-url", "URL", "the deployment (https://…); or MYSAFE_BASE_URL, or baseURL in the config"),
                .flag("simulator", "start the built-in reference simulator on a free loopback port and test it"),
                .option("config", "FILE", "configuration file (default: mysafe-conformance.json if present)"),
                .option("profile", "P", "auto (default), v3-32, v3-33 or v4; or MYSAFE_PROFILE"),
                SharedOptions.allowInsecureHTTP,
                SharedOptions.requestTimeout,
            ]),
            .init("TLS AND PROXIES (README, 'TLS' and 'Proxies')", [
                .option("ca-file", "FILE", "trust the CA certificates in FILE (PEM) instead of the system store; or tls.caFile"),
                .option("client-cert", "FILE", "present this client certificate (PEM, mTLS); or tls.clientCertificate"),
                .option("client-key", "FILE", "its unencrypted private key (PEM); or tls.clientKey"),
                .flag("insecure", "check no certificate at all: loud in the console and flagged in every report"),
            ]),
            .init("SELECTION", [
                SharedOptions.cases, SharedOptions.filter, SharedOptions.tags,
                .option("jobs", "N", "run up to N cases at once, on different fixtures (default 1)"),
            ]),
            .init("VERDICT", [
                SharedOptions.strict, SharedOptions.lenientMessages, SharedOptions.requireAll,
                .flag("dry-run", "print every request the run would send; send nothing"),
                .option("expectations", "FILE", "known departures: listed failures count as expected, not failed (see README)"),
            ]),
            .init("OUTPUT", [
                .option("report-dir", "DIR", "where junit.xml, summary.json, summary.md, transcripts/ go (default Reports)"),
                .flag("quiet", "less console output"),
                .flag("verbose", "more console output; NO_COLOR turns colour off"),
            ]),
            .init("SIMULATOR ONLY (with --simulator)", [
                .option("deviation", "NAME", "make the simulator depart from the documents (repeatable; see serve --list-deviations)", repeatable: true),
                .option("variation", "NAME", "a conformant variation (repeatable)", repeatable: true),
                .option("token-ttl", "S", "token lifetime in seconds"),
                SharedOptions.latency,
            ] + SharedOptions.simulatorTLS),
        ],
        footer: """
            https_proxy, http_proxy, no_proxy are read from the environment as curl reads them; the proxy in use is printed.
            Credentials never come from flags: set the environment variables your configuration names
            (MYSAFE_CLIENT_ID and MYSAFE_CLIENT_SECRET stand for owner when the configuration names none).

            \(SharedOptions.exitCodes)
            """)

    static func execute(_ arguments: [String]) async throws -> ExitCode {
        let parsed = try ArgumentScanner(declaration).scan(arguments)
        let environment = ProcessInfo.processInfo.environment
        var problems: [Problem] = []

        // Flags that only make sense with the built-in simulator.
        let useSimulator = parsed.flag("simulator")
        if !useSimulator {
            for name in ["deviation", "variation", "token-ttl", "latency-ms"] + SimulatorArguments.tlsOptions where parsed.values[name] != nil {
                problems.append(Problem(message: "--\(name) applies to the built-in simulator only", suggestion: "add --simulator"))
            }
        }
        if useSimulator && parsed.value("base-url") != nil {
            problems.append(Problem(message: "--simulator and --base-url exclude each other: the simulator is the target"))
        }
        let jobs = Int(parsed.value("jobs") ?? "1")
        if jobs == nil { problems.append(Problem(message: "--jobs: expected a whole number, got '\(parsed.value("jobs")!)'")) }
        var timeout: Double?
        if let text = parsed.value("request-timeout") {
            timeout = Double(text)
            if timeout == nil || !(timeout! > 0) { problems.append(Problem(message: "--request-timeout: expected seconds (a positive number), got '\(text)'")) }
        }
        let tags = parsed.all("tags").flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }

        var simulatorOptions = SimulatorOptions()
        let requestedProfile = parsed.value("profile")
        if useSimulator {
            problems += SimulatorArguments.apply(parsed, to: &simulatorOptions, allowAuto: true)
        }
        if !problems.isEmpty {
            Diagnostics.report(problems)
            return .usage
        }

        guard let catalogue = CatalogueLoading.load(parsed.value("cases")) else { return .usage }

        // The target: the in-process simulator, or the configuration.
        var simulator: SimulatorServer?
        defer { simulator?.stop() }
        let overrides = ConfigurationOverrides(
            baseURL: parsed.value("base-url"), profile: requestedProfile, requestTimeoutSeconds: timeout,
            allowInsecureHTTP: parsed.flag("allow-insecure-http"), caFile: parsed.value("ca-file"),
            clientCertificate: parsed.value("client-cert"), clientKey: parsed.value("client-key"), insecure: parsed.flag("insecure"))
        let configuration: Configuration
        do {
            if useSimulator {
                let server = SimulatorServer(options: simulatorOptions)
                do {
                    _ = try server.start()
                } catch {
                    Diagnostics.report("the built-in simulator could not start: \(error.localizedDescription)")
                    return .usage
                }
                simulator = server
                guard let document = server.configuration().objectValue else { return .usage }
                configuration = try ConfigurationLoader(environment: [:]).resolve(document, label: "simulator", overrides: overrides)
            } else {
                var file = parsed.value("config")
                if file == nil && FileManager.default.fileExists(atPath: "mysafe-conformance.json") { file = "mysafe-conformance.json" }
                configuration = try ConfigurationLoader(environment: environment).load(file: file, overrides: overrides)
            }
        } catch {
            Diagnostics.report(error.problems)
            Diagnostics.report("the configuration cannot be used; nothing was sent. See README, 'Pointing it at a deployment'.")
            return .usage
        }

        let prepared: TransportFactory.Prepared
        do {
            prepared = try TransportFactory.transport(for: configuration, useProxies: simulator == nil, environment: environment)
        } catch {
            Diagnostics.report(error.problems)
            return error.exitCode
        }

        // Known departures: --expectations wins over the configuration's "expectations".
        var expectations: ExpectationSet?
        if let file = parsed.value("expectations") ?? configuration.expectationsFile {
            do {
                expectations = try ExpectationSet.load(file: file)
            } catch {
                Diagnostics.report(error.problems)
                Diagnostics.report("the expectations cannot be used; nothing was sent. See README, 'Known departures: expectations'.")
                return .usage
            }
        }
        let options = RunOptions(
            filter: parsed.value("filter"), tags: tags, jobs: jobs ?? 1, strict: parsed.flag("strict"),
            lenientMessages: parsed.flag("lenient-messages"), requireAll: parsed.flag("require-all"),
            expectations: expectations)
        let control = RunControl()
        let verbosity: ConsoleReporter.Verbosity = parsed.flag("quiet") ? .quiet : (parsed.flag("verbose") ? .verbose : .normal)
        let colour = ConsoleReporter.shouldUseColour(isTerminal: Output.stdoutIsTerminal, environment: environment)
        let console = ConsoleReporter(
            sink: { Output.out($0) }, colour: colour, verbosity: verbosity, redactor: Redactor(secrets: configuration.secrets + prepared.secrets),
            strict: options.strict, requireAll: options.requireAll)
        let runner = Runner(
            configuration: configuration, cases: catalogue.cases, profiles: catalogue.profiles, caseSetDigest: catalogue.digest,
            options: options, transport: prepared.transport, control: control,
            onCaseFinished: { console.caseFinished($0) })
        do {
            try runner.validate()
        } catch {
            Diagnostics.report(error.problems)
            return .usage
        }

        if parsed.flag("dry-run") {
            Output.out(Redactor(secrets: configuration.secrets).redact(RunPlan.describe(cases: catalogue.cases, configuration: configuration, options: options)))
            return .passed
        }

        let reportDirectory = parsed.value("report-dir") ?? "Reports"
        if let problem = ReportDirectory.checkWritable(reportDirectory) {
            Diagnostics.report("\(problem); nothing was sent. Choose another --report-dir.")
            return .usage
        }

        if verbosity != .quiet {
            Output.out("\(ToolInfo.name) \(ToolInfo.version): \(options.select(catalogue.cases).count) cases against \(configuration.baseURL)\(simulator != nil ? " (built-in simulator, profile \(simulatorOptions.profile.rawValue))" : "")")
            if let proxy = prepared.proxy { Output.out("  through the proxy \(proxy)") }
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
        if let summaryFile = environment["GITHUB_STEP_SUMMARY"], !summaryFile.isEmpty, let handle = FileHandle(forWritingAtPath: summaryFile) {
            handle.seekToEndOfFile()
            handle.write(Data(SummaryMarkdown.markdown(for: result, redactor: redactor).utf8))
            try? handle.close()
        }
        return result.exitCode
    }

    /// Printed at the start and the end of every `--insecure` run, whatever the verbosity.
    static let insecureBanner = "WARNING: TLS VERIFICATION IS OFF (--insecure / tls.insecureSkipVerify): the server's certificate and host name were not checked, so anyone on the path could have answered. Reports are marked \"tlsVerified\": false. Use --ca-file instead."
}

/// The report directory must be writable before anything is sent.
enum ReportDirectory {
    static func checkWritable(_ directory: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "cannot create the report directory \(directory): \(error.localizedDescription)"
        }
        let probe = (directory as NSString).appendingPathComponent(".write-check-\(getpid())")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            return "the report directory \(directory) is not writable"
        }
        try? FileManager.default.removeItem(atPath: probe)
        return nil
    }
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
            Output.err("RESTORE ABANDONED: fixtures touched by this run may be left changed; check the fixture secrets of your configuration by hand.")
            exit(ExitCode.restoreFailed.rawValue)
        }
    }
}
