import Foundation

/// What a person sees while a run goes on: one line per finished case, then the totals (Reports/README.md).
///
/// Output goes to the injected `sink`, one line per call, without a line terminator (so
/// `{ print($0) }` is a valid sink). The lines of one event are emitted together even when cases
/// finish concurrently. Every line passes through the redactor; text from the target is shown on one
/// line with control characters neutralised, so a hostile server cannot drive the terminal.
///
/// - `quiet`: failed and unjudged cases only, the totals, a restore failure and the exit code.
/// - `normal`: every case, failures with expected vs actual, drift findings, the reports written.
/// - `verbose`: also each step's answer and duration, observations and the exchanges sent.
public final class ConsoleReporter: Sendable {
    public enum Verbosity: Sendable, Hashable, Comparable {
        case quiet, normal, verbose
    }

    private let sink: @Sendable (String) -> Void
    private let colour: Bool
    private let verbosity: Verbosity
    /// The configured redactor plus credentials harvested from every exchange reported so far.
    private var redactor: Redactor { state.redactor }
    private let state = HarvestedSecrets()
    /// Warning groups listed at the end of a run outside `--verbose`.
    static let warningGroupLimit = 20

    /// A case's line says how it counts from the verdict the runner stored on it (``CaseResult/verdict``).
    public init(
        sink: @escaping @Sendable (String) -> Void, colour: Bool, verbosity: Verbosity, redactor: Redactor
    ) {
        self.sink = sink
        self.colour = colour
        self.verbosity = verbosity
        self.state.redactor = redactor
    }

    /// Whether to colour the output: only on a terminal, never with `NO_COLOR` set (non-empty) or `TERM=dumb`.
    ///
    /// `FORCE_COLOR` or `CLICOLOR_FORCE` (non-empty, not `0`) turn colour on off a terminal; `NO_COLOR` still wins.
    public static func shouldUseColour(isTerminal: Bool, environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        for key in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
            if let value = environment[key], !value.isEmpty, value != "0" { return true }
        }
        return isTerminal
    }

    // MARK: - Events

    /// One line for a case that finished; for failures, each failed check with expected vs actual.
    public func caseFinished(_ result: CaseResult) {
        let verdict = result.verdict
        if verbosity == .quiet, [.passed, .probePassed, .skipped, .probeError, .probeFinding, .expected, .probeExpected].contains(verdict) { return }
        // Cases not sent to a sick target share one summary line at the end (``runFinished(_:reportPaths:)``).
        if result.wasNotSent && verbosity != .verbose { return }
        // Only lines that carry what the target said can carry a secret it issued.
        if !verdict.isPass || verbosity == .verbose || !result.warnings.isEmpty { state.harvest(result.exchanges) }
        var lines: [String] = []
        var head = "\(badge(verdict)) \(clean(result.id)) (\(ReportFormat.seconds(result.durationSeconds)) s)"
        switch verdict {
        case .skipped, .probeError, .error, .requiredSkipped:
            head += ": " + clean(result.reason ?? "no reason given")
            if verdict == .requiredSkipped { head += " [skipped, but --require-all demands it]" }
            if verdict == .probeError { head += " [probe: counts only with --strict]" }
        case .probeFinding:
            head += ": finding [probe: counts only with --strict]"
        case .expected, .probeExpected:
            head += ": expected failure: " + clean(result.expectedFailure ?? "")
        case .failed where !result.harm.isEmpty:
            head += ": " + paint("HARM", .redBold) + " (fails whatever the evidence grade)"
        case .passed, .probePassed, .failed:
            break
        }
        if verbosity != .verbose, !result.warnings.isEmpty {
            // Listed once, grouped, at the end of the run: one departure is not a line per case.
            head += paint(" (\(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s"))", .yellow)
        }
        lines.append(head)
        for step in result.steps {
            if verbosity == .verbose {
                var line = "      step \(step.index) \(clean(step.name)): \(step.outcome.rawValue)"
                if let observed = step.observed { line += ", observed \(clean(observed))" }
                line += " (\(ReportFormat.seconds(step.durationSeconds)) s)"
                lines.append(paint(line, .dim))
            }
            for failure in step.failures {
                var where_ = "      \(verbosity == .verbose ? "  " : "step \(step.index) \(clean(step.name)): ")"
                where_ += paint(clean(failure.check.rawValue), .bold)
                if let path = failure.path { where_ += " at \(clean(path))" }
                lines.append(where_)
                if let harm = failure.harm {
                    lines.append("          " + paint("HARM: " + clean(harm.reason), .redBold) + " (\(clean(harm.citation, limit: 1000)))")
                }
                lines.append("          expected: \(clean(failure.expected))")
                lines.append("          actual:   \(paint(clean(failure.actual), verdict == .failed ? .red : .plain))")
            }
        }
        if verbosity == .verbose {
            for warning in result.warnings {
                lines.append(paint("      warn " + clean(warning.summary), .yellow))
            }
        } else if !verdict.isPass {
            // Under a case that did not pass they may say why (an empty body): each group once.
            for group in WarningGroup.groups(of: [result]) {
                lines.append(paint("      warn " + clean("\(group.headline) (\(group.source))"), .yellow))
            }
        }
        if verbosity == .verbose {
            for observation in ReportFormat.observations(result) {
                let location = observation.path.map { " at \(clean($0))" } ?? ""
                lines.append("      observation \(clean(observation.check.rawValue))\(location): \(clean(observation.detail))")
            }
            for exchange in result.exchanges {
                var line = "      > \(clean(exchange.request.method)) \(clean(exchange.request.url))"
                if let response = exchange.response { line += "  < \(response.status)" }
                if let error = exchange.transportError { line += "  ! \(clean(error))" }
                line += " (\(exchange.purpose.rawValue), \(ReportFormat.seconds(exchange.durationSeconds)) s)"
                lines.append(paint(line, .dim))
            }
            if !verdict.isPass && verdict != .skipped {
                lines.append(paint("      transcript: transcripts/\(Transcript.fileName(for: result.id))", .dim))
            }
        }
        emit(lines)
    }

    /// The moment the target shows that its answers do not reveal a secret's state: what it means for the run
    /// and which configuration key to fill in (said again at the end).
    public func statesHidden(_ states: HiddenStates) {
        emit([paint("NOTE: " + clean(states.explanation, limit: 4000), .yellow)])
    }

    /// Totals, time, profile, drift, restore (a failure as a banner), the reports written and the exit code.
    public func runFinished(_ result: RunResult, reportPaths: [String]) {
        state.harvest(result.runExchanges + result.cases.flatMap(\.exchanges))
        // Quiet output starts with what matters: no blank line before the totals.
        var lines: [String] = verbosity == .quiet ? [] : [""]
        let exit = result.exitCode
        let tally = Tally(result)
        var totals = "\(paint("\(tally.passed) passed", .green)), "
        totals += "\(paint("\(tally.failed) failed", tally.failed > 0 ? .red : .plain)), "
        totals += "\(paint("\(tally.error) error", tally.error > 0 ? .yellow : .plain)), "
        totals += "\(tally.skipped) skipped (\(result.cases.count) cases) in \(ReportFormat.seconds(result.durationSeconds)) s"
        if tally.harm > 0 { totals += "; " + paint("\(tally.harm) showed HARM", .redBold) }
        if tally.expected > 0 { totals += "; \(tally.expected) expected failure(s)" }
        if tally.probeFindings > 0 { totals += "; \(tally.probeFindings) probe finding(s)" }
        if tally.warnings > 0 { totals += "; \(paint("\(tally.warnings) warning(s)", .yellow))" }
        let notSent = result.notSentCases.count
        for stop in result.stoppedSending {
            var text = "!! stopped sending to \(stop.route): \(stop.cause)"
            if notSent > 0 && stop == result.stoppedSending.first { text += "; \(notSent) case(s) not sent, each an error in the reports" }
            lines.append(paint(clean(text, limit: 2000), .yellow))
        }
        lines.append(paint("Summary:", .bold) + " " + totals)
        lines.append("JUnit:   \(JUnitCounts(result).sentence) (the cases and the run's own entries)")
        if verbosity != .quiet {
            lines.append("Target:  \(clean(result.target))")
            var profile = "Profile: \(clean(result.requestedProfile)) → \(clean(result.detectedProfile ?? "none detected"))"
            if let evidence = result.profileEvidence { profile += " (\(clean(evidence)))" }
            lines.append(profile)
            if !result.drift.isEmpty {
                lines.append("Drift:")
                for finding in result.drift {
                    let text = "\(finding.id) \(finding.topic): \(finding.observed)"
                    lines.append("  " + clean(text, limit: verbosity == .verbose ? 2000 : 160))
                }
            }
            let groups = WarningGroup.groups(of: ReportFormat.ordered(result.cases))
            if !groups.isEmpty {
                let total = groups.reduce(0) { $0 + $1.count }
                lines.append(paint("Warnings: \(total) in \(groups.count) group(s)", .yellow) + " (broken expectations the documents only imply: failures only with --strict)")
                let shown = verbosity == .verbose ? groups : Array(groups.prefix(Self.warningGroupLimit))
                for group in shown {
                    lines.append(paint("  warn " + clean(group.headline), .yellow))
                    lines.append("      \(clean(group.source)); \(clean(group.caseIDs.count == 1 ? "case" : "\(group.caseIDs.count) cases")): \(clean(group.cases()))")
                }
                if shown.count < groups.count { lines.append("  and \(groups.count - shown.count) more group(s): see summary.md") }
            }
            lines.append("Restore: \(clean(JUnitReport.restoreSummary(result)))")
            if !reportPaths.isEmpty {
                let shown = verbosity == .verbose ? reportPaths : Array(reportPaths.prefix(3))
                var text = "Reports: " + shown.map { clean($0) }.joined(separator: ", ")
                if shown.count < reportPaths.count { text += " and \(reportPaths.count - shown.count) transcript(s)" }
                lines.append(text)
            }
        }
        if let hidden = result.hiddenStates {
            lines.append(paint("States:  " + clean(hidden.explanation, limit: 4000), .yellow))
        }
        if result.interrupted {
            lines.append(paint("INTERRUPTED: the run was stopped before every case ran; the results are incomplete.", .yellow))
        }
        if result.restoreFailed {
            let rule = String(repeating: "!", count: 72)
            lines.append("")
            lines.append(paint(rule, .redBold))
            lines.append(paint("!! " + result.restoreHeadline, .redBold))
            for record in result.restore where !record.verified {
                lines.append(paint("!! fixture \(record.fixture) (\(clean(record.role))): \(clean(record.knownChanged ? record.statement : "could not confirm secret \(record.fixture)'s state", limit: 2000))", .redBold))
                if !record.detail.isEmpty { lines.append(paint("!!   \(clean(record.detail, limit: 2000))", .redBold)) }
                lines.append(paint("!!   by hand: \(clean(RestoreAdvice.action(for: record), limit: 2000))", .redBold))
            }
            lines.append(paint(rule, .redBold))
        }
        let harmful = result.cases.filter { $0.verdict == .failed && !$0.harm.isEmpty }
        if !harmful.isEmpty {
            lines.append(paint("HARM (a failure whatever the evidence grade, docs/EVIDENCE.md#harm):", .redBold))
            for item in harmful {
                let reasons = Set(item.harm.compactMap { $0.harm?.reason }).sorted()
                lines.append(paint("  \(clean(item.id)): \(clean(reasons.joined(separator: "; ")))", .redBold))
            }
        }
        let exitColour: Style = exit == .passed ? .green : (exit == .failed || exit == .restoreFailed ? .redBold : .yellow)
        lines.append(paint("Exit \(exit.rawValue): \(exit.meaning)", exitColour))
        if exit == .noVerdict && !result.cases.contains(where: { $0.outcome == .passed && $0.kind == .contract }) {
            let errors = result.cases.filter { $0.outcome == .error }.compactMap(\.reason)
            let skipped = result.cases.filter { $0.outcome == .skipped }.compactMap(\.reason)
            if let reason = errors.first {
                lines.append("  no contract case could be judged: \(clean(reason))")
            } else if let reason = Set(skipped).sorted().first {
                lines.append("  no contract case was judged; configure what is missing, e.g. \(clean(reason))")
            }
        }
        emit(lines)
    }

    // MARK: - Text

    private enum Style {
        case plain, bold, dim, red, redBold, green, yellow, cyan, blue
        var code: String {
            switch self {
            case .plain: return ""
            case .bold: return "1"
            case .dim: return "2"
            case .red: return "31"
            case .redBold: return "1;31"
            case .green: return "32"
            case .yellow: return "33"
            case .cyan: return "36"
            case .blue: return "34"
            }
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        guard colour, style != .plain else { return text }
        return "\u{1B}[\(style.code)m\(text)\u{1B}[0m"
    }

    private func badge(_ verdict: CaseVerdict) -> String {
        switch verdict {
        case .passed, .probePassed: return paint("✔ PASS ", .green)
        case .failed: return paint("✘ FAIL ", .redBold)
        case .error, .requiredSkipped: return paint("! ERROR", .yellow)
        case .skipped, .probeError: return paint("- SKIP ", .cyan)
        case .probeFinding: return paint("~ PROBE", .blue)
        case .expected, .probeExpected: return paint("x XFAIL", .cyan)
        }
    }

    /// Untrusted text on one line, controls neutralised, redacted and cut.
    private func clean(_ text: String, limit: Int? = nil) -> String {
        let cap = limit ?? (verbosity == .verbose ? 4000 : 300)
        return ReportFormat.truncated(ReportFormat.oneLine(redactor.redact(text)), maxBytes: cap)
    }

    private func emit(_ lines: [String]) {
        let redactor = self.redactor
        let redacted = lines.map { redactor.redact($0) }
        state.withLock {
            for line in redacted { sink(line) }
        }
    }
}

/// The console's redactor, growing as exchanges are reported; safe to use from concurrent cases.
private final class HarvestedSecrets: Sendable {
    private let current = LockedBox(Redactor(secrets: []))
    /// Held while lines are written, so the lines of one call stay together.
    private let emitting = LockedBox(())

    var redactor: Redactor {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    func harvest(_ exchanges: [Exchange]) {
        guard !exchanges.isEmpty else { return }
        let base = redactor
        let grown = base.harvesting(exchanges)
        guard grown.literals != base.literals else { return }
        current.withLock { $0 = $0.merging(grown) }
    }

    func withLock(_ body: () -> Void) {
        emitting.withLock { _ in body() }
    }
}
