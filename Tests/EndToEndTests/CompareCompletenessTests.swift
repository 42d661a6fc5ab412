import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// `compare` judges completeness before it compares cases (README, "Before and after an upgrade"):
/// interrupted, unjudged (exit 3), filtered and other-catalogue runs on either side, through the binary.
@Suite("Compare: incomplete runs never pass")
struct CompareCompletenessTests {
    /// The kinds of incomplete run.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case interrupted, unjudged, filtered, otherCatalogue
        var testDescription: String { rawValue }
    }

    /// A complete run of the whole catalogue against the built-in simulator.
    static func completeRun() async throws -> URL {
        let result = try await AsyncBinary.run(["run", "--simulator", "--quiet"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        return result.reportDirectory
    }

    /// A run of `kind`; its report directory.
    static func incompleteRun(_ kind: Kind) async throws -> URL {
        switch kind {
        case .interrupted:
            let (server, config) = try ReliabilityInterruptionTests.slowSimulator(delay: 0.1)
            defer { server.stop() }
            let result = try await Self.detached {
                try BinaryHarness.run(
                    ["run", "--config", config, "--quiet"], timeout: 60,
                    onStarted: ReliabilityInterruptionTests.when(server, received: 8) { kill($0.processIdentifier, SIGINT) })
            }
            #expect(result.exitCode == 130, "\(result.stdout)\n\(result.stderr)")
            return result.reportDirectory
        case .unjudged:
            // Every request is refused: nothing can be judged (exit 3).
            let server = SimulatorServer(options: SimulatorOptions())
            try server.start()
            server.stop()
            let config = try Reliability.writeConfiguration(Reliability.configuration(
                of: server, replacing: ["baseURL": .string("http://127.0.0.1:\(try ClosedPort.find())")]))
            let result = try await AsyncBinary.run(["run", "--config", config, "--quiet"])
            #expect(result.exitCode == 3, "\(result.stdout)\n\(result.stderr)")
            return result.reportDirectory
        case .filtered:
            let result = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--filter", "activate.*"])
            #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
            return result.reportDirectory
        case .otherCatalogue:
            // The repository's catalogue without one case: another case-set digest.
            let cases = BinaryHarness.temporaryDirectory("cases").appendingPathComponent("Cases")
            try FileManager.default.copyItem(at: Reliability.repositoryRoot.appendingPathComponent("Cases"), to: cases)
            try FileManager.default.removeItem(at: cases.appendingPathComponent("activate/success.json"))
            defer { try? FileManager.default.removeItem(at: cases.deletingLastPathComponent()) }
            let result = try await AsyncBinary.run(["run", "--simulator", "--quiet", "--cases", cases.path])
            #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
            return result.reportDirectory
        }
    }

    static func detached<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// What the first line of `compare` says for an incomplete AFTER run of `kind`.
    static func afterReason(_ kind: Kind) -> String {
        switch kind {
        case .interrupted: return "cases not run (the run was interrupted)"
        case .unjudged: return "cases could not be judged"
        case .filtered: return "case(s) judged BEFORE were not judged AFTER"
        case .otherCatalogue: return "a different case set than BEFORE"
        }
    }

    @Test("an incomplete AFTER run is a regression (exit 1), and an incomplete BEFORE run no baseline (exit 2), the reason first", arguments: Kind.allCases)
    func incomplete(_ kind: Kind) async throws {
        let complete = try await Self.completeRun()
        let incomplete = try await Self.incompleteRun(kind)
        defer {
            for directory in [complete, incomplete] { try? FileManager.default.removeItem(at: directory) }
        }

        // AFTER incomplete.
        let out = BinaryHarness.temporaryDirectory("compare")
        defer { try? FileManager.default.removeItem(at: out) }
        let after = try await AsyncBinary.run(["compare", complete.path, incomplete.path, "--report-dir", out.path])
        #expect(after.exitCode == 1, "\(after.stdout)\n\(after.stderr)")
        let first = after.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("AFTER incomplete: "), "\(after.stdout)")
        #expect(first.contains(Self.afterReason(kind)), "\(first)")
        #expect(after.stdout.contains("Exit 1: AFTER incomplete"))
        let json = try JSONParser.parse(Array(Data(contentsOf: out.appendingPathComponent("compare.json"))))
        #expect(json["exitCode"]?.intValue == 1)
        #expect(json["verdict"]?.stringValue == first)
        #expect(json["afterIncomplete"]?.arrayValue?.isEmpty == false)
        let markdown = try String(contentsOf: out.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# ❌ MySafe conformance: AFTER incomplete (exit 1)"), "\(markdown.prefix(200))")
        #expect(markdown.contains(Self.afterReason(kind)))

        // BEFORE incomplete: no baseline (exit 2), except another catalogue, which is AFTER's difference too.
        let before = try await AsyncBinary.run(["compare", incomplete.path, complete.path, "--quiet"])
        let line = before.stdout.split(separator: "\n").first.map(String.init) ?? ""
        if kind == .otherCatalogue {
            #expect(before.exitCode == 1, "\(before.stdout)\n\(before.stderr)")
            #expect(line.hasPrefix("AFTER incomplete: a different case set than BEFORE"), "\(line)")
        } else {
            #expect(before.exitCode == 2, "\(before.stdout)\n\(before.stderr)")
            #expect(line.hasPrefix("BEFORE incomplete: the baseline is incomplete; re-run it"), "\(line)")
        }
    }

    @Test("two complete runs of the same catalogue: complete, exit 0")
    func complete() async throws {
        let one = try await Self.completeRun()
        let two = try await Self.completeRun()
        defer { for directory in [one, two] { try? FileManager.default.removeItem(at: directory) } }
        let result = try await AsyncBinary.run(["compare", one.path, two.path])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasPrefix("no regression\n"), "\(result.stdout)")
    }

    /// The README's upgrade recipe, as written, in `sh -e` (as a CI job runs it): an AFTER run interrupted
    /// mid-way must fail the job.
    @Test("the README's upgrade recipe fails the job when the AFTER run is interrupted")
    func readmeRecipe() async throws {
        let readme = try String(contentsOf: Reliability.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "The upgrade recipe:\n\n```sh\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        var recipe = String(readme[start.upperBound..<end.lowerBound])
        #expect(recipe.contains("--report-dir after"))
        let work = BinaryHarness.temporaryDirectory("recipe")
        defer { try? FileManager.default.removeItem(at: work) }
        let safePlace = work.appendingPathComponent("safe-place")
        try FileManager.default.createDirectory(at: safePlace, withIntermediateDirectories: true)
        recipe = recipe.replacingOccurrences(of: "/safe/place/", with: safePlace.path + "/")

        // The configuration the recipe names: a slow simulator, so the AFTER run can be caught mid-way.
        let configured = try #require(recipe.range(of: #"--config [^ ]+"#, options: .regularExpression)).upperBound
        let configPath = String(recipe[..<configured].split(separator: " ").last ?? "")
        let (server, config) = try ReliabilityInterruptionTests.slowSimulator(delay: 0.01)
        defer { server.stop() }
        let configFile = work.appendingPathComponent(configPath)
        try FileManager.default.createDirectory(at: configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: config, toPath: configFile.path)
        // `mysafe-conformance` on PATH is the built binary; the AFTER run records its process id.
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let pidFile = work.appendingPathComponent("after.pid")
        let wrapper = """
            #!/bin/sh
            case "$*" in
              *"--report-dir after"*) "\(BinaryHarness.binary.path)" "$@" & echo $! > "\(pidFile.path)"; wait $!; exit $? ;;
              *) exec "\(BinaryHarness.binary.path)" "$@" ;;
            esac

            """
        let tool = bin.appendingPathComponent("mysafe-conformance")
        try Data(wrapper.utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        let script = work.appendingPathComponent("recipe.sh")
        try Data(recipe.utf8).write(to: script)

        let result = try await Self.detached { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-e", script.path]
            process.currentDirectoryURL = work
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["NO_COLOR"] = "1"
            for key in environment.keys where key.hasPrefix("MYSAFE_") { environment[key] = nil }
            process.environment = environment
            let output = work.appendingPathComponent("output")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            // Interrupt the AFTER run once it has sent a few requests.
            var interrupted = false
            let deadline = Date().addingTimeInterval(180)
            while process.isRunning && Date() < deadline {
                if !interrupted, let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    let sent = server.requestCount
                    while server.requestCount < sent + 8 && Date() < deadline { usleep(2_000) }
                    kill(pid, SIGTERM)
                    interrupted = true
                }
                usleep(5_000)
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? handle.close()
            return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        #expect(result.0 != 0, "the job must fail: \(result.1)")
        #expect(result.1.contains("AFTER incomplete: "), "\(result.1)")
        #expect(result.1.contains("cases not run (the run was interrupted)"), "\(result.1)")
        let after = try JSONParser.parse(Array(Data(contentsOf: work.appendingPathComponent("after/summary.json"))))
        #expect(after["interrupted"] == .bool(true))
    }
}
