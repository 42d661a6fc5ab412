import Foundation

/// A ``RunSession`` that can start: its configuration, options and transport are settled and checked.
/// It gives the dry-run plan, or runs once and returns a ``FinishedRun``.
public struct PreparedRun: Sendable {
    let runner: Runner
    /// The proxy the target is reached through, or nil (direct).
    public let proxy: ProxyEndpoint?
    let proxySecrets: [String]
    /// Where ``run(onCaseFinished:onStatesHidden:)`` writes the reports; nil: the caller writes them.
    public let reportDirectory: String?
    let environment: [String: String]

    /// The configuration as resolved (file, environment, overrides; the session's target name).
    public var configuration: Configuration { runner.configuration }
    /// The options the run uses, with the expectations it loaded.
    public var options: RunOptions { runner.options }
    /// The cases the run selects, in catalogue order.
    public var selectedCases: [ConformanceCase] { runner.options.select(runner.cases) }

    /// Values known before the run that no output may show: the configured credentials and the proxy's.
    public var secrets: [String] { configuration.secrets + proxySecrets }

    /// ``RunSession/insecureBanner`` when the run checks no certificate, said at its start and its end; nil otherwise.
    public var insecureWarning: String? { configuration.tlsUnverified ? RunSession.insecureBanner : nil }

    /// `--dry-run`: every request the run would send, credentials redacted; nothing is sent.
    public var plan: String {
        Redactor(secrets: secrets).redact(RunPlan.describe(cases: runner.cases, configuration: configuration, options: options))
    }

    /// Runs the cases, restores every fixture, stamps how the target was reached (`tlsVerified`, `proxy`) on
    /// the result and, with a report directory, writes the reports and appends summary.md to
    /// `$GITHUB_STEP_SUMMARY`. The callbacks are the runner's (``Runner/onCaseFinished``, ``Runner/onStatesHidden``).
    public func run(
        onCaseFinished: @escaping @Sendable (CaseResult) -> Void = { _ in },
        onStatesHidden: @escaping @Sendable (HiddenStates) -> Void = { _ in }
    ) async -> FinishedRun {
        var runner = self.runner
        runner.onCaseFinished = onCaseFinished
        runner.onStatesHidden = onStatesHidden
        var result = await runner.run()
        // How the target was reached, stamped here so that run, fleet and matrix report it alike.
        if configuration.baseURL.lowercased().hasPrefix("https://") { result.tlsVerified = !configuration.tls.insecureSkipVerify }
        result.proxy = proxy?.description

        var finished = FinishedRun(result: result, secrets: runner.secrets + proxySecrets, proxy: proxy)
        if let reportDirectory {
            finished.writeReports(to: reportDirectory)
            StepSummary.append(SummaryMarkdown.markdown(for: result, redactor: finished.redactor), environment: environment)
        }
        return finished
    }
}
