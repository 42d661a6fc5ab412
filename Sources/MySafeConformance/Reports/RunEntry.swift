import MySafeJSON

/// The run's own JUnit testcases, in the first suite (`run`): profile detection, the interruption,
/// the restore, and a missing verdict. They make a run that is not green by its exit code red in
/// every JUnit reader (an `<error>`), and give detection and restore their own times
/// (Reports/README.md#junitxml).
///
/// - `run.detection` (profile `auto` only): passes when a profile was detected, skipped when it was assumed.
/// - `run.interrupted` (interrupted runs only): an error listing what did not run and the restore.
/// - `run.restore` (when a fixture was touched): passes when every fixture was verified in its original
///   state; otherwise an error naming each fixture, its original state and the request to send by hand.
/// - `run.verdict`: an error when the exit code is not 0 and nothing else is red (no contract case judged).
///
/// summary.json keeps them (`run`), so `fleet` and `merge` give each target's `<testsuite>` the same
/// entries read back from its report (``init(summary:)``), and a target that is not green by its exit
/// code is red there too.
struct RunEntry: Hashable, Sendable {
    enum Verdict: Hashable, Sendable {
        case passed
        case skipped(message: String)
        case error(type: String, message: String, body: String)

        /// The JUnit element: nil (passed), `skipped` or `error`.
        var junitElement: String? {
            switch self {
            case .passed: return nil
            case .skipped: return "skipped"
            case .error: return "error"
            }
        }

        /// summary.json's `countsAs`.
        var countsAs: String {
            switch self {
            case .passed: return "passed"
            case .skipped: return "skipped"
            case .error: return "error"
            }
        }
    }

    /// The JUnit suite and classname suffix the entries live in.
    static let suiteName = "run"

    var name: String
    var seconds: Double
    var verdict: Verdict

    /// The run's entries for `result`, in the order above.
    static func entries(for result: RunResult) -> [RunEntry] {
        var entries: [RunEntry] = []
        if result.requestedProfile == "auto" {
            let verdict: Verdict = result.detectedProfile == nil
                ? .skipped(message: "profile not detected: " + ReportFormat.oneLine(result.profileEvidence ?? "no evidence"))
                : .passed
            entries.append(RunEntry(name: "run.detection", seconds: result.detectionSeconds, verdict: verdict))
        }
        if result.interrupted {
            entries.append(RunEntry(name: "run.interrupted", seconds: 0, verdict: interruption(result)))
        }
        if !result.restore.isEmpty {
            let verdict: Verdict = result.restoreFailed ? restoreFailure(result) : .passed
            entries.append(RunEntry(name: "run.restore", seconds: result.restoreSeconds, verdict: verdict))
        }
        let red = entries.contains { $0.verdict.junitElement == "error" }
            || result.cases.contains { ["failure", "error"].contains($0.verdict.junitElement) }
        let reason = result.cases.first { $0.outcome == .skipped }?.reason ?? "no contract case ran"
        if let verdict = verdict(exitCode: result.exitCode, red: red, reason: reason, journal: journal(result)) {
            entries.append(verdict)
        }
        return entries
    }

    /// `run.verdict`: an error when `exitCode` is not 0 and nothing else (`red`) says so; nil otherwise.
    static func verdict(exitCode exit: ExitCode, red: Bool, reason: String, journal: String) -> RunEntry? {
        guard exit != .passed && !red else { return nil }
        let message = "exit \(exit.rawValue): \(exit.meaning): no contract case was judged (\(ReportFormat.oneLine(reason)))"
        return RunEntry(
            name: "run.verdict", seconds: 0,
            verdict: .error(type: "no-verdict", message: message, body: message + "\n" + journal))
    }

    /// The entry as a junit.xml `<testcase>`: in a run's suite `run` (classname `mysafe.run`), and in each
    /// target's suite of a fleet's or a merge's (classname `mysafe.<target>.run`).
    func testcase(name: String, classname: String) -> JUnitDocument.Testcase {
        let element: JUnitDocument.Testcase.Verdict
        switch verdict {
        case .passed: element = .passed
        case .skipped(let message): element = .skipped(message: message)
        case .error(let type, let message, let body): element = .error(type: type, message: message, body: body)
        }
        return JUnitDocument.Testcase(classname: classname, name: name, seconds: seconds, verdict: element)
    }

    /// summary.json's `run` member for this entry: name, countsAs, durationSeconds, message, type
    /// (Reports/README.md, "summary.json"); `string` redacts.
    func summaryValue(_ string: (String) -> JSONValue) -> JSONValue {
        var message: JSONValue = .null
        var type: JSONValue = .null
        switch verdict {
        case .passed: break
        case .skipped(let text): message = string(text)
        case .error(let kind, let text, _):
            message = string(text)
            type = .string(kind)
        }
        return .object(JSONObject([
            "name": string(name),
            "countsAs": .string(verdict.countsAs),
            "durationSeconds": .float(ReportFormat.roundedSeconds(seconds)),
            "message": message,
            "type": type,
        ]))
    }

    /// The entry as summary.json keeps it and ``init(summary:)`` reads it back (texts redacted, time rounded,
    /// an error's body replaced by where the whole story is): what `fleet` holds of a target's entries.
    func asSummarized(_ redactor: Redactor) -> RunEntry {
        RunEntry(summary: summaryValue { .string(redactor.redact($0)) }) ?? self
    }

    /// The entry read back from summary.json's `run` (``summaryValue(_:)``); an error's body is its
    /// message and where the whole story is. Nil for an entry without a name.
    init?(summary value: JSONValue) {
        guard let name = value["name"]?.stringValue else { return nil }
        let message = value["message"]?.stringValue ?? ""
        switch value["countsAs"]?.stringValue {
        case "passed": verdict = .passed
        case "skipped": verdict = .skipped(message: message)
        default:
            let type = value["type"]?.stringValue ?? "run"  // reports written before `type` was added
            let text = message.isEmpty ? "\(name): not passed" : message
            verdict = .error(type: type, message: text, body: text + "\n\nThe target's own summary.md and transcripts/run.txt say more.\n")
        }
        self.name = name
        switch value["durationSeconds"] {
        case .integer(let number): seconds = Double(number)
        case .float(let number): seconds = number
        default: seconds = 0
        }
    }

    init(name: String, seconds: Double, verdict: Verdict) {
        self.name = name
        self.seconds = seconds
        self.verdict = verdict
    }

    private static func interruption(_ result: RunResult) -> Verdict {
        let notRun = result.cases.filter(\.wasInterrupted)
        let message = "interrupted: \(notRun.count) of \(result.cases.count) case(s) did not run; the results are incomplete"
        var body = message + "\n"
        if !notRun.isEmpty {
            body += "\nnot run:\n" + notRun.map { "  \($0.id)\n" }.joined()
        }
        body += "\n" + journal(result)
        return .error(type: "interrupted", message: message, body: body)
    }

    private static func restoreFailure(_ result: RunResult) -> Verdict {
        let failed = result.restore.filter { !$0.verified }
        let fixtures = failed.map { "\($0.fixture) (\($0.role), originally \(ReportFormat.state($0.originalState)))" }
        let message = "RESTORE FAILED: fixture(s) \(fixtures.joined(separator: ", ")) not verified in their original state; put them back by hand"
        var body = "RESTORE FAILED: put these fixtures back by hand:\n"
        for record in failed {
            body += "\nfixture \(record.fixture) (\(record.role))\n"
            body += "  original state: \(ReportFormat.state(record.originalState))\n"
            body += "  final state:    \(ReportFormat.state(record.finalState)) (not verified)\n"
            body += "  what happened:  \(ReportFormat.oneLine(record.detail))\n"
            body += "  by hand:        \(RestoreAdvice.action(for: record))\n"
        }
        body += "\n" + journal(result)
        return .error(type: "restore", message: message, body: body)
    }

    /// Every fixture the run touched, one line each.
    private static func journal(_ result: RunResult) -> String {
        var text = "restore: \(JUnitReport.restoreSummary(result))\n"
        for record in result.restore {
            text += "  fixture \(record.fixture) (\(record.role)): original \(ReportFormat.state(record.originalState)), "
            text += "final \(ReportFormat.state(record.finalState)), verified \(record.verified): \(ReportFormat.oneLine(record.detail))\n"
        }
        return text
    }
}
