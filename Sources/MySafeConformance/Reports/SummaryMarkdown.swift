/// `summary.md`: a Markdown page for CI job summaries (`$GITHUB_STEP_SUMMARY`, GitLab).
///
/// Sections: verdict heading, totals (and the JUnit totals), target and profile, the case table,
/// Failures (counted failures only, expected vs actual), Expected failures, Probe findings,
/// Warnings, Not judged, documentation drift, restore (a banner first when it failed), observations.
/// Untrusted text is escaped for Markdown and HTML; table cells have `|` and newlines escaped;
/// long values are cut so the page stays well under GitHub's 1 MiB limit.
public enum SummaryMarkdown {
    /// Each value shown is cut to this many UTF-8 bytes.
    static let valueLimit = 500
    /// At most this many failed checks are listed in the Failures section.
    static let failureLimit = 100

    /// The page for `result`; every text in it has passed through `redactor`.
    public static func markdown(for result: RunResult, redactor: Redactor) -> String {
        render(result, redactor: redactor.harvesting(from: result))
    }

    /// The page, with `redactor` already holding the credentials of the result's exchanges.
    static func render(_ result: RunResult, redactor: Redactor) -> String {
        func cell(_ text: String) -> String { escapeCell(redactor.redact(text)) }
        func inline(_ text: String) -> String { escapeInline(redactor.redact(text)) }

        let exit = result.exitCode
        let icon: String
        switch exit {
        case .passed: icon = "✅"
        case .failed: icon = "❌"
        case .restoreFailed: icon = "🚨"
        default: icon = "⚠️"
        }
        var md = "# \(icon) MySafe conformance: \(inline(exit.meaning)) (exit \(exit.rawValue))\n\n"
        if result.restoreFailed {
            md += restoreBanner(result, inline: inline)
        }
        if result.tlsVerified == false {
            md += "> [!CAUTION]\n> **TLS verification was OFF** (`--insecure`): the target's certificate and host name were not checked, so anyone on the path could have answered. Do not use this run as evidence; give the CA with `--ca-file` instead.\n\n"
        }
        if result.interrupted {
            md += "> [!WARNING]\n> **Interrupted**: the run was stopped before every case ran; the results are incomplete.\n\n"
        }
        let harmful = ReportFormat.ordered(result.cases).filter { $0.verdict == .failed && !$0.harm.isEmpty }
        if !harmful.isEmpty {
            md += "> [!CAUTION]\n> **HARM**: the target did what no deployment may do, a failure whatever the evidence grade (docs/EVIDENCE.md#harm):\n"
            for item in harmful {
                let reasons = Set(item.harm.compactMap { $0.harm?.reason }).sorted()
                md += "> - `\(inline(item.id))`: \(inline(reasons.joined(separator: "; ")))\n"
            }
            md += "\n"
        }
        if let hidden = result.hiddenStates {
            md += "> [!WARNING]\n> **The target's answers do not reveal a secret's state**: \(inline(hidden.explanation))\n\n"
        }
        if !result.stoppedSending.isEmpty {
            md += "> [!WARNING]\n> **Stopped sending to a sick target**: \(result.notSentCases.count) case(s) not sent, each an error below.\n"
            for stop in result.stoppedSending { md += "> - \(inline(stop.route)): \(inline(stop.cause))\n" }
            md += "\n"
        }
        md += "**\(Tally(result).sentence)** of \(result.cases.count) cases in \(ReportFormat.seconds(result.durationSeconds)) s\n\n"
        md += "JUnit: \(JUnitCounts(result).sentence) (the cases and the run's own entries)\n\n"
        md += "- Target: " + (result.name.map { "**\(inline($0))** (\(inline(result.target)))" } ?? inline(result.target))
        if let proxy = result.proxy { md += " through the proxy \(inline(proxy))" }
        if result.tlsVerified == false { md += " (**TLS not verified**)" }
        md += "\n"
        md += "- Profile: \(inline(result.requestedProfile)) → \(inline(result.detectedProfile ?? "none detected"))"
        if let evidence = result.profileEvidence { md += " (\(inline(evidence)))" }
        md += "\n- Tool: mysafe-conformance \(inline(result.toolVersion)), case set \(inline(String(result.caseSetDigest.prefix(12))))"
        if result.strict { md += ", --strict" }
        if result.requireAll { md += ", --require-all" }
        md += "\n- Run entries: " + RunEntry.entries(for: result).map { entry in
            "\(entry.name) \(ReportFormat.seconds(entry.seconds)) s (\(entry.verdict.countsAs))"
        }.joined(separator: ", ")
        if RunEntry.entries(for: result).isEmpty { md += "none" }
        md += "\n\n"

        let cases = ReportFormat.ordered(result.cases)
        if !cases.isEmpty {
            md += "| case | kind | outcome | time | first failure |\n|---|---|---|---|---|\n"
            for item in cases {
                let verdict = item.verdict
                let first = (item.harm.first ?? item.failures.first).map(\.summary) ?? (verdict.isPass ? "" : item.reason ?? "")
                md += "| \(cell(item.id)) | \(item.kind.rawValue) | \(outcomeLabel(verdict)) | "
                md += "\(ReportFormat.seconds(item.durationSeconds)) s | \(cell(first)) |\n"
            }
            md += "\n"
        }

        var listed = 0
        func checks(_ failures: [(step: CaseResult.StepResult, check: CheckFailure)]) -> String {
            var md = ""
            for (step, failure) in failures {
                if listed == failureLimit {
                    md += "… more in summary.json\n"
                    break
                }
                listed += 1
                md += "- step \(step.index) \(inline(step.name)): **\(inline(failure.check.rawValue))**"
                if let path = failure.path { md += " at \(inline(path))" }
                if let harm = failure.harm { md += "\n  - **HARM**: \(inline(harm.reason)) (\(inline(harm.citation)))" }
                md += "\n  - expected: \(inline(failure.expected))\n  - actual: \(inline(failure.actual))\n"
            }
            return md
        }
        func section(_ title: String, note: String, _ verdicts: [CaseVerdict]) {
            let chosen = cases.filter { verdicts.contains($0.verdict) && !$0.failures.isEmpty }
            guard !chosen.isEmpty else { return }
            md += "## \(title)\n\n" + (note.isEmpty ? "" : note + "\n\n")
            for item in chosen {
                md += "### \(inline(item.id))\n\n"
                if let reason = item.expectedFailure, item.verdict.isExpected {
                    md += "Expected: \(inline(reason))\n\n"
                }
                md += checks(item.steps.flatMap { step in step.failures.map { (step, $0) } }) + "\n"
            }
        }
        section("Failures", note: "", [.failed])
        section("Expected failures", note: "Listed in the expectations file: counted apart, the exit code is unaffected.", [.expected, .probeExpected])
        section("Probe findings", note: "What the probes found: reported, not failures without --strict.", [.probeFinding])

        let groups = WarningGroup.groups(of: cases)
        if !groups.isEmpty {
            md += "## Warnings\n\nBroken expectations the documents do not establish for this version (grade inferred): "
            md += "the case keeps its outcome; failures only with --strict. Each line is one check, grade and message, "
            md += "with how many times and in which cases it was drawn.\n\n"
            for group in groups.prefix(failureLimit) {
                md += "- **\(inline(group.check.rawValue))**"
                if let path = group.path { md += " at \(inline(path))" }
                if group.count > 1 { md += " ×\(group.count)" }
                md += ": got \(inline(group.value)), expected \(inline(group.expected)) (\(inline(group.source)))"
                md += "; \(group.caseIDs.count == 1 ? "case" : "\(group.caseIDs.count) cases"): \(inline(group.cases(limit: 20)))\n"
            }
            if groups.count > failureLimit { md += "- and \(groups.count - failureLimit) more group(s): summary.json lists every warning\n" }
            md += "\n"
        }

        let unjudged = cases.filter { [.error, .requiredSkipped, .skipped, .probeError].contains($0.verdict) }
        if !unjudged.isEmpty {
            md += "## Not judged\n\n"
            for item in unjudged {
                md += "- \(inline(item.id)): \(outcomeLabel(item.verdict)): \(inline(item.reason ?? "no reason given"))\n"
            }
            md += "\n"
        }

        if !result.drift.isEmpty {
            md += "## Documentation drift\n\n| # | topic | documented | observed |\n|---|---|---|---|\n"
            for finding in result.drift {
                md += "| \(cell(finding.id)) | \(cell(finding.topic)) | \(cell(finding.documented)) | \(cell(finding.observed)) |\n"
            }
            md += "\n"
        }

        md += "## Restore\n\n"
        if result.restore.isEmpty {
            md += "No fixture was changed.\n\n"
        } else {
            md += result.restoreFailed
                ? "**RESTORE FAILED**: see the banner at the top.\n\n"
                : "Every fixture was verified in its original state.\n\n"
            md += "| fixture | role | original | final | verified | detail |\n|---|---|---|---|---|---|\n"
            for record in result.restore {
                md += "| \(record.fixture) | \(cell(record.role)) | \(ReportFormat.state(record.originalState)) | "
                md += "\(ReportFormat.state(record.finalState)) | \(record.verified ? "yes" : "**NO**") | \(cell(record.detail)) |\n"
            }
            md += "\n"
        }

        let observations = cases.flatMap { item in ReportFormat.observations(item).map { (item.id, $0) } }
        if !observations.isEmpty {
            md += "## Observations\n\nFields and behaviour the documents do not show (allowed; failures only with --strict).\n\n"
            for (id, observation) in observations.prefix(failureLimit) {
                md += "- \(inline(id)): \(inline(observation.check.rawValue))"
                if let path = observation.path { md += " at \(inline(path))" }
                md += ": \(inline(observation.detail))\n"
            }
            md += "\n"
        }
        // The marker is shown as written, not as an escaped link text.
        return redactor.redact(md).replacingOccurrences(of: "\\[REDACTED\\]", with: Redactor.marker)
    }

    private static func restoreBanner(_ result: RunResult, inline: (String) -> String) -> String {
        var md = "> [!CAUTION]\n> **\(result.restoreHeadline)** Check these fixtures by hand:\n"
        for record in result.restore where !record.verified {
            md += "> - \(inline(RestoreAdvice.line(for: record)))\n"
        }
        return md + "\n"
    }

    private static func outcomeLabel(_ verdict: CaseVerdict) -> String {
        switch verdict {
        case .passed, .probePassed: return "✅ passed"
        case .failed: return "❌ failed"
        case .error: return "⚠️ error"
        case .requiredSkipped: return "⚠️ error (skipped, --require-all)"
        case .skipped: return "⏭️ skipped"
        case .probeError: return "⏭️ skipped (probe could not run)"
        case .probeFinding: return "🔎 finding"
        case .expected, .probeExpected: return "🟡 expected failure"
        }
    }

    /// Text safe in a Markdown paragraph or list item: one line, Markdown and HTML specials escaped.
    static func escapeInline(_ text: String) -> String {
        var output = ""
        var previous: Character = "\0"
        for character in ReportFormat.truncated(ReportFormat.oneLine(text), maxBytes: valueLimit) {
            defer { previous = character }
            switch character {
            case " " where previous == " ": output += "&nbsp;"  // Markdown would fold it; drift D3 is two spaces
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}": output += "\\" + String(character)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            default: output.append(character)
            }
        }
        return output
    }

    /// Text safe in a table cell (``escapeInline`` already escapes `|` and folds newlines).
    static func escapeCell(_ text: String) -> String {
        escapeInline(text)
    }
}
