/// JUnit XML for CI systems, valid against both Jenkins' `junit-10.xsd` and Ant's `ant-junit.xsd`
/// (Reports/README.md#junitxml; the schemas are in docs/vendor/schemas/).
///
/// Rendered by ``JUnitDocument``, as a fleet's is. Shape: a bare `<testsuites>` root (Ant's aggregate
/// allows no attributes on it, so the whole run's time is the `durationSeconds` property); first the
/// suite `run` with the run's properties (once, so readers that merge suites see each name once) and the run's own testcases (``RunEntry``:
/// detection, interruption, restore, missing verdict); then one `<testsuite>` per case group in the
/// order activate, deactivate, lifecycle, routes, auth (then others). Each suite has `name`,
/// `package`, `id`, `timestamp`, `hostname`, `tests`, `failures`, `errors`, `skipped`, `time` (the
/// sum of its testcases), and the children `<properties>` (empty after the first), `<testcase>`s,
/// `<system-out>`, `<system-err>` in that order (Ant requires all three wrappers). A testcase holds
/// at most one of `<failure>`, `<error>`, `<skipped>` and no other children (Ant allows nothing else).
///
/// Mapping: a failed contract case → `<failure type="CHECK-ID">` (`type="harm"` when an answer showed harm); a case that could not be judged →
/// `<error type="arrange|transport|no-verdict">`; a skipped case → `<skipped>`; an expected failure
/// → `<skipped message="expected failure: REASON">`. Probes count only with `--strict`: otherwise a
/// failed probe passes (its finding goes to `<system-out>`) and a probe that could not run is skipped.
/// Under `--require-all` a skipped contract case is an `<error>` (as the exit code treats it).
/// Warnings leave their testcase green and are listed in the suite's `<system-out>`.
public enum JUnitReport {
    /// The `package` attribute of every suite and the prefix of every `classname`.
    public static let packageName = "mysafe"
    /// Failure and error messages are cut to this many UTF-8 bytes.
    public static let messageLimit = 1024

    /// The document for `result`; every text in it has passed through `redactor`.
    public static func xml(for result: RunResult, redactor: Redactor) -> String {
        render(result, redactor: redactor.harvesting(from: result))
    }

    /// The document, with `redactor` already holding the credentials of the result's exchanges.
    static func render(_ result: RunResult, redactor: Redactor) -> String {
        document(result, redactor: redactor).render(redactor)
    }

    /// The run's suites: the run's own, then one per case group. Testcase names are unique in the document.
    static func document(_ result: RunResult, redactor: Redactor) -> JUnitDocument {
        let hostname = result.hostname
        let runTimestamp = ReportFormat.junitTimestamp(result.startedAt) ?? "1970-01-01T00:00:00"
        var usedNames = Set<String>()
        func uniqueName(_ name: String) -> String {
            var candidate = name
            var counter = 2
            while !usedNames.insert(candidate).inserted {
                candidate = "\(name) (\(counter))"
                counter += 1
            }
            return candidate
        }
        // A named target prefixes every suite (`sp-prod.activate`), so merged CI views say where it ran.
        func suiteName(_ name: String) -> String {
            let plain = name.trimmingSpaces.isEmpty ? "unnamed" : name
            return result.name.map { "\($0).\(plain)" } ?? plain
        }

        // The run: properties once, the run's own testcases, the run's notes.
        let entries = RunEntry.entries(for: result)
        var suites = [JUnitDocument.Suite(
            name: suiteName(RunEntry.suiteName), id: 0, timestamp: runTimestamp, hostname: hostname, properties: runProperties(result),
            testcases: entries.map { $0.testcase(name: uniqueName($0.name), classname: "\(packageName).\(RunEntry.suiteName)") },
            systemOut: runSystemOut(result, redactor: redactor), systemErr: runSystemErr(result, redactor: redactor))]
        for (index, group) in ReportFormat.groups(of: result.cases).enumerated() {
            let timestamp = group.cases.compactMap { ReportFormat.junitTimestamp($0.startedAt) }.min() ?? runTimestamp
            suites.append(JUnitDocument.Suite(
                name: suiteName(group.name), id: index + 1, timestamp: timestamp, hostname: hostname,
                testcases: group.cases.map { testcase($0, name: uniqueName($0.id), verdict: $0.verdict, redactor: redactor) },
                systemOut: groupSystemOut(group.cases, result: result, redactor: redactor)))
        }
        return JUnitDocument(suites: suites)
    }

    // MARK: - Pieces

    /// The run's properties, on the first suite only: never a credential.
    static func runProperties(_ result: RunResult) -> [(String, String)] {
        var transport: [(String, String)] = []
        if let verified = result.tlsVerified { transport.append(("tlsVerified", String(verified))) }
        if let proxy = result.proxy { transport.append(("proxy", proxy)) }
        return (result.name.map { [("name", $0)] } ?? []) + [
            ("target", result.target),
            ("profile.requested", result.requestedProfile),
            ("profile.detected", result.detectedProfile ?? "none"),
            ("profile.evidence", ReportFormat.oneLine(result.profileEvidence ?? "")),
            ("tool.version", result.toolVersion),
            ("caseSet.digest", result.caseSetDigest),
            ("strict", String(result.strict)),
            ("requireAll", String(result.requireAll)),
            ("interrupted", String(result.interrupted)),
            ("restore", restoreSummary(result)),
            ("exitCode", String(result.exitCode.rawValue)),
            ("exitMeaning", result.exitCode.meaning),
            ("durationSeconds", ReportFormat.seconds(result.durationSeconds)),
            ("warnings", String(Tally(result).warnings)),
        ] + transport
    }

    static func restoreSummary(_ result: RunResult) -> String {
        if result.restore.isEmpty { return "nothing to restore" }
        let failed = result.restore.filter { !$0.verified }
        if failed.isEmpty { return "ok: \(result.restore.count) fixture(s) verified in their original state" }
        let fixtures = failed.map { "\($0.fixture) (\($0.role))" }.joined(separator: ", ")
        return "FAILED: fixture(s) \(fixtures) not verified in their original state"
    }

    private static func testcase(_ item: CaseResult, name: String, verdict: CaseVerdict, redactor: Redactor) -> JUnitDocument.Testcase {
        let element: JUnitDocument.Testcase.Verdict
        switch verdict {
        case .passed, .probePassed, .probeFinding:
            element = .passed
        case .failed:
            // Harm leads: its type is "harm" and its message says why (docs/EVIDENCE.md#harm).
            let failures = item.harm + item.failures.filter { $0.harm == nil }
            let type = failures.first?.harm != nil ? "harm" : failures.first?.check.rawValue ?? "failed"
            var message = failures.first.map { ReportFormat.oneLine($0.summary) } ?? ReportFormat.oneLine(item.reason ?? "failed")
            if failures.count > 1 { message += " (+\(failures.count - 1) more)" }
            element = .failure(type: type, message: message, body: body(item, redactor: redactor))
        case .error, .requiredSkipped:
            let type = ReportFormat.errorType(item, verdict: verdict) ?? "no-verdict"
            let reason = verdict == .requiredSkipped
                ? "skipped, but --require-all demands every contract case: \(item.reason ?? "no reason given")"
                : (item.reason ?? "no verdict possible")
            element = .error(type: type, message: reason, body: reason + "\n" + body(item, redactor: redactor))
        case .skipped, .probeError, .expected, .probeExpected:
            var reason = item.reason ?? "skipped"
            if verdict == .probeError { reason = "probe could not run (counts only with --strict): \(reason)" }
            if verdict.isExpected { reason = "expected failure: \(item.expectedFailure ?? "")" }
            element = .skipped(message: reason)
        }
        return JUnitDocument.Testcase(classname: "\(packageName).\(item.group)", name: name, seconds: item.durationSeconds, verdict: element)
    }

    /// Failed checks, step answers, then the case's exchanges (bodies cut at 64 KiB).
    private static func body(_ item: CaseResult, redactor: Redactor) -> String {
        var text = "\(item.id): \(item.title)\n"
        for step in item.steps where !step.failures.isEmpty {
            text += "\nstep \(step.index) \(step.name): \(step.outcome.rawValue)"
            if let observed = step.observed { text += ", observed \(observed)" }
            text += "\n"
            for failure in step.failures {
                text += "  check:    \(failure.check)\n"
                if let harm = failure.harm { text += "  HARM:     \(harm.reason) (\(harm.citation))\n" }
                if let path = failure.path { text += "  path:     \(path)\n" }
                text += "  expected: \(failure.expected)\n"
                text += "  actual:   \(failure.actual)\n"
            }
        }
        if !item.exchanges.isEmpty {
            text += "\nexchanges:\n"
            text += Transcript.exchangesText(
                item.exchanges, redactor: redactor, bodyLimit: ReportFormat.junitBodyLimit,
                transcriptName: Transcript.fileName(for: item.id))
        }
        return redactor.redact(text)
    }

    private static func runSystemOut(_ result: RunResult, redactor: Redactor) -> String {
        var text = "mysafe-conformance \(result.toolVersion) against \(result.target)\n"
        text += "profile: requested \(result.requestedProfile), detected \(result.detectedProfile ?? "none")"
        if let evidence = result.profileEvidence { text += " (\(ReportFormat.oneLine(evidence)))" }
        text += "\nexit \(result.exitCode.rawValue): \(result.exitCode.meaning)\n"
        if !result.drift.isEmpty {
            text += "\ndocumentation drift:\n"
            for finding in result.drift {
                text += "  \(finding.id) \(finding.topic): documented \(ReportFormat.oneLine(finding.documented)); "
                text += "observed \(ReportFormat.oneLine(finding.observed))\n"
            }
        }
        text += "\nrestore: \(restoreSummary(result))\n"
        for record in result.restore {
            text += "  fixture \(record.fixture) (\(record.role)): original \(ReportFormat.state(record.originalState)), "
            text += "final \(ReportFormat.state(record.finalState)), verified \(record.verified): \(ReportFormat.oneLine(record.detail))\n"
        }
        return redactor.redact(text)
    }

    private static func groupSystemOut(_ cases: [CaseResult], result: RunResult, redactor: Redactor) -> String {
        var text = ""
        for item in cases {
            let verdict = item.verdict
            if verdict == .probeFinding {
                text += "\nprobe \(item.id) finding (not a failure without --strict):\n"
                for failure in item.failures { text += "  \(ReportFormat.oneLine(failure.summary))\n" }
            }
            let observed = item.steps.compactMap { step in step.observed.map { "  step \(step.index) \(step.name): \($0)" } }
            if verdict == .probeFinding || (item.kind == .probe && !observed.isEmpty) {
                if verdict != .probeFinding { text += "\nprobe \(item.id): \(item.outcome.rawValue)\n" }
                for line in observed { text += ReportFormat.oneLine(line) + "\n" }
            }

            for observation in ReportFormat.observations(item) {
                let location = observation.path.map { " at \($0)" } ?? ""
                text += "observation \(item.id): \(observation.check)\(location): \(ReportFormat.oneLine(observation.detail))\n"
            }
        }
        // Warnings grouped by check, grade and message, with a count and the case ids.
        for group in WarningGroup.groups(of: cases) {
            text += "warning \(ReportFormat.oneLine(group.headline)) (\(ReportFormat.oneLine(group.source))) in \(group.caseIDs.joined(separator: ", "))\n"
        }
        return redactor.redact(text)
    }

    private static func runSystemErr(_ result: RunResult, redactor: Redactor) -> String {
        var text = ""
        if result.restoreFailed {
            text += result.restoreHeadline + " Fix by hand:\n"
            for record in result.restore where !record.verified {
                text += "  " + ReportFormat.oneLine(RestoreAdvice.line(for: record)) + "\n"
            }
        }
        if result.interrupted {
            text += "INTERRUPTED: the run was stopped before every case ran; the results are incomplete.\n"
        }
        return redactor.redact(text)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
