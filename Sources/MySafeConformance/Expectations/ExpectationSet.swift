public import Foundation
import MySafeJSON

/// The expectations file (`run --expectations FILE`, configuration key `expectations`), read and
/// validated, and applied to each case result as it finishes.
///
/// Shape (`Cases/expectations.schema.json`):
/// `{"expectations": [{"case": ID, "check": CHECK-ID?, "reason": TEXT, "until": "YYYY-MM-DD"?, "targets": [NAME]?}]}`.
public struct ExpectationSet: Sendable, Hashable {
    public var entries: [ExpectationEntry]
    /// Where the entries came from, for messages.
    public var source: String

    public init(entries: [ExpectationEntry], source: String) {
        self.entries = entries
        self.source = source
    }

    static let topLevelKeys = ["$schema", "$comment", "expectations"]
    static let entryKeys = ["case", "check", "reason", "until", "targets"]

    static let kind = DocumentReader.Kind(
        name: "expectations file", article: "an", maximumDepth: 16,
        unreadableAdvice: "check the path given to --expectations or the configuration's \"expectations\"")

    /// Reads and parses `file`; every problem at once, with the JSON path.
    public static func load(file: String) throws(ConfigurationError) -> ExpectationSet {
        var reader = DocumentReader(file: file)
        guard let document = reader.load(kind: kind) else { throw ConfigurationError(problems: reader.problems) }
        return try read(document, reader: &reader)
    }

    /// Parses the file's bytes.
    public static func parse(_ bytes: [UInt8], label: String) throws(ConfigurationError) -> ExpectationSet {
        var reader = DocumentReader(file: label)
        guard let document = reader.parse(bytes, kind: kind) else { throw ConfigurationError(problems: reader.problems) }
        return try read(document, reader: &reader)
    }

    private static func read(_ document: JSONValue, reader: inout DocumentReader) throws(ConfigurationError) -> ExpectationSet {
        let root = reader.object(
            document, at: .root, allowed: topLevelKeys, required: ["expectations"], what: "an object {\"expectations\": [...]}")
        let entries = root.flatMap { root in
            reader.array(root, "expectations", what: "an array of expectations") { reader, element, path -> ExpectationEntry? in
                guard let object = reader.object(
                    element, at: path, allowed: entryKeys, required: ["case", "reason"], what: "an object with case and reason")
                else { return nil }
                let before = reader.count
                let caseID = reader.string(object, "case", maximumBytes: 2000)
                let check = reader.string(object, "check", maximumBytes: 2000)
                let reason = reader.string(object, "reason", maximumBytes: 2000)
                let until = reader.string(object, "until", maximumBytes: 2000, what: "a date YYYY-MM-DD")
                if let until, !isDate(until) {
                    reader.report(path / "until", "expected a date YYYY-MM-DD (the last day the expectation holds); got \(JSONWriter.quoted(String(until.prefix(40))))")
                }
                let targets = reader.array(object, "targets", nonEmpty: true, what: "an array of target names (omit it to apply to every target)") {
                    reader, item, itemPath in reader.string(item, at: itemPath)
                }
                guard reader.count == before, let caseID, let reason else { return nil }
                return ExpectationEntry(caseID: caseID, check: check.map(CheckID.init(rawValue:)), reason: reason, until: until, targets: targets)
            }
        }
        guard reader.problems.isEmpty, let entries else { throw ConfigurationError(problems: reader.problems) }
        return ExpectationSet(entries: entries, source: reader.file)
    }

    /// Entries naming a case or check this suite does not know, each with a did-you-mean.
    public func problems(knownCases: [String]) -> [Problem] {
        var problems: [Problem] = []
        for (index, entry) in entries.enumerated() {
            let path = JSONPath.root / "expectations" / index
            if !knownCases.contains(entry.caseID) {
                problems.append(Problem(
                    file: source, path: (path / "case").description,
                    message: "unknown case \(JSONWriter.quoted(entry.caseID))\(Suggestion.hint(for: entry.caseID, among: knownCases))",
                    suggestion: "see 'mysafe-conformance list'"))
            }
            if let check = entry.check?.rawValue, !CheckIdentifiers.isKnown(check) {
                problems.append(Problem(
                    file: source, path: (path / "check").description,
                    message: "unknown check \(JSONWriter.quoted(check))\(Suggestion.hint(for: check, among: CheckIdentifiers.known))",
                    suggestion: "known checks are listed in Cases/README.md"))
            }
        }
        return problems
    }

    /// `result` judged against the expectations that name its case and apply to the target:
    /// - an expired expectation makes the case fail (check `expectation.expired`);
    /// - a failure whose every failed check is expected becomes an expected failure (``CaseResult/expectedFailure``);
    ///   a harm failure only when an entry names its check;
    /// - a case that passes although expected to fail fails (check `expectation.unneeded`: remove it).
    /// Errors and skipped cases are left as they are: nothing was judged.
    public func apply(to result: CaseResult, targetNames: [String], today: String) -> CaseResult {
        let relevant = entries.filter { $0.caseID == result.id && $0.applies(to: targetNames) }
        guard !relevant.isEmpty else { return result }
        var result = result
        let expired = relevant.filter { $0.isExpired(today: today) }
        let active = relevant.filter { !$0.isExpired(today: today) }
        let reasons = active.map(\.reason).joined(separator: "; ")
        if !expired.isEmpty {
            let failures = expired.map { entry in
                CheckFailure(
                    check: .expectationExpired, expected: "an expectation still in force (until \(entry.until ?? ""))",
                    actual: "expired after \(entry.until ?? ""): \(entry.reason); renew its \"until\" in \(source) or remove it")
            }
            result.steps.append(expectationStep(index: result.steps.count, failures: failures))
            result.outcome = .failed
            result.expectedFailure = nil
            return result
        }
        switch result.outcome {
        case .failed:
            // Harm (docs/EVIDENCE.md#harm) is accepted only by an entry that names its check: an entry for
            // the whole case never hides a token issued without a secret or a secret changed without right.
            let covered = result.failures.allSatisfy { failure in
                active.contains { $0.check == failure.check || ($0.check == nil && failure.harm == nil) }
            }
            if covered { result.expectedFailure = reasons }
        case .passed:
            let failure = CheckFailure(
                check: .expectationUnneeded, expected: "a failure (expected: \(reasons))",
                actual: "passed: expectation no longer needed: remove it from \(source)")
            result.steps.append(expectationStep(index: result.steps.count, failures: [failure]))
            result.outcome = .failed
            result.reason = "expectation no longer needed: remove it"
        case .error, .skipped:
            break
        }
        return result
    }

    private func expectationStep(index: Int, failures: [CheckFailure]) -> CaseResult.StepResult {
        CaseResult.StepResult(index: index, name: "expectation", outcome: .failed, failures: failures, observed: nil, durationSeconds: 0, role: .expectation)
    }

    /// `YYYY-MM-DD` with a real month and day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Today's date in UTC, `YYYY-MM-DD`.
    public static func today(_ now: Date = Date()) -> String {
        String(Timestamp.iso(now).prefix(10))
    }
}
