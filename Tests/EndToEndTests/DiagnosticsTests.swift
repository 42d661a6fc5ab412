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
        #expect(Self.problemLines(result.stderr) == ["error: --jobs: expected a number from 1 to 64, got 'many'"], "\(result.stderr)")
        let unknown = try BinaryHarness.run(["list", "--bogus"], timeout: 60)
        #expect(unknown.exitCode == 2)
        #expect(Self.problemLines(unknown.stderr).first?.hasPrefix("error: list: unknown option '--bogus'") == true, "\(unknown.stderr)")
    }
}
