import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// The run never claims a restore it did not achieve: whenever every restore record says
/// "verified", the target's secrets are exactly as they were before the run — whatever the target does.
@Suite("Restore claims hold against every deviation")
struct RestoreClaimTests {
    static let deviations = Deviation.allCases.filter { $0 != .slowAnswers }

    @Test("verified restores are true restores", arguments: deviations)
    func claimHolds(_ deviation: Deviation) throws {
        var options = SimulatorOptions()
        options.deviations = [deviation]
        options.slowAnswerSeconds = 0.2
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let before = server.secretStates()
        let directory = BinaryHarness.temporaryDirectory("claim")
        let config = directory.appendingPathComponent("config.json")
        try Data(JSONWriter.prettySorted.string(server.configuration()).utf8).write(to: config)
        let result = try BinaryHarness.run(["run", "--config", config.path, "--request-timeout", "1", "--jobs", "2", "--quiet"])
        let summary = try result.summary()
        let restore = summary["restore"]?.arrayValue ?? []
        let claimed = restore.allSatisfy { $0["verified"] == .bool(true) }
        let after = server.secretStates()
        if claimed {
            #expect(after == before, "\(deviation.rawValue): every restore claimed verified, but states changed: \(before.filter { after[$0.key] != $0.value }.keys.sorted())")
            #expect(result.exitCode != 4)
        } else {
            #expect(result.exitCode == 4, "\(deviation.rawValue): an unverified restore must exit 4")
        }
        // Every fixture whose state differs must be named as unverified.
        for (id, state) in before where after[id] != state {
            let record = restore.first { $0["fixture"] == .integer(id) }
            #expect(record?["verified"] == .bool(false), "\(deviation.rawValue): secret \(id) changed but its restore is not reported as failed: \(String(describing: record))")
        }
    }
}
