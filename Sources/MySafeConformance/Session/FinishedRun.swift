/// What a ``PreparedRun`` returns: the result and everything the reports of it need.
public struct FinishedRun: Sendable {
    /// The run, with `tlsVerified` and `proxy` stamped.
    public var result: RunResult
    /// Every value no output may show: configured credentials, tokens issued during the run, the proxy's credentials.
    public var secrets: [String]
    /// The proxy the target was reached through, or nil.
    public var proxy: ProxyEndpoint?
    /// The report files written, when the session had a report directory.
    public var reportPaths: [String] = []
    /// Why the reports could not be written (redacted), or nil.
    public var reportProblem: Problem?

    public init(result: RunResult, secrets: [String], proxy: ProxyEndpoint?) {
        self.result = result
        self.secrets = secrets
        self.proxy = proxy
    }

    /// The run's exit: the result's, or at least 2 when its reports could not be written (``ExitCode/withoutReports(_:)``).
    public var exitCode: ExitCode { reportProblem == nil ? result.exitCode : ExitCode.withoutReports(result.exitCode) }

    /// The redactor every report of this run goes through.
    public var redactor: Redactor { Redactor(secrets: secrets) }

    /// Writes the run's reports into `directory`, redacted: ``reportPaths``, or ``reportProblem`` saying why not.
    public mutating func writeReports(to directory: String) {
        let redactor = self.redactor
        do {
            reportPaths = try ReportWriter(directory: directory, redactor: redactor).write(result)
        } catch {
            reportProblem = Problem(message: redactor.redact("the reports could not be written to \(directory): \(error.localizedDescription)"))
        }
    }
}
