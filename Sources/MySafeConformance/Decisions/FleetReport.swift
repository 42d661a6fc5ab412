public import Foundation
public import MySafeJSON

/// The views of a ``FleetMatrix``: `fleet.md`, `fleet.json` and one `junit.xml` with a `<testsuite>`
/// per target (valid against both schemas in docs/vendor/schemas, like a run's; Reports/README.md).
///
/// `fleet.json` (schema version 1; JSON Schema: docs/schemas/fleet.schema.json):
/// ```
/// {"schemaVersion": 1, "exitCode": 1,
///  "targets": [{"name": "sp-prod", "target": "https://…" | null, "report": "sp-prod" | null, "exitCode": 0,
///               "problem": null | "…", "profile": {"requested": "auto", "detected": "v4" | null},
///               "totals": {"passed": 27, "failed": 0, "error": 0, "skipped": 0, "finding": 2, "expected": 0},
///               "drift": {"D1": "observed …", …}}],
///  "cases": [{"id": "activate.success", "group": "activate", "kind": "contract", "differs": false,
///             "results": {"sp-prod": "passed", …}}],
///  "writtenBy": "fleet" | "merge"}
/// ```
public enum FleetReport {
    public static let schemaVersion = 1
    static let countWords = ["passed", "failed", "error", "skipped", "finding", "expected"]

    public static func json(_ matrix: FleetMatrix) -> JSONValue {
        let targets: [JSONValue] = matrix.members.map { member in
            let snapshot = member.snapshot
            var totals = JSONObject()
            for word in countWords {
                totals[word] = .integer(snapshot?.cases.filter { $0.countsAs == word }.count ?? 0)
            }
            var drift = JSONObject()
            for finding in snapshot?.drift ?? [] { drift[finding.id] = .string(finding.observed) }
            return .object(JSONObject([
                "name": .string(member.name),
                "target": snapshot.map { .string($0.target) } ?? .null,
                "report": member.reportDirectory.map { .string($0) } ?? .null,
                "exitCode": .integer(member.exitCode),
                "problem": member.problem.map { .string($0) } ?? .null,
                "profile": .object(JSONObject([
                    "requested": snapshot.map { .string($0.requestedProfile) } ?? .null,
                    "detected": snapshot?.detectedProfile.map { .string($0) } ?? .null,
                ])),
                "totals": .object(totals),
                "drift": .object(drift),
            ]))
        }
        let cases: [JSONValue] = matrix.rows.map { row in
            var results = JSONObject()
            for member in matrix.members {
                if let cell = row.cells[member.name] { results[member.name] = .string(cell) }
            }
            return .object(JSONObject([
                "id": .string(row.caseID), "group": .string(row.group), "kind": .string(row.kind),
                "differs": .bool(row.differs), "results": .object(results),
            ]))
        }
        return .object(JSONObject([
            "schemaVersion": .integer(schemaVersion),
            "exitCode": .integer(matrix.exitCode),
            "targets": .array(targets),
            "cases": .array(cases),
            "writtenBy": .string(matrix.origin.rawValue),
        ]))
    }

    /// `fleet.json` as written: indented, members in the documented order, a final newline.
    public static func jsonText(_ matrix: FleetMatrix) -> String {
        JSONWriter.prettyOrdered.string(json(matrix)) + "\n"
    }

    static func symbol(_ countsAs: String?) -> String {
        switch countsAs {
        case "passed": return "✅"
        case "failed": return "❌"
        case "error": return "⚠️"
        case "skipped": return "⏭️"
        case "finding": return "🔎"
        case "expected": return "☑️"
        case nil: return "—"
        default: return countsAs ?? "—"
        }
    }

    /// `fleet.md`: the targets, the targets × cases matrix (cases that differ first marked), and drift per target.
    public static func markdown(_ matrix: FleetMatrix) -> String {
        let inline = SummaryMarkdown.escapeInline
        let exit = matrix.exitCode
        var md = "# \(exit == 0 ? "✅" : (exit == 1 || exit == 4 ? "❌" : "⚠️")) MySafe conformance fleet: worst exit \(exit)"
        md += " (\(inline(ExitCode(rawValue: Int32(exit))?.meaning ?? "unknown")))\n\n"
        md += "\(matrix.members.count) target(s), \(matrix.rows.count) case(s), \(matrix.rows.filter(\.differs).count) case(s) that differ between targets.\n\n"
        md += "| target | base URL | profile | exit | passed | failed | error | skipped | expected | note |\n|---|---|---|---|---|---|---|---|---|---|\n"
        for member in matrix.members {
            let cases = member.snapshot?.cases ?? []
            func count(_ word: String) -> String { member.snapshot == nil ? "" : String(cases.filter { $0.countsAs == word }.count) }
            let note = member.note
            md += "| \(inline(member.name)) | \(inline(member.snapshot?.target ?? "")) | \(inline(member.snapshot?.detectedProfile ?? "none")) "
            md += "| \(member.exitCode) | \(count("passed")) | \(count("failed")) | \(count("error")) | \(count("skipped")) | \(count("expected")) | \(inline(note)) |\n"
        }
        md += "\n## Cases × targets\n\n✅ passed · ❌ failed · ⚠️ error · ⏭️ skipped · 🔎 probe finding · ☑️ expected failure · — not run. "
        md += "**Bold** cases differ between targets.\n\n"
        md += "| case | " + matrix.members.map { inline($0.name) }.joined(separator: " | ") + " |\n"
        md += "|---|" + String(repeating: "---|", count: matrix.members.count) + "\n"
        for row in matrix.rows {
            let name = row.differs ? "**\(inline(row.caseID))**" : inline(row.caseID)
            md += "| \(name) | " + matrix.members.map { symbol(row.cells[$0.name]) }.joined(separator: " | ") + " |\n"
        }
        if !matrix.driftIDs.isEmpty {
            md += "\n## Documentation drift per target\n\n| # | " + matrix.members.map { inline($0.name) }.joined(separator: " | ") + " |\n"
            md += "|---|" + String(repeating: "---|", count: matrix.members.count) + "\n"
            for id in matrix.driftIDs {
                md += "| \(inline(id)) | " + matrix.members.map { inline(matrix.drift(id, of: $0)?.observed ?? "—") }.joined(separator: " | ") + " |\n"
            }
        }
        return md + "\n"
    }

    /// One `<testsuite>` per target: first the target's own testcases (``FleetMember/runEntries``,
    /// `<testcase classname="mysafe.<target>.run" name="run.restore">` and so on, as in a run's `run`
    /// suite), then `<testcase classname="mysafe.<target>.<group>" name="<case id>">` per case. A target
    /// that never ran has the timestamp `now`.
    public static func junit(_ matrix: FleetMatrix, hostname: String? = nil, now: Date = Date()) -> String {
        let host = hostname ?? ProcessInfo.processInfo.hostName
        let suites = matrix.members.enumerated().map { index, member in
            suite(member, id: index, hostname: host, timestamp: Timestamp.iso(now))
        }
        // The summaries were redacted when they were written (or made, ``ReportSnapshot/init(_:redactor:source:)``);
        // the patterns run once more over what is put together here.
        return JUnitDocument(suites: suites).render(Redactor(secrets: []))
    }

    /// One target's `<testsuite>`: its properties (named after it: readers that merge suites, such as
    /// xunitparser, refuse a property name twice), its own testcases, then one per case, named uniquely within it.
    static func suite(_ member: FleetMember, id: Int, hostname: String, timestamp now: String) -> JUnitDocument.Suite {
        let snapshot = member.snapshot
        let classPrefix = "\(JUnitReport.packageName).\(member.name)"
        let runEntries = member.runEntries
        var testcases = runEntries.map { $0.testcase(name: $0.name, classname: "\(classPrefix).\(RunEntry.suiteName)") }
        var used = Set(runEntries.map(\.name))
        for entry in snapshot?.cases ?? [] {
            var name = entry.id
            var counter = 2
            while !used.insert(name).inserted {
                name = "\(entry.id) (\(counter))"
                counter += 1
            }
            let verdict: JUnitDocument.Testcase.Verdict
            switch entry.countsAs {
            case "failed":
                let body = "\(entry.id) on \(member.name): \(entry.detail ?? "failed")\nchecks: \(entry.failedChecks.joined(separator: ", "))"
                verdict = .failure(type: entry.failedChecks.first ?? "failed", message: entry.detail ?? "failed", body: body)
            case "error":
                verdict = .error(type: entry.errorType ?? "no-verdict", message: entry.detail ?? "no verdict possible", body: entry.detail ?? "")
            case "skipped", "expected":
                verdict = .skipped(message: entry.detail ?? "skipped")
            default:
                verdict = .passed
            }
            testcases.append(JUnitDocument.Testcase(
                classname: "\(classPrefix).\(entry.group)", name: name, seconds: entry.durationSeconds, verdict: verdict))
        }
        let properties: [(String, String)] = [
            ("target", snapshot?.target ?? ""), ("profile.requested", snapshot?.requestedProfile ?? ""),
            ("profile.detected", snapshot?.detectedProfile ?? "none"), ("exitCode", String(member.exitCode)),
            ("report", member.reportDirectory ?? ""),
        ]
        var systemOut = "\(member.name): \(snapshot?.target ?? "not run"), profile \(snapshot?.detectedProfile ?? "none"), exit \(member.exitCode)\n"
        if let problem = member.problem { systemOut += "problem: \(problem)\n" }
        for finding in snapshot?.drift ?? [] {
            systemOut += "\(finding.id) \(finding.topic): \(ReportFormat.oneLine(finding.observed))\n"
        }
        var systemErr = snapshot?.restoreFailed == true ? "RESTORE FAILED on \(member.name): see its summary.md\n" : ""
        if member.exitCode == Int(ExitCode.interrupted.rawValue) {
            systemErr += "INTERRUPTED: \(member.name) did not run every case; its results are incomplete.\n"
        }
        return JUnitDocument.Suite(
            name: member.name, id: id, timestamp: snapshot.flatMap { ReportFormat.junitTimestamp($0.startedAt) } ?? now,
            hostname: hostname, properties: properties.map { ("\(member.name).\($0.0)", $0.1) }, testcases: testcases,
            systemOut: systemOut, systemErr: systemErr)
    }

    /// Writes `fleet.md`, `fleet.json` and `junit.xml` into `directory` and appends fleet.md to
    /// `$GITHUB_STEP_SUMMARY` when `environment` names one (``StepSummary``); the paths written.
    public static func publish(_ matrix: FleetMatrix, to directory: String, environment: [String: String]) throws(ReportWriter.Error) -> [String] {
        let paths = try write(matrix, to: directory)
        StepSummary.append(markdown(matrix), environment: environment)
        return paths
    }

    /// Writes `fleet.md`, `fleet.json` and `junit.xml` into `directory`; the paths written.
    public static func write(_ matrix: FleetMatrix, to directory: String) throws(ReportWriter.Error) -> [String] {
        let files = [
            (text: markdown(matrix), path: ReportFiles.path(directory, "fleet.md")),
            (text: jsonText(matrix), path: ReportFiles.path(directory, "fleet.json")),
            (text: junit(matrix), path: ReportFiles.path(directory, "junit.xml")),
        ]
        try ReportFiles.createDirectory(directory)
        try ReportDirectory.removeEarlierRun(in: directory)
        try ReportWriter.writeAllAtomically(files)
        return files.map(\.path)
    }
}
