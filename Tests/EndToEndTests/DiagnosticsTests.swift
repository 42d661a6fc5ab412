import Foundation
import Testing

/// Every problem the tool reports before sending anything — configuration, case file, argument —
/// reaches standard error in one shape: `FILE: error: PATH: MESSAGE`, or `error: MESSAGE` without a file.
@Suite("Diagnostics through the binary")
struct DiagnosticsTests {
    /// The lines of standard error that report problems.
    static func problemLines(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.contains("error: ") }
    }

    @Test("a case-file problem names the file first, then error:, then the JSON path")
    func caseFile() throws {
        let directory = BinaryHarness.temporaryDirectory("cases")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("activate"), withIntermediateDirectories: true)
        try Data(#"{"id": 7, "title": "broken"}"#.utf8).write(to: directory.appendingPathComponent("activate/broken.json"))
        let result = try BinaryHarness.run(["validate", "--cases", directory.path], timeout: 60)
        #expect(result.exitCode == 2)
        let lines = Self.problemLines(result.stderr)
        #expect(lines.contains { $0.hasPrefix("activate/broken.json: error: $.id: ") }, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("error: ") || $0.hasPrefix("activate/broken.json: error: ") }, "\(result.stderr)")
    }

    @Test("a configuration problem names the file first, then error:, then the JSON path")
    func configuration() throws {
        let file = BinaryHarness.temporaryDirectory("config").appendingPathComponent("broken.json")
        try Data(#"{"baseURL": 8080}"#.utf8).write(to: file)
        let result = try BinaryHarness.run(["run", "--config", file.path], timeout: 60)
        #expect(result.exitCode == 2)
        #expect(Self.problemLines(result.stderr).contains { $0.hasPrefix("\(file.path): error: $.baseURL: expected a string URL") }, "\(result.stderr)")
    }

    @Test("an argument problem has no file: error: and the message")
    func argument() throws {
        let result = try BinaryHarness.run(["run", "--simulator", "--jobs", "many"], timeout: 60)
        #expect(result.exitCode == 2)
        #expect(Self.problemLines(result.stderr) == ["error: --jobs: expected a whole number from 1 to 64, got 'many'"], "\(result.stderr)")
        let unknown = try BinaryHarness.run(["list", "--bogus"], timeout: 60)
        #expect(unknown.exitCode == 2)
        #expect(Self.problemLines(unknown.stderr).first?.hasPrefix("error: list: unknown option '--bogus'") == true, "\(unknown.stderr)")
    }

    @Test("compare and merge name an unreadable report first: FILE: error: MESSAGE", arguments: ["compare", "merge"])
    func unreadableReport(_ command: String) throws {
        let directory = BinaryHarness.temporaryDirectory("unreadable")
        try Data("{}".utf8).write(to: directory.appendingPathComponent("summary.json"))
        let missing = directory.appendingPathComponent("missing").path
        let arguments = command == "compare" ? [command, directory.path, missing] : [command, directory.path, missing, "--report-dir", directory.appendingPathComponent("out").path]
        let result = try BinaryHarness.run(arguments, timeout: 60)
        #expect(result.exitCode == 2)
        let lines = Self.problemLines(result.stderr)
        #expect(lines.first?.hasPrefix("\(directory.path)/summary.json: error: not a summary.json") == true, "\(result.stderr)")
        if command == "merge" {
            #expect(lines.contains { $0.hasPrefix("\(missing): error: no such file or directory") }, "\(result.stderr)")
        }
        #expect(!lines.contains { $0.hasPrefix("error: \(directory.path)") }, "\(result.stderr)")
    }

    @Test("compare and merge name the JSON path, or the line and column, of every report they cannot read", arguments: ["compare", "merge"])
    func reportPaths(_ command: String) throws {
        let directory = BinaryHarness.temporaryDirectory("report-paths")
        defer { try? FileManager.default.removeItem(at: directory) }
        let noID = directory.appendingPathComponent("no-id.json")
        let notJSON = directory.appendingPathComponent("not-json.json")
        try Data(#"{"schemaVersion": 1, "cases": [{"outcome": "passed"}]}"#.utf8).write(to: noID)
        try Data(#"{"schemaVersion": 1, "cases": ]"#.utf8).write(to: notJSON)
        var arguments = [command, noID.path, notJSON.path]
        if command == "merge" { arguments += ["--report-dir", directory.appendingPathComponent("out").path] }
        let result = try BinaryHarness.run(arguments, timeout: 60)
        #expect(result.exitCode == 2)
        let lines = Self.problemLines(result.stderr)
        #expect(lines.first == "\(noID.path): error: $.cases[0]: missing required key \"id\"", "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(notJSON.path): error: line 1, column 31: invalid JSON: ") }, "\(result.stderr)")
    }

    @Test("help for a command that does not exist exits 2 with the closest one, whichever way it is asked", arguments: [["help", "rnu"], ["rnu", "--help"]])
    func unknownHelp(_ arguments: [String]) throws {
        let result = try BinaryHarness.run(arguments, timeout: 60)
        #expect(result.exitCode == 2)
        #expect(Self.problemLines(result.stderr) == ["error: unknown command 'rnu' (did you mean 'run'?); commands: run, list, validate, serve, matrix, compare, fleet, merge, openapi"], "\(result.stderr)")
    }

    @Test("run --simulator --dry-run prints the plan and starts no simulator")
    func dryRunSimulator() throws {
        let result = try BinaryHarness.run(["run", "--simulator", "--dry-run"], timeout: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("The built-in simulator is not started for a dry run"))
        // A started simulator has a port of its own; the plan of one that never started shows port 0.
        #expect(result.stdout.contains("Dry run: nothing is sent to http://127.0.0.1:0."), "\(result.stdout)")
    }
}
