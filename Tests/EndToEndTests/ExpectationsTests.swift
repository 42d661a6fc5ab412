import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// `run --expectations FILE` through the binary: expected failures, expectations no longer needed,
/// expired ones and unknown ids (README, "Known departures: expectations").
@Suite("Expectations through the binary")
struct ExpectationsTests {
    static func write(_ text: String) throws -> String {
        let file = BinaryHarness.temporaryDirectory("expectations").appendingPathComponent("expectations.json")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    static func deviating(_ name: String) -> SimulatorOptions {
        var options = SimulatorOptions()
        options.deviations = [Deviation(rawValue: name)!]
        return options
    }

    static let notFoundBoth = """
        {"expectations": [
          {"case": "activate.not-found", "check": "status", "reason": "answers 404 (ticket 42)", "until": "2999-12-31"},
          {"case": "deactivate.not-found", "reason": "answers 404 (ticket 42)", "targets": ["simulator-of-tests"]}
        ]}
        """

    @Test("listed failures are expected: counted apart in every report, and the exit code is 0")
    func expectedFailures() async throws {
        let file = try Self.write(Self.notFoundBoth)
        // The simulator answers 404 for the missing id; its configuration carries the name the second entry targets.
        let target = try OwnedSimulator(options: Self.deviating("missing-id-404")) { $0["name"] = "simulator-of-tests" }
        defer { target.stop() }
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--expectations", file])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("XFAIL activate.not-found"))
        #expect(result.stdout.contains("expected failure: answers 404 (ticket 42)"))
        #expect(result.stdout.contains("2 expected failure(s)"))
        let summary = try result.summary()
        #expect(summary["totals"]?["expected"]?.intValue == 2)
        #expect(summary["totals"]?["failed"]?.intValue == 0, "expected failures are counted apart, never in failed")
        #expect(summary["exitCode"]?.intValue == 0)
        let cases = summary["cases"]?.arrayValue ?? []
        let notFound = cases.filter { ($0["id"]?.stringValue ?? "").hasSuffix(".not-found") }
        #expect(notFound.count == 2)
        for item in notFound {
            #expect(item["outcome"]?.stringValue == "failed", "the raw outcome stays failed")
            #expect(item["countsAs"]?.stringValue == "expected")
            #expect(item["expectedFailure"]?.stringValue == "answers 404 (ticket 42)")
        }
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<skipped message=\"expected failure: answers 404 (ticket 42)\"/>"))
        #expect(!junit.contains("<failure"))
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("## Expected failures"))
        try Reliability.expectValidJUnit(result)
    }

    @Test("an expectation for another target does not apply, so the failure stays a failure")
    func otherTarget() async throws {
        let file = try Self.write("""
            {"expectations": [{"case": "activate.not-found", "reason": "only on sp-prod", "targets": ["sp-prod"]}]}
            """)
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", "missing-id-404", "--filter", "activate.not-found", "--expectations", file])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(try result.summary()["totals"]?["expected"]?.intValue == 0)
    }

    @Test("a failure of a check the expectation does not name is still a failure")
    func otherCheck() async throws {
        let file = try Self.write("""
            {"expectations": [{"case": "activate.not-found", "check": "mirror.mensagem", "reason": "wrong check"}]}
            """)
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", "missing-id-404", "--filter", "activate.not-found", "--expectations", file])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
    }

    @Test("a listed case that now passes fails the run: expectation no longer needed")
    func noLongerNeeded() async throws {
        let file = try Self.write("""
            {"expectations": [{"case": "activate.success", "reason": "fixed upstream?"}]}
            """)
        let result = try await AsyncBinary.run(["run", "--simulator", "--expectations", file])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("expectation no longer needed: remove it"))
        let summary = try result.summary()
        let item = summary["cases"]?.arrayValue?.first { $0["id"]?.stringValue == "activate.success" }
        #expect(item?["countsAs"]?.stringValue == "failed")
        let checks = (item?["steps"]?.arrayValue ?? []).flatMap { ($0["failures"]?.arrayValue ?? []).compactMap { $0["check"]?.stringValue } }
        #expect(checks == ["expectation.unneeded"])
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("type=\"expectation.unneeded\""))
    }

    @Test("an expired expectation fails the run even though the failure it named still happens")
    func expired() async throws {
        let file = try Self.write("""
            {"expectations": [{"case": "activate.not-found", "reason": "was accepted until 2001", "until": "2001-01-31"}]}
            """)
        let result = try await AsyncBinary.run(["run", "--simulator", "--deviation", "missing-id-404", "--filter", "activate.not-found", "--expectations", file])
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("expectation.expired"))
        #expect(result.stdout.contains("expired after 2001-01-31"))
        #expect(try result.summary()["totals"]?["expected"]?.intValue == 0)
    }

    @Test("unknown case or check ids are exit 2 with a did-you-mean, before anything is sent")
    func unknownIds() async throws {
        let target = try OwnedSimulator()
        defer { target.stop() }
        let file = try Self.write("""
            {"expectations": [
              {"case": "activate.sucess", "reason": "typo"},
              {"case": "activate.success", "check": "mirror.mensagen", "reason": "typo"}
            ]}
            """)
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path, "--expectations", file])
        #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("unknown case \"activate.sucess\" (did you mean 'activate.success'?)"))
        #expect(result.stderr.contains("unknown check \"mirror.mensagen\" (did you mean 'mirror.mensagem'?)"))
        #expect(target.server.requestCount == 0, "nothing may be sent")
    }

    @Test("a malformed expectations file is exit 2 naming the place", arguments: [
        ("[]", "expected an object"),
        ("{\"expectations\": [{\"case\": \"activate.success\"}]}", "$.expectations[0]: missing required key \"reason\""),
        ("{\"expectations\": [{\"case\": \"activate.success\", \"reason\": \"r\", \"until\": \"31/12/2030\"}]}", "expected a date YYYY-MM-DD"),
        ("{\"expectations\": [{\"case\": \"activate.success\", \"reason\": \"r\", \"reasno\": 1}]}", "did you mean \"reason\""),
    ])
    func malformed(text: String, message: String) async throws {
        let file = try Self.write(text)
        let result = try await AsyncBinary.run(["run", "--simulator", "--expectations", file])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("the configuration's \"expectations\" key is read relative to the configuration file")
    func configurationKey() async throws {
        let target = try OwnedSimulator(options: Self.deviating("missing-id-404")) { $0["expectations"] = "expectations.json" }
        defer { target.stop() }
        try Data(Self.notFoundBoth.replacingOccurrences(of: ", \"targets\": [\"simulator-of-tests\"]", with: "").utf8)
            .write(to: target.configFile.deletingLastPathComponent().appendingPathComponent("expectations.json"))
        let result = try await AsyncBinary.run(["run", "--config", target.configFile.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(try result.summary()["totals"]?["expected"]?.intValue == 2)
    }
}
