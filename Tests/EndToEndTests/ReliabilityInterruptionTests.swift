import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// SIGINT/SIGTERM mid-run, and restores that cannot be done or proved, through the binary against
/// an in-process simulator whose state the test reads directly.
@Suite("Reliability: interruption and restore failures")
struct ReliabilityInterruptionTests {
    /// A simulator slow enough (every MySafe answer delayed) that a run can be caught mid-way.
    static func slowSimulator(delay: Double = 0.3) throws -> (SimulatorServer, String) {
        var options = SimulatorOptions()
        options.deviations = [.slowAnswers]
        options.slowAnswerSeconds = delay
        let server = SimulatorServer(options: options)
        try server.start()
        let config = try Reliability.writeConfiguration(Reliability.configuration(of: server, replacing: ["requestTimeoutSeconds": 2]))
        return (server, config)
    }

    /// Calls `action` with the process once the simulator has received `requests` requests.
    static func when(_ server: SimulatorServer, received requests: Int, _ action: @escaping @Sendable (Process) -> Void) -> (Process) -> Void {
        { process in
            DispatchQueue.global().async {
                let deadline = Date().addingTimeInterval(30)
                while server.requestCount < requests && Date() < deadline { usleep(5_000) }
                action(process)
            }
        }
    }

    @Test("a signal mid-run: exit 130, fixtures restored, reports marked interrupted", arguments: [SIGINT, SIGTERM])
    func interrupted(_ signal: Int32) throws {
        let (server, config) = try Self.slowSimulator()
        defer { server.stop() }
        let before = server.secretStates()
        let result = try BinaryHarness.run(
            ["run", "--config", config], timeout: 60,
            onStarted: Self.when(server, received: 8) { kill($0.processIdentifier, signal) })

        #expect(result.exitCode == 130, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stderr.contains("interrupted: no new case starts"))
        #expect(server.secretStates() == before, "the fixtures must be as they were found")
        let summary = try result.summary()
        #expect(summary["interrupted"] == .bool(true))
        #expect(summary["exitCode"] == .integer(130))
        let cases = summary["cases"]?.arrayValue ?? []
        #expect(cases.contains { $0["reason"]?.stringValue == "not run: the run was interrupted" }, "the run must stop early")
        #expect(summary["restoreFailed"] == .bool(false))
        try Reliability.expectValidJUnit(result)
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains(#"name="interrupted" value="true""#))
    }

    @Test("a second signal during the restore prints a reminder and the restore completes")
    func secondSignal() throws {
        let (server, config) = try Self.slowSimulator()
        defer { server.stop() }
        let before = server.secretStates()
        let result = try BinaryHarness.run(
            ["run", "--config", config], timeout: 60,
            onStarted: Self.when(server, received: 8) { process in
                kill(process.processIdentifier, SIGINT)
                // The in-flight answer takes 0.3 s; the restore then needs several slow calls.
                usleep(450_000)
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(result.exitCode == 130, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stderr.contains("restore in progress"))
        #expect(!result.stderr.contains("RESTORE ABANDONED"))
        #expect(server.secretStates() == before)
        #expect(try result.summary()["interrupted"] == .bool(true))
        try Reliability.expectValidJUnit(result)
    }

    @Test("a third signal abandons the restore loudly with exit 4, and still writes every report naming each secret, its original state and the request to send by hand; compare and merge read it")
    func thirdSignal() async throws {
        let (server, config) = try Self.slowSimulator(delay: 0.5)
        defer { server.stop() }
        let before = server.secretStates()
        let result = try BinaryHarness.run(
            ["run", "--config", config], timeout: 60,
            onStarted: Self.when(server, received: 6) { process in
                for _ in 0..<3 {
                    kill(process.processIdentifier, SIGINT)
                    usleep(150_000)
                }
            })
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 4, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stderr.contains("RESTORE ABANDONED"))
        #expect(result.stdout.contains("RESTORE ABANDONED"), "\(result.stdout)")

        let summary = try result.summary()
        #expect(summary["restoreAbandoned"] == .bool(true))
        #expect(summary["restoreFailed"] == .bool(true))
        #expect(summary["interrupted"] == .bool(true))
        #expect(summary["exitCode"] == .integer(4))
        let abandoned = (summary["restore"]?.arrayValue ?? []).filter { $0["verified"] == .bool(false) }
        try #require(!abandoned.isEmpty, "\(summary["restore"] ?? .null)")
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        let junit = try String(contentsOf: result.reportDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        for record in abandoned {
            let fixture = try #require(record["fixture"]?.intValue)
            let detail = record["detail"]?.stringValue ?? ""
            #expect(detail.contains("RESTORE ABANDONED"), "\(detail)")
            if let original = record["originalState"]?.stringValue {
                #expect(original == (before[fixture]! ? "active" : "inactive"), "fixture \(fixture)")
                let route = original == "active" ? "active" : "inactive"
                #expect(detail.contains("POST /api/mysafe/secretapi/\(route)/\(fixture)"), "\(detail)")
                #expect(markdown.contains("secretapi/\(route)/\(fixture)"), "summary.md names the request for \(fixture)")
                #expect(result.stdout.contains("secretapi/\(route)/\(fixture)"), "the console names the request for \(fixture)")
            } else {
                #expect(detail.contains("check secret \(fixture) by hand"), "\(detail)")
            }
            #expect(markdown.contains("fixture \(fixture) ("), "summary.md names fixture \(fixture)")
            #expect(junit.contains("fixture \(fixture) ("), "junit.xml names fixture \(fixture)")
        }
        try Reliability.expectValidJUnit(result)
        #expect(FileManager.default.fileExists(atPath: result.reportDirectory.appendingPathComponent("transcripts").path))

        // A judged run: merge reads it (exit 4), compare reads it (an interrupted AFTER is incomplete: exit 1).
        let merged = BinaryHarness.temporaryDirectory("merged")
        defer { try? FileManager.default.removeItem(at: merged) }
        let merge = try BinaryHarness.run(["merge", result.reportDirectory.path, "--report-dir", merged.path])
        #expect(merge.exitCode == 4, "\(merge.stdout)\n\(merge.stderr)")
        let complete = try await AsyncBinary.run(["run", "--simulator", "--quiet"])
        defer { try? FileManager.default.removeItem(at: complete.reportDirectory) }
        let compare = try BinaryHarness.run(["compare", complete.reportDirectory.path, result.reportDirectory.path])
        #expect(compare.exitCode == 1, "\(compare.stdout)\n\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("AFTER incomplete: "), "\(compare.stdout)")
    }

    @Test("the target goes away mid-run: exit 4; console, summary.md and summary.json name the fixture, its state and the fix")
    func targetGoesAway() throws {
        let (server, config) = try Self.slowSimulator(delay: 0.1)
        let before = server.secretStates()
        let result = try BinaryHarness.run(
            ["run", "--config", config], timeout: 60,
            onStarted: Self.when(server, received: 10) { _ in server.stop() })
        #expect(result.exitCode == 4, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("RESTORE FAILED") || result.stdout.contains("RESTORE NOT VERIFIED"))

        let summary = try result.summary()
        #expect(summary["restoreFailed"] == .bool(true))
        let failed = (summary["restore"]?.arrayValue ?? []).filter { $0["verified"] == .bool(false) }
        try #require(!failed.isEmpty)
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        for record in failed {
            let fixture = try #require(record["fixture"]?.intValue)
            #expect(result.stdout.contains("fixture \(fixture) ("), "console must name fixture \(fixture)")
            #expect(markdown.contains("fixture \(fixture) ("), "summary.md must name fixture \(fixture)")
            let detail = record["detail"]?.stringValue ?? ""
            if let original = record["originalState"]?.stringValue {
                // Learned before the target went away: the original state and the exact request to send.
                #expect(original == (before[fixture]! ? "active" : "inactive"), "fixture \(fixture)")
                #expect(detail.contains("by hand: \(original == "active" ? "activate" : "deactivate") secret \(fixture)"), "\(detail)")
                #expect(markdown.contains("back to \(original)"))
                #expect(result.stdout.contains("back to \(original)"))
            } else {
                #expect(detail.contains("check secret \(fixture) by hand"), "\(detail)")
            }
        }
        try Reliability.expectValidJUnit(result)
    }

    @Test("a target whose answers never say the state: exit 4 with each fixture and what to check by hand in every report")
    func originalStateNeverLearned() throws {
        let result = try BinaryHarness.run(
            ["run", "--simulator", "--deviation", "gateway-504", "--filter", "activate.success,deactivate.success"], timeout: 60)
        #expect(result.exitCode == 4)
        let summary = try result.summary()
        let restore = summary["restore"]?.arrayValue ?? []
        let markdown = try String(contentsOf: result.reportDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        // Nothing says the secrets changed: "not verified", never "left changed".
        #expect(markdown.contains("RESTORE NOT VERIFIED"))
        #expect(!markdown.contains("left changed"))
        for fixture in [43, 45] {
            let record = restore.first { $0["fixture"]?.intValue == fixture }
            #expect(record?["verified"] == .bool(false), "fixture \(fixture): \(restore)")
            #expect(record?["originalState"] == .null)
            #expect(record?["detail"]?.stringValue?.contains("check secret \(fixture) by hand") == true)
            #expect(markdown.contains("fixture \(fixture) (secret): could not confirm secret \(fixture)'s state"))
            #expect(result.stdout.contains("fixture \(fixture) (secret): could not confirm secret \(fixture)'s state"))
        }
        try Reliability.expectValidJUnit(result)
    }
}
