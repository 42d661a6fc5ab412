public import MySafeJSON

/// The views of a ``Comparison``: the console table, `compare.md` and `compare.json`.
///
/// `compare.json` (schema version 1; JSON Schema: docs/schemas/compare.schema.json):
/// ```
/// {"schemaVersion": 1, "exitCode": 1,
///  "before": {"source", "target", "toolVersion", "profile", "exitCode", "startedAt", "caseSetDigest", "name"},
///  "after": {… the same …},
///  "profile": {"before": "v3-33" | null, "after": "v4" | null, "changed": true},
///  "regressions": [{"case", "check": null | "mirror.mensagem", "before", "after", "detail": … | null}],
///  "fixes": [… the same shape …], "changed": [… the same shape …],
///  "drift": [{"id": "D3", "topic", "before", "after"}],
///  "newCases": [{"id", "countsAs"}], "removedCases": [{"id", "countsAs"}],
///  "verdict": "AFTER incomplete: 27 of 37 cases not run (the run was interrupted)" | "no regression" | …,
///  "afterIncomplete": ["27 of 37 cases not run (the run was interrupted)", …],
///  "beforeIncomplete": [… the same, for the baseline …]}
/// ```
/// `verdict` is the first line `compare` prints; an incomplete AFTER is exit 1, an incomplete BEFORE exit 2
/// (``Comparison``).
/// Every text comes from the two summaries, which the redactor has already passed over.
public enum ComparisonReport {
    public static let schemaVersion = 1

    public static func json(_ comparison: Comparison) -> JSONValue {
        func side(_ snapshot: ReportSnapshot) -> JSONValue {
            .object(JSONObject([
                "source": .string(snapshot.source), "target": .string(snapshot.target),
                "toolVersion": .string(snapshot.toolVersion),
                "profile": snapshot.detectedProfile.map { .string($0) } ?? .null,
                "exitCode": .integer(snapshot.exitCode), "startedAt": .string(snapshot.startedAt),
                "caseSetDigest": .string(snapshot.caseSetDigest),
                "name": snapshot.name.map { .string($0) } ?? .null,
            ]))
        }
        func changes(_ list: [Comparison.Change]) -> JSONValue {
            .array(list.map { change in
                .object(JSONObject([
                    "case": .string(change.caseID), "check": change.check.map { .string($0) } ?? .null,
                    "before": .string(change.before), "after": .string(change.after),
                    "detail": change.detail.map { .string($0) } ?? .null,
                ]))
            })
        }
        func cases(_ list: [ReportSnapshot.CaseEntry]) -> JSONValue {
            .array(list.map { .object(JSONObject(["id": .string($0.id), "countsAs": .string($0.countsAs)])) })
        }
        return .object(JSONObject([
            "schemaVersion": .integer(schemaVersion),
            "exitCode": .integer(Int(comparison.exitCode.rawValue)),
            "before": side(comparison.before),
            "after": side(comparison.after),
            "profile": .object(JSONObject([
                "before": comparison.before.detectedProfile.map { .string($0) } ?? .null,
                "after": comparison.after.detectedProfile.map { .string($0) } ?? .null,
                "changed": .bool(comparison.profileChanged),
            ])),
            "regressions": changes(comparison.regressions),
            "fixes": changes(comparison.fixes),
            "changed": changes(comparison.changed),
            "drift": .array(comparison.drift.map { change in
                .object(JSONObject([
                    "id": .string(change.id), "topic": .string(change.topic),
                    "before": .string(change.before), "after": .string(change.after),
                ]))
            }),
            "newCases": cases(comparison.newCases),
            "removedCases": cases(comparison.removedCases),
            "verdict": .string(comparison.verdict),
            "afterIncomplete": .array(comparison.afterIncomplete.map { .string($0) }),
            "beforeIncomplete": .array(comparison.beforeIncomplete.map { .string($0) }),
        ]))
    }

    public static func jsonText(_ comparison: Comparison) -> String {
        JSONWriter.prettyOrdered.string(json(comparison)) + "\n"
    }

    /// One line of counts: `2 regressions, 1 fix, 0 other changes, 1 drift change, profile v3-33 → v4`.
    public static func headline(_ comparison: Comparison) -> String {
        var text = "\(comparison.regressions.count) regression(s), \(comparison.fixes.count) fix(es), "
        text += "\(comparison.changed.count) other change(s), \(comparison.drift.count) drift change(s), "
        text += "\(comparison.newCases.count) new and \(comparison.removedCases.count) removed case(s); profile "
        text += comparison.profileChanged
            ? "\(comparison.before.detectedProfile ?? "none") → \(comparison.after.detectedProfile ?? "none")"
            : "\(comparison.after.detectedProfile ?? "none") (unchanged)"
        return text
    }

    /// Rows of the table: kind, case, check, before, after.
    static func rows(_ comparison: Comparison) -> [[String]] {
        var rows: [[String]] = []
        for (kind, list) in [("REGRESSION", comparison.regressions), ("fix", comparison.fixes), ("changed", comparison.changed)] {
            for change in list { rows.append([kind, change.caseID, change.check ?? "", change.before, change.after]) }
        }
        for entry in comparison.newCases { rows.append(["new", entry.id, "", "", entry.countsAs]) }
        for entry in comparison.removedCases { rows.append(["removed", entry.id, "", entry.countsAs, ""]) }
        for change in comparison.drift { rows.append(["drift", change.id, change.topic, change.before, change.after]) }
        if comparison.profileChanged {
            rows.append(["profile", "", "", comparison.before.detectedProfile ?? "none", comparison.after.detectedProfile ?? "none"])
        }
        return rows
    }

    /// What `compare` prints: the verdict first, then the table (or, `quiet`, the verdict and the headline).
    public static func lines(_ comparison: Comparison, quiet: Bool) -> [String] {
        [comparison.verdict] + (quiet ? [headline(comparison)] : table(comparison))
    }

    /// The last line `compare` prints: `Exit 1: AFTER incomplete: …`.
    public static func exitLine(_ comparison: Comparison) -> String {
        "Exit \(comparison.exitCode.rawValue): \(comparison.verdict)"
    }

    /// The console table (plain text, columns aligned, cells cut at 60 characters; a column empty in
    /// every row, such as `check` when no change names one, is left out).
    public static func table(_ comparison: Comparison) -> [String] {
        let fullHeader = ["change", "case", "check", "before", "after"]
        let fullRows = rows(comparison).map { $0.map { ReportFormat.truncated(ReportFormat.oneLine($0), maxBytes: 60) } }
        let kept = fullHeader.indices.filter { column in column < 2 || fullRows.contains { !$0[column].isEmpty } }
        let header = kept.map { fullHeader[$0] }
        let rows = fullRows.map { row in kept.map { row[$0] } }
        func run(_ snapshot: ReportSnapshot) -> String {
            let name = snapshot.name.map { ReportFormat.oneLine($0) + ", " } ?? ""
            return "\(ReportFormat.oneLine(snapshot.source)) (\(name)\(ReportFormat.oneLine(snapshot.target)), exit \(snapshot.exitCode))"
        }
        var lines = ["before: \(run(comparison.before))", "after:  \(run(comparison.after))"]
        if rows.isEmpty {
            lines.append("No differences.")
        } else {
            let all = [header] + rows
            let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
            for (index, row) in all.enumerated() {
                lines.append(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingSpaces)
                if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
        }
        lines.append(headline(comparison))
        return lines
    }

    /// `compare.md`.
    public static func markdown(_ comparison: Comparison) -> String {
        let inline = SummaryMarkdown.escapeInline
        let exit = comparison.exitCode
        let title = !comparison.afterIncomplete.isEmpty ? "AFTER incomplete"
            : !comparison.beforeIncomplete.isEmpty ? "the baseline is incomplete" : (exit == .passed ? "no regression" : "regressions")
        var md = "# \(exit == .passed ? "✅" : "❌") MySafe conformance: \(title) (exit \(exit.rawValue))\n\n"
        md += "**\(inline(comparison.verdict))**\n\n"
        for (side, reasons) in [("AFTER", comparison.afterIncomplete), ("BEFORE", comparison.beforeIncomplete)] where !reasons.isEmpty {
            md += "\(side) is incomplete:\n\n" + reasons.map { "- \(inline($0))\n" }.joined() + "\n"
        }
        md += "\(inline(headline(comparison)))\n\n"
        md += "| | before | after |\n|---|---|---|\n"
        md += "| report | \(inline(comparison.before.source)) | \(inline(comparison.after.source)) |\n"
        md += "| target | \(inline(comparison.before.target)) | \(inline(comparison.after.target)) |\n"
        md += "| profile | \(inline(comparison.before.detectedProfile ?? "none")) | \(inline(comparison.after.detectedProfile ?? "none")) |\n"
        md += "| tool | \(inline(comparison.before.toolVersion)) | \(inline(comparison.after.toolVersion)) |\n"
        md += "| exit | \(comparison.before.exitCode) | \(comparison.after.exitCode) |\n\n"
        for (title, list) in [("Regressions", comparison.regressions), ("Fixes", comparison.fixes), ("Other changes", comparison.changed)] where !list.isEmpty {
            md += "## \(title)\n\n| case | check | before | after | detail |\n|---|---|---|---|---|\n"
            for change in list {
                md += "| \(inline(change.caseID)) | \(inline(change.check ?? "")) | \(inline(change.before)) | \(inline(change.after)) | \(inline(change.detail ?? "")) |\n"
            }
            md += "\n"
        }
        if !comparison.drift.isEmpty {
            md += "## Documentation drift that changed\n\n| # | topic | before | after |\n|---|---|---|---|\n"
            for change in comparison.drift {
                md += "| \(inline(change.id)) | \(inline(change.topic)) | \(inline(change.before)) | \(inline(change.after)) |\n"
            }
            md += "\n"
        }
        for (title, list) in [("New cases", comparison.newCases), ("Removed cases", comparison.removedCases)] where !list.isEmpty {
            md += "## \(title)\n\n"
            for entry in list { md += "- \(inline(entry.id)): \(inline(entry.countsAs))\n" }
            md += "\n"
        }
        return md
    }
}

extension ComparisonReport {
    /// Writes `compare.md` and `compare.json` into `directory` when one is given, and appends compare.md to
    /// `$GITHUB_STEP_SUMMARY` when `environment` names one (``StepSummary``); the paths written.
    public static func publish(
        _ comparison: Comparison, to directory: String?, environment: [String: String]
    ) throws(ReportWriter.Error) -> [String] {
        let paths = try directory.map { directory throws(ReportWriter.Error) in try write(comparison, to: directory) } ?? []
        StepSummary.append(markdown(comparison), environment: environment)
        return paths
    }

    /// Writes `compare.md` and `compare.json` into `directory` (created when missing); the paths written.
    public static func write(_ comparison: Comparison, to directory: String) throws(ReportWriter.Error) -> [String] {
        let files = [
            (text: markdown(comparison), path: ReportFiles.path(directory, "compare.md")),
            (text: jsonText(comparison), path: ReportFiles.path(directory, "compare.json")),
        ]
        try ReportFiles.createDirectory(directory)
        try ReportWriter.writeAllAtomically(files)
        return files.map(\.path)
    }
}
