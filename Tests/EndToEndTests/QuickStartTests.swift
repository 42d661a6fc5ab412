import Foundation
import MySafeJSON
import Testing

@Suite("Quick start through the binary")
struct QuickStartTests {
    @Test("run --simulator passes the whole catalogue, exits 0 and writes every report")
    func quickStart() throws {
        let result = try BinaryHarness.run(["run", "--simulator"])
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let summary = try result.summary()
        #expect(summary["exitCode"] == .integer(0))
        let cases = summary["cases"]?.arrayValue ?? []
        #expect(cases.count >= 20)
        #expect(cases.allSatisfy { $0["outcome"]?.stringValue != "failed" || $0["kind"]?.stringValue == "probe" })
        let files = FileManager.default.fileExists(atPath: result.reportDirectory.appendingPathComponent("junit.xml").path)
        #expect(files)
        #expect(result.stdout.contains("Exit 0"))
    }

    @Test("an unknown command suggests the right one and exits 2")
    func unknownCommand() throws {
        let result = try BinaryHarness.run(["rnu"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("did you mean 'run'?"))
    }
}
