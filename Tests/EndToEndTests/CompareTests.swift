import Foundation
import MySafeJSON
import Testing

/// `compare BEFORE AFTER` through the binary (README, "Before and after an upgrade").
@Suite("Compare through the binary")
struct CompareTests {
    /// A run's report directory: the built-in simulator with `arguments` added.
    static func report(_ arguments: [String]) async throws -> URL {
        let result = try await AsyncBinary.run(["run", "--simulator", "--quiet"] + arguments)
        #expect([0, 1].contains(result.exitCode), "\(result.stdout)\n\(result.stderr)")
        return result.reportDirectory
    }

    static func json(_ directory: URL) throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: directory.appendingPathComponent("compare.json"))))
    }

    @Test("a case that passed before and fails after is a regression: exit 1, named in the table, compare.md, compare.json and GITHUB_STEP_SUMMARY")
    func regression() async throws {
        let before = try await Self.report([])
        let after = try await Self.report(["--deviation", "missing-id-404"])
        let out = BinaryHarness.temporaryDirectory("compare")
        let stepSummary = out.appendingPathComponent("step-summary.md")
        try Data("earlier step\n".utf8).write(to: stepSummary)
        let result = try await AsyncBinary.run(
            ["compare", before.path, after.appendingPathComponent("summary.json").path, "--report-dir", out.path],
            environment: ["GITHUB_STEP_SUMMARY": stepSummary.path])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("REGRESSION  activate.not-found"), "\(result.stdout)")
        #expect(result.stdout.contains("2 regression(s), 0 fix(es)"))
        let json = try Self.json(out)
        #expect(json["exitCode"]?.intValue == 1)
        let regressed = (json["regressions"]?.arrayValue ?? []).compactMap { $0["case"]?.stringValue }
        #expect(Set(regressed) == ["activate.not-found", "deactivate.not-found"])
        #expect(json["regressions"]?.arrayValue?.first?["before"]?.stringValue == "passed")
        #expect(json["regressions"]?.arrayValue?.first?["after"]?.stringValue == "failed")
        #expect(json["fixes"]?.arrayValue?.isEmpty == true)
        let markdown = try String(contentsOf: out.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(markdown.contains("## Regressions"))
        #expect(markdown.contains("activate.not-found"))
        let page = try String(contentsOf: stepSummary, encoding: .utf8)
        #expect(page == "earlier step\n" + markdown, "compare appends compare.md to GITHUB_STEP_SUMMARY, after what was there")
    }

    @Test("the same report twice: no differences, exit 0")
    func identical() async throws {
        let report = try await Self.report([])
        let result = try await AsyncBinary.run(["compare", report.path, report.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("No differences."))
    }

    @Test("only fixes (failed before, passing after): exit 0 with the fixes listed")
    func fixOnly() async throws {
        let before = try await Self.report(["--deviation", "missing-id-404"])
        let after = try await Self.report([])
        let out = BinaryHarness.temporaryDirectory("compare")
        let result = try await AsyncBinary.run(["compare", before.path, after.path, "--report-dir", out.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let json = try Self.json(out)
        #expect(json["regressions"]?.arrayValue?.isEmpty == true)
        #expect(Set((json["fixes"]?.arrayValue ?? []).compactMap { $0["case"]?.stringValue }) == ["activate.not-found", "deactivate.not-found"])
    }

    @Test("a new check failing in a case that failed before is a regression of that check")
    func newFailingCheck() async throws {
        // v3-32's pages show the whole error body, so a mirror that differs on an error answer is a documented failure there.
        let before = try await Self.report(["--deviation", "missing-id-404", "--filter", "activate.not-found", "--profile", "v3-32"])
        let after = try await Self.report(["--deviation", "missing-id-404", "--deviation", "mirror-mensagem-differs", "--filter", "activate.not-found", "--profile", "v3-32"])
        let out = BinaryHarness.temporaryDirectory("compare")
        let result = try await AsyncBinary.run(["compare", before.path, after.path, "--report-dir", out.path])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        let regression = try Self.json(out)["regressions"]?.arrayValue?.first
        #expect(regression?["case"]?.stringValue == "activate.not-found")
        #expect(regression?["check"]?.stringValue == "mirror.mensagem")
    }

    @Test("a profile change and the drift findings that changed are reported, without a regression")
    func profileChange() async throws {
        let before = try await Self.report(["--profile", "v3-32"])
        let after = try await Self.report(["--profile", "v4"])
        let out = BinaryHarness.temporaryDirectory("compare")
        let result = try await AsyncBinary.run(["compare", before.path, after.path, "--report-dir", out.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let json = try Self.json(out)
        #expect(json["profile"]?["before"]?.stringValue == "v3-32")
        #expect(json["profile"]?["changed"] == .bool(true))
        #expect(result.stdout.contains("profile v3-32 →"))
    }

    @Test("unreadable input is exit 2 and writes nothing", arguments: ["missing", "garbage", "other-json"])
    func unreadable(kind: String) async throws {
        let report = try await Self.report(["--filter", "activate.success"])
        let directory = BinaryHarness.temporaryDirectory("compare-bad")
        let bad = directory.appendingPathComponent("summary.json")
        switch kind {
        case "garbage": try Data("{not json".utf8).write(to: bad)
        case "other-json": try Data("{\"hello\": 1}".utf8).write(to: bad)
        default: break
        }
        let out = BinaryHarness.temporaryDirectory("compare")
        let result = try await AsyncBinary.run(["compare", report.path, (kind == "missing" ? directory.appendingPathComponent("nowhere") : bad).path, "--report-dir", out.path])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("compare.json").path))
    }
}
