import Foundation
import Testing

/// `--latency-ms`: the simulator answers like a distant deployment; the verdict does not change.
/// (How long a run takes against latency is measured in Scripts/benchmark, never asserted here.)
@Suite("Latency through the binary")
struct LatencyTests {
    @Test("the catalogue passes against the in-process simulator with latency, one fixture secret")
    func passesWithLatency() async throws {
        let result = try await AsyncBinary.run(["run", "--simulator", "--latency-ms", "15", "--quiet"])
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let summary = try SummaryView(result.summary())
        #expect(summary.judgedContractOutcomes.allSatisfy { $0 == "passed" })
        #expect(summary.restoreAllVerified)
    }

    @Test("a bad --latency-ms is exit 2", arguments: [["serve", "--latency-ms", "-5"], ["run", "--simulator", "--latency-ms", "soon"], ["run", "--latency-ms", "10"]])
    func badLatency(arguments: [String]) async throws {
        let result = try await AsyncBinary.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--latency-ms"), "\(result.stderr)")
    }
}
