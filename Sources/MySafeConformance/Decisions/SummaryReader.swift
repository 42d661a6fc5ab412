import Foundation
import MySafeJSON

/// Reads a run's `summary.json` (Reports/README.md, "summary.json (schema version 1)") into a
/// ``ReportSnapshot`` through ``DocumentReader``, so that `compare` and `merge` report a report they cannot
/// read as every other input file: `Problem`s naming the file and, where there is one, the JSON path.
///
/// Strict about what `compare` and `merge` need — `schemaVersion` 1, `cases` each with a string `id` and
/// `outcome` — and lenient about the rest, because summary.json is the tool's own output across versions:
/// members it does not know are allowed (a newer run may add some without changing `schemaVersion`), and
/// optional members that are absent or of another type read as unknown (docs/DESIGN.md#diagnostics).
struct SummaryReader {
    /// What `compare` and `merge` take.
    static let pathAdvice = "give a report directory (--report-dir of a run) or its summary.json"
    static let kind = DocumentReader.Kind(
        name: "summary file", maximumBytes: ReportSnapshot.maximumBytes, maximumDepth: 64,
        unreadableAdvice: "a report directory holds summary.json, written by 'mysafe-conformance run'; " + pathAdvice,
        syntaxAdvice: "is it a summary.json written by 'mysafe-conformance run'?", allowDuplicateKeys: true)
    static let readableVersion = 1

    private var reader: DocumentReader

    private init(file: String) {
        reader = DocumentReader(file: file)
    }

    /// Reads `path`: a report directory (its `summary.json`) or a `summary.json` file of at most `maximumBytes`.
    static func load(_ path: String, maximumBytes: Int = ReportSnapshot.maximumBytes) throws(ReportSnapshot.ReadError) -> ReportSnapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportSnapshot.ReadError(problems: [Problem(file: path, message: "no such file or directory", suggestion: pathAdvice)])
        }
        var summary = SummaryReader(file: isDirectory.boolValue ? (path as NSString).appendingPathComponent("summary.json") : path)
        var kind = Self.kind
        kind.maximumBytes = maximumBytes
        guard let document = summary.reader.load(kind: kind) else { throw ReportSnapshot.ReadError(problems: summary.reader.problems) }
        return try summary.snapshot(document)
    }

    /// Reads an already parsed `summary.json`; `source` names it in problems and in the snapshot.
    static func parse(_ value: JSONValue, source: String) throws(ReportSnapshot.ReadError) -> ReportSnapshot {
        var summary = SummaryReader(file: source)
        return try summary.snapshot(value)
    }

    private mutating func snapshot(_ document: JSONValue) throws(ReportSnapshot.ReadError) -> ReportSnapshot {
        guard case .object(let members) = document, members.contains("schemaVersion") || members.contains("cases") else {
            let got = document.objectValue == nil ? document.typeName : "an object without them"
            reader.report(
                location: nil, "not a summary.json: expected an object with \"schemaVersion\": 1 and \"cases\"; got \(got)",
                suggestion: "is it a report of 'mysafe-conformance run'?")
            throw ReportSnapshot.ReadError(problems: reader.problems)
        }
        guard let root = reader.object(document, at: .root, required: ["schemaVersion", "cases"]) else {
            throw ReportSnapshot.ReadError(problems: reader.problems)
        }
        if let version = root["schemaVersion"], version != .integer(Self.readableVersion) {
            // Another schema version may shape the cases differently: nothing else is read.
            if case .integer(let other) = version {
                let writer = root["tool"]?["version"]?.stringValue.map { " (\($0))" } ?? ""
                reader.report(
                    .root / "schemaVersion", "summary.json of schema version \(other); this tool reads schema version \(Self.readableVersion)",
                    suggestion: "read it with the version of mysafe-conformance that wrote it\(writer)")
            } else {
                reader.report(.root / "schemaVersion", "expected the schema version \(Self.readableVersion); got \(reader.describe(version))")
            }
            throw ReportSnapshot.ReadError(problems: reader.problems)
        }
        let entries = reader.array(root, "cases", what: "an array of cases") { reader, element, path in Self.entry(element, at: path, reader: &reader) }
        guard reader.problems.isEmpty, let entries else { throw ReportSnapshot.ReadError(problems: reader.problems) }

        let drift: [ReportSnapshot.Drift] = (root["drift"]?.arrayValue ?? []).compactMap { finding in
            guard let id = finding["id"]?.stringValue else { return nil }
            return ReportSnapshot.Drift(id: id, topic: finding["topic"]?.stringValue ?? "", observed: finding["observed"]?.stringValue ?? "")
        }
        var snapshot = ReportSnapshot(
            source: reader.file, target: root["target"]?.stringValue ?? "unknown",
            toolVersion: root["tool"]?["version"]?.stringValue ?? "unknown",
            requestedProfile: root["profile"]?["requested"]?.stringValue ?? "unknown",
            detectedProfile: root["profile"]?["detected"]?.stringValue, exitCode: root["exitCode"]?.intValue ?? 2,
            startedAt: root["startedAt"]?.stringValue ?? "", durationSeconds: Self.number(root["durationSeconds"]),
            caseSetDigest: root["caseSetDigest"]?.stringValue ?? "", restoreFailed: root["restoreFailed"]?.boolValue ?? false,
            cases: entries, drift: drift)
        snapshot.runEntries = (root["run"]?.arrayValue ?? []).compactMap { RunEntry(summary: $0) }
        snapshot.tlsVerified = root["tlsVerified"]?.boolValue
        snapshot.name = root["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        snapshot.stoppedCause = root["stoppedSending"]?.arrayValue?.first?["cause"]?.stringValue
        snapshot.interrupted = root["interrupted"]?.boolValue ?? (snapshot.exitCode == Int(ExitCode.interrupted.rawValue))
        return snapshot
    }

    /// One of `cases`: its `id` and `outcome` are required; the failed checks, the first failure in one line,
    /// and the rest are read where present.
    private static func entry(_ value: JSONValue, at path: JSONPath, reader: inout DocumentReader) -> ReportSnapshot.CaseEntry? {
        guard let item = reader.object(value, at: path, required: ["id", "outcome"], what: "a case object") else { return nil }
        let id = reader.string(item, "id", what: "the case id, a string")
        let outcome = reader.string(item, "outcome", what: "a string: passed, failed, error or skipped")
        guard let id, let outcome else { return nil }
        var checks: [String] = []
        var detail: String?
        for step in item["steps"]?.arrayValue ?? [] {
            for failure in step["failures"]?.arrayValue ?? [] {
                guard let check = failure["check"]?.stringValue else { continue }
                if !checks.contains(check) { checks.append(check) }
                if detail == nil {
                    let path = failure["path"]?.stringValue.map { " at \($0)" } ?? ""
                    detail = "\(check)\(path): expected \(failure["expected"]?.stringValue ?? "?"), got \(failure["actual"]?.stringValue ?? "?")"
                }
            }
        }
        let countsAs = item["countsAs"]?.stringValue ?? outcome
        if detail == nil, countsAs != "passed" { detail = item["reason"]?.stringValue }
        if countsAs == "expected", let reason = item["expectedFailure"]?.stringValue { detail = "expected failure: \(reason)" }
        return ReportSnapshot.CaseEntry(
            id: id, group: item["group"]?.stringValue ?? String(id.prefix { $0 != "." }), kind: item["kind"]?.stringValue ?? "contract",
            countsAs: countsAs, failedChecks: checks, detail: detail, durationSeconds: number(item["durationSeconds"]),
            errorType: item["errorType"]?.stringValue, skipCause: skipCause(item, outcome: outcome))
    }

    /// The case's `skipCause`. A summary.json written before that member existed has none: there, and only
    /// there, a skipped case whose reason begins "not run" (the wording the runner gives a case an interruption
    /// left out) reads as interrupted, so that `compare` of an old BEFORE still finds the cases it did not run.
    /// The other causes were not told apart by those summaries and stay unknown.
    private static func skipCause(_ item: DocumentObject, outcome: String) -> SkipCause.Kind? {
        if let member = item["skipCause"] { return member.stringValue.flatMap(SkipCause.Kind.init(rawValue:)) }
        // Fallback for summaries without the member (see above): the one place the wording is read.
        if outcome == "skipped", item["reason"]?.stringValue?.hasPrefix("not run") == true { return .interrupted }
        return nil
    }

    private static func number(_ value: JSONValue?) -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .float(let number): return number
        default: return 0
        }
    }
}
