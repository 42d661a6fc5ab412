public import MySafeJSON

/// One run of the catalogue against one target, from its inputs to a result the reports are written
/// from. `run`, each target of `fleet` and each row of the deviation matrix go through it, so the three
/// load, check, reach and report a target the same way (docs/DESIGN.md, "The data flow of a run").
///
/// ``prepare()`` does everything that may stop a run before a request is sent — the configuration, the
/// transport (``TransportFactory``), the expectations (`--expectations` wins over the configuration's),
/// the runner's validation and the report directory — and says why as a ``RunSessionFailure`` with its
/// exit code. The ``PreparedRun`` it returns prints the dry-run plan or runs.
///
/// ```swift
/// let prepared = try RunSession(catalogue: catalogue, source: .file("prod.json"), environment: environment).prepare()
/// let finished = await prepared.run()
/// ```
public struct RunSession: Sendable {
    /// Where the target's configuration comes from.
    public enum ConfigurationSource: Sendable {
        /// A configuration file (nil: none; the environment and the overrides alone), read with the session's
        /// environment; the target is reached through the environment's proxies.
        case file(String?)
        /// A document already made (the built-in simulator's), resolved without the environment and reached
        /// directly, never through a proxy; `label` names it in problems.
        case document(JSONObject, label: String)
    }

    public var catalogue: Catalogue
    public var source: ConfigurationSource
    /// Values given on the command line; they win over the configuration and the environment.
    public var overrides: ConfigurationOverrides
    /// The process environment: credentials, `MYSAFE_*`, proxies, `GITHUB_STEP_SUMMARY`.
    public var environment: [String: String]
    /// How cases are selected and judged. Expectations already set here are used as they are (a fleet
    /// reads `--expectations` once for all its targets).
    public var options: RunOptions
    /// `--expectations FILE`: wins over the configuration's `expectations`.
    public var expectationsFile: String?
    /// `--dry-run`: nothing will be sent, so credentials that are not set become placeholders the plan names,
    /// and the report directory is left alone.
    public var dryRun: Bool
    /// The name the reports give the target (a fleet entry's) in place of the configuration's own, which
    /// expectations may still use.
    public var targetName: String?
    /// Where the reports go: emptied of an earlier run's before anything is sent, written after the run, and
    /// summary.md appended to `$GITHUB_STEP_SUMMARY`. Nil: the caller writes them.
    public var reportDirectory: String?
    /// What to check when the configuration file cannot be read (where its path came from).
    public var unreadableFileAdvice: String?
    /// Shared with whoever may interrupt the run (``InterruptPolicy``).
    public var control: RunControl
    /// Wraps the transport the factory made (a ``DeliveryWitness`` watching it).
    public var wrapTransport: @Sendable (any HTTPTransport) -> any HTTPTransport

    public init(
        catalogue: Catalogue, source: ConfigurationSource, overrides: ConfigurationOverrides = ConfigurationOverrides(),
        environment: [String: String], options: RunOptions = RunOptions(), expectationsFile: String? = nil, dryRun: Bool = false,
        targetName: String? = nil, reportDirectory: String? = nil, unreadableFileAdvice: String? = nil, control: RunControl = RunControl(),
        wrapTransport: @escaping @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 }
    ) {
        self.catalogue = catalogue
        self.source = source
        self.overrides = overrides
        self.environment = environment
        self.options = options
        self.expectationsFile = expectationsFile
        self.dryRun = dryRun
        self.targetName = targetName
        self.reportDirectory = reportDirectory
        self.unreadableFileAdvice = unreadableFileAdvice
        self.control = control
        self.wrapTransport = wrapTransport
    }

    /// Printed at the start and the end of every run that checks no certificate, whatever the verbosity.
    public static let insecureBanner = "WARNING: TLS VERIFICATION IS OFF (--insecure / tls.insecureSkipVerify): the server's certificate and host name were not checked, so anyone on the path could have answered. Reports are marked \"tlsVerified\": false. Use --ca-file instead."

    /// Everything that may stop the run before a request is sent, in order: configuration, transport,
    /// expectations, validation, report directory (not for a dry run).
    public func prepare() throws(RunSessionFailure) -> PreparedRun {
        var configuration: Configuration
        let useProxies: Bool
        do {
            switch source {
            case .file(let file):
                var loader = ConfigurationLoader(environment: environment)
                loader.placeholdersForMissingCredentials = dryRun
                if let unreadableFileAdvice { loader.unreadableFileAdvice = unreadableFileAdvice }
                configuration = try loader.load(file: file, overrides: overrides)
                useProxies = true
            case .document(let document, let label):
                configuration = try ConfigurationLoader(environment: [:]).resolve(document, label: label, overrides: overrides)
                useProxies = false
            }
        } catch {
            throw RunSessionFailure(stage: .configuration, problems: error.problems)
        }
        if let targetName {
            // The reports carry this name; expectations may still name the configuration's own.
            if let own = configuration.name, own != targetName { configuration.otherNames.append(own) }
            configuration.name = targetName
        }

        let transport: TransportFactory.Prepared
        do {
            transport = try TransportFactory.transport(for: configuration, useProxies: useProxies, environment: environment)
        } catch {
            throw RunSessionFailure(stage: .transport, problems: error.problems, exitCode: error.exitCode)
        }

        var options = self.options
        if options.expectations == nil, let file = expectationsFile ?? configuration.expectationsFile {
            do {
                options.expectations = try ExpectationSet.load(file: file)
            } catch {
                throw RunSessionFailure(stage: .expectations, problems: error.problems)
            }
        }

        let runner = Runner(
            configuration: configuration, cases: catalogue.cases, profiles: catalogue.profiles, caseSetDigest: catalogue.digest,
            options: options, transport: wrapTransport(transport.transport), control: control)
        do {
            try runner.validate()
        } catch {
            throw RunSessionFailure(stage: .validation, problems: error.problems)
        }

        if !dryRun, let reportDirectory, let problem = ReportDirectory.prepare(reportDirectory) {
            throw RunSessionFailure(stage: .reportDirectory, problems: [Problem(message: problem)])
        }
        return PreparedRun(
            runner: runner, proxy: transport.proxy, proxySecrets: transport.secrets, reportDirectory: dryRun ? nil : reportDirectory,
            environment: environment)
    }
}
