import Foundation
@testable import MySafeConformance
import MySafeJSON
import Testing
import TestSupport

/// `compare` and `merge` read a run's summary.json through the one input-file reader: each way it can be
/// unreadable is a `Problem` naming the file and, where there is one, the JSON path or line and column.
@Suite("summary.json read back: problems with file and path")
struct SummaryReaderTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        /// The summary.json written into the report directory; nil: none.
        var text: String?
        /// Whether `compare` is given the report directory rather than its summary.json.
        var givesDirectory = true
        var maximumBytes = ReportSnapshot.maximumBytes
        /// Each problem's path (nil: the whole file) and the start of its message, in order.
        var expected: [(path: String?, message: String)]
        var testDescription: String { name }
    }

    static let samples = [
        Sample(
            name: "not JSON", text: "{\"schemaVersion\": 1,\n  \"cases\": [}", expected: [("line 2, column 13", "invalid JSON: ")]),
        Sample(
            name: "another schema version", text: #"{"schemaVersion": 2, "tool": {"version": "9.0.0"}, "cases": "other"}"#,
            expected: [("$.schemaVersion", "summary.json of schema version 2; this tool reads schema version 1")]),
        Sample(
            name: "a case without an id", text: #"{"schemaVersion": 1, "cases": [{"id": "activate.success", "outcome": "passed"}, {"outcome": "failed"}]}"#,
            expected: [("$.cases[1]", #"missing required key "id""#)]),
        Sample(
            name: "every bad case at once",
            text: #"{"schemaVersion": 1, "cases": [{"id": 7, "outcome": "passed"}, "activate.success", {"id": "a.b"}]}"#, givesDirectory: false,
            expected: [
                ("$.cases[0].id", "expected the case id, a string; got integer"), ("$.cases[1]", "expected a case object; got string"),
                ("$.cases[2]", #"missing required key "outcome""#),
            ]),
        Sample(name: "no summary.json in the directory", text: nil, expected: [(nil, "cannot read the summary file (no such file)")]),
        Sample(
            name: "over the limit", text: #"{"schemaVersion": 1, "cases": [{"id": "activate.success", "outcome": "passed"}]}"#, maximumBytes: 64,
            expected: [(nil, "the file is 80 bytes; a summary file is at most 64 bytes")]),
        Sample(name: "not a summary", text: #"{"targets": []}"#, expected: [(nil, #"not a summary.json: expected an object with "schemaVersion": 1 and "cases""#)]),
        Sample(name: "schema version not a number", text: #"{"schemaVersion": "1", "cases": []}"#, expected: [("$.schemaVersion", #"expected the schema version 1; got "1""#)]),
    ]

    @Test("an unreadable summary.json is a Problem naming the file and the path", arguments: samples)
    func problems(_ sample: Sample) throws {
        let directory = TestDirectory.make("summary-reader")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("summary.json")
        if let text = sample.text { try Data(text.utf8).write(to: file) }
        let argument = sample.givesDirectory ? directory.path : file.path
        let error = #expect(throws: ReportSnapshot.ReadError.self) { try SummaryReader.load(argument, maximumBytes: sample.maximumBytes) }
        let problems = error?.problems ?? []
        #expect(problems.count == sample.expected.count, "\(problems)")
        for (problem, expected) in zip(problems, sample.expected) {
            #expect(problem.file == file.path, "\(problem)")
            #expect(problem.path == expected.path, "\(problem)")
            #expect(problem.message.hasPrefix(expected.message), "\(problem)")
        }
    }

    @Test("JSON that does not parse asks whether it is a summary.json")
    func syntaxAdvice() throws {
        let directory = TestDirectory.make("summary-reader")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("summary.json")
        try Data("<html>".utf8).write(to: file)
        let error = #expect(throws: ReportSnapshot.ReadError.self) { try ReportSnapshot.load(file.path) }
        #expect(error?.problems.map(\.path) == ["line 1, column 1"])
        #expect(error?.problems.first?.suggestion == "is it a summary.json written by 'mysafe-conformance run'?")
    }

    @Test("a path that does not exist says what to give")
    func missingPath() throws {
        let directory = TestDirectory.make("summary-reader")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing").path
        let error = #expect(throws: ReportSnapshot.ReadError.self) { try ReportSnapshot.load(path) }
        #expect(error?.problems.map(\.description) == ["\(path): no such file or directory; give a report directory (--report-dir of a run) or its summary.json"])
    }

    @Test("another schema version names the tool version that wrote it")
    func schemaVersionAdvice() throws {
        let error = #expect(throws: ReportSnapshot.ReadError.self) {
            try ReportSnapshot.parse(["schemaVersion": 2, "tool": ["version": "9.0.0"], "cases": []], source: "old/summary.json")
        }
        #expect(error?.problems.first?.suggestion == "read it with the version of mysafe-conformance that wrote it (9.0.0)")
    }

    @Test("members it does not know are allowed, a repeated key's last value wins, and optional members of another type read as unknown")
    func lenient() throws {
        let directory = TestDirectory.make("summary-reader")
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = #"""
            {"schemaVersion": 1, "addedLater": {"x": 1}, "target": 7, "profile": {"requested": "v3-32"}, "profile": {"requested": "v4"},
             "cases": [{"id": "activate.success", "outcome": "failed", "newMember": [], "durationSeconds": "slow",
                        "steps": [{"failures": [{"check": "status", "expected": "200", "actual": "500"}]}]}]}
            """#
        try Data(text.utf8).write(to: directory.appendingPathComponent("summary.json"))
        let snapshot = try ReportSnapshot.load(directory.path)
        #expect(snapshot.source == directory.appendingPathComponent("summary.json").path)
        #expect(snapshot.target == "unknown")
        #expect(snapshot.requestedProfile == "v4")
        #expect(snapshot.cases.map(\.id) == ["activate.success"])
        #expect(snapshot.cases.first?.failedChecks == ["status"])
        #expect(snapshot.cases.first?.countsAs == "failed")
        #expect(snapshot.cases.first?.durationSeconds == 0)
    }

    @Test("skipCause reads into a typed field; the cases an interruption left out are found by it, not by their reason")
    func skipCause() throws {
        let text = #"""
            {"schemaVersion": 1, "interrupted": true, "cases": [
              {"id": "a.left-out", "outcome": "skipped", "countsAs": "skipped", "reason": "skipped before it started", "skipCause": "interrupted"},
              {"id": "a.unconfigured", "outcome": "skipped", "countsAs": "skipped", "reason": "not run: identity outsider is not configured",
               "skipCause": "configuration"},
              {"id": "a.waited", "outcome": "skipped", "countsAs": "skipped", "reason": "…", "skipCause": "token-lifetime"},
              {"id": "a.not-sent", "outcome": "error", "countsAs": "error", "reason": "not sent: …", "skipCause": "not-sent"},
              {"id": "a.unknown-cause", "outcome": "skipped", "countsAs": "skipped", "reason": "not run: …", "skipCause": "later-word"},
              {"id": "a.passed", "outcome": "passed", "reason": null}]}
            """#
        let snapshot = try ReportSnapshot.parse(JSONParser.parse(text), source: "new/summary.json")
        #expect(snapshot.cases.map(\.skipCause) == [.interrupted, .configuration, .tokenLifetime, .notSent, nil, nil])
        #expect(snapshot.notRunCases.map(\.id) == ["a.left-out"])
    }

    @Test("a summary.json written before skipCause: a skipped case whose reason begins \"not run\" reads as interrupted (the fallback)")
    func skipCauseFallback() throws {
        let text = #"""
            {"schemaVersion": 1, "interrupted": true, "cases": [
              {"id": "a.left-out", "outcome": "skipped", "countsAs": "skipped", "reason": "not run: the run was interrupted"},
              {"id": "a.unconfigured", "outcome": "skipped", "countsAs": "skipped", "reason": "identity outsider is not configured"},
              {"id": "a.stopped", "outcome": "error", "countsAs": "error", "reason": "not run: interrupted during step 3"},
              {"id": "a.passed", "outcome": "passed", "reason": null}]}
            """#
        let snapshot = try ReportSnapshot.parse(JSONParser.parse(text), source: "old/summary.json")
        #expect(snapshot.cases.map(\.skipCause) == [.interrupted, nil, nil, nil])
        #expect(snapshot.notRunCases.map(\.id) == ["a.left-out"])
        // compare of that old BEFORE: it still counts its cases not run.
        let after = try ReportSnapshot.parse(
            JSONParser.parse(#"{"schemaVersion": 1, "cases": [{"id": "a.passed", "outcome": "passed"}]}"#), source: "new/summary.json")
        let comparison = Comparison(before: snapshot, after: after)
        #expect(comparison.beforeIncomplete.contains("1 of 4 cases not run (the run was interrupted)"), "\(comparison.beforeIncomplete)")
    }
}
