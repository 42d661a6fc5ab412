import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// The run never claims a restore it did not achieve: whenever every restore record says
/// "verified", the target's secrets are exactly as they were before the run — whatever the target does.
@Suite("Restore claims hold against every deviation")
struct RestoreClaimTests {
    static let deviations = Deviation.allCases.filter { $0 != .slowAnswers }

    /// Every conformant variation on every profile it is conformant for.
    static let variations: [VariationTarget] = Variation.allCases.flatMap { variation in
        variation.profiles.map { VariationTarget(variation: variation, profile: $0) }
    }

    /// A simulator of the target's profile with its one variation, started.
    static func start(_ target: VariationTarget) throws -> SimulatorServer {
        var options = SimulatorOptions()
        options.profile = target.profile
        options.variations = [target.variation]
        let server = SimulatorServer(options: options)
        try server.start()
        return server
    }

    @Test("a conformant variation never makes a restore fail: exit 0 (1 for a changed message), secrets as found", arguments: variations)
    func variationRestores(_ target: VariationTarget) throws {
        let server = try Self.start(target)
        defer { server.stop() }
        let before = server.secretStates()
        let directory = BinaryHarness.temporaryDirectory("claim-variation")
        let config = directory.appendingPathComponent("config.json")
        try Data(JSONWriter.prettySorted.string(server.configuration()).utf8).write(to: config)
        let result = try BinaryHarness.run(["run", "--config", config.path, "--jobs", "2", "--quiet"])
        let allowed: Set<Int32> = target.variation.changesDocumentedMessage ? [0, 1] : [0]
        #expect(allowed.contains(result.exitCode), "\(target.testDescription): exit \(result.exitCode)\n\(result.stdout.suffix(1500))")
        #expect(!result.stdout.contains("RESTORE"), "\(target.testDescription)")
        #expect(server.secretStates() == before, "\(target.testDescription)")
        // The identifier variations act on the fixture for the same number written another way: each such answer
        // is read, put back and reported as a same-number warning, never a failure or a restore alarm.
        if [.trailingSlashIgnored, .leadingZeroIdentifier].contains(target.variation) {
            let warnings = (try result.summary()["cases"]?.arrayValue ?? []).flatMap { $0["warnings"]?.arrayValue ?? [] }
            let sameNumber = warnings.filter { $0["check"]?.stringValue == "identifier.same-number" }
            #expect(sameNumber.count == 2, "\(target.testDescription): one same-number warning per identifiers case: \(warnings)")
            #expect(sameNumber.allSatisfy { $0["grade"]?.stringValue == "observed" })
        }
    }

    @Test("a variation whose answers hide a secret's state, without declared states: exit 4 'not verified', never 'left changed', states as the run says",
          arguments: variations.filter { $0.variation.hidesOriginalStates })
    func hiddenStatesUndeclared(_ target: VariationTarget) throws {
        let server = try Self.start(target)
        defer { server.stop() }
        let before = server.secretStates()
        let directory = BinaryHarness.temporaryDirectory("claim-hidden")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.json")
        var document = server.configuration().objectValue ?? JSONObject()
        var fixtures = document["fixtures"]?.objectValue ?? JSONObject()
        fixtures["secrets"] = .array(DemoData.fixtureSecrets.map { .integer($0) })
        document["fixtures"] = .object(fixtures)
        try Data(JSONWriter.prettySorted.string(.object(document)).utf8).write(to: config)
        let result = try BinaryHarness.run(["run", "--config", config.path, "--jobs", "2", "--quiet"])
        #expect(result.exitCode == 4, "\(target.testDescription): exit \(result.exitCode)\n\(result.stdout.suffix(1500))")
        #expect(result.stdout.contains("RESTORE NOT VERIFIED") && !result.stdout.contains("left changed"), "\(target.testDescription)")
        let after = server.secretStates()
        for record in try result.summary()["restore"]?.arrayValue ?? [] where record["verified"] == .bool(false) {
            let id = try #require(record["fixture"]?.intValue)
            #expect(record["originalState"] == .null)
            #expect(record["finalState"]?.stringValue == after[id].map { $0 ? "active" : "inactive" }, "secret \(id)")
        }
        for (id, active) in before where !DemoData.fixtureSecrets.contains(id) { #expect(after[id] == active, "secret \(id)") }
    }

    @Test("verified restores are true restores; every exit-4 line matches the simulator's real state", arguments: deviations)
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
        // Every exit-4 line says either what is known ("secret 43 was active, is now inactive", true of the
        // simulator) or that the state could not be confirmed; "left changed" only when something is known changed.
        var knownChanged = false
        for record in restore where record["verified"] == .bool(false) {
            guard let id = record["fixture"]?.intValue else { continue }
            let line = "fixture \(id) (\(record["role"]?.stringValue ?? ""))"
            if let original = record["originalState"]?.stringValue, let final = record["finalState"]?.stringValue, original != final {
                knownChanged = true
                #expect(result.stdout.contains("\(line): secret \(id) was \(original), is now \(final)"), "\(deviation.rawValue)\n\(result.stdout.suffix(1500))")
                #expect(after[id].map { $0 ? "active" : "inactive" } == final, "\(deviation.rawValue): secret \(id) reported as now \(final), but the simulator has it \(String(describing: after[id]))")
                #expect(before[id].map { $0 ? "active" : "inactive" } == original, "\(deviation.rawValue): secret \(id) reported as originally \(original)")
            } else {
                #expect(result.stdout.contains("\(line): could not confirm secret \(id)'s state"), "\(deviation.rawValue)\n\(result.stdout.suffix(1500))")
            }
        }
        #expect(result.stdout.contains("left changed") == knownChanged, "\(deviation.rawValue): 'left changed' must be printed exactly when a secret is known changed")
    }
}

/// A variation on one of the profiles it is conformant for.
struct VariationTarget: Sendable, CustomTestStringConvertible {
    var variation: Variation
    var profile: SimulatorProfile
    var testDescription: String { "\(profile.rawValue) + \(variation.rawValue)" }
}
