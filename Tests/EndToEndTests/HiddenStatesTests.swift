import Foundation
import MySafeJSON
import MySafeSimulator
import TestSupport
import Testing

/// A v3-32 target that answers a repeat call with the plain success text (v3-32 documents no answer for one):
/// no answer tells a secret's state before a call. The built binary, with and without the fixtures' original
/// states declared (README, "States the answers do not reveal").
@Suite("A target whose answers do not reveal a secret's state")
struct HiddenStatesTests {
    /// A running v3-32 `repeat-calls-succeed` simulator and a configuration file for it.
    struct Target {
        var server: SimulatorServer
        var directory: URL
        var config: URL

        init(declared: Bool) throws {
            var options = SimulatorOptions()
            options.profile = .v3_32
            options.variations = [.repeatCallsSucceed]
            server = SimulatorServer(options: options)
            try server.start()
            directory = BinaryHarness.temporaryDirectory("hidden-states")
            config = directory.appendingPathComponent("config.json")
            var document = server.configuration().objectValue ?? JSONObject()
            if !declared, var fixtures = document["fixtures"]?.objectValue {
                fixtures["secrets"] = .array(DemoData.fixtureSecrets.map { .integer($0) })
                document["fixtures"] = .object(fixtures)
            }
            try Data(JSONWriter.prettySorted.string(.object(document)).utf8).write(to: config)
        }

        func stop() {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func state(_ active: Bool?) -> String? { active.map { $0 ? "active" : "inactive" } }

    @Test("declared states: exit 0, every check that needs a state before a call is reported as not provable, every fixture restored and proved")
    func declared() throws {
        let target = try Target(declared: true)
        defer { target.stop() }
        let before = target.server.secretStates()
        let result = try BinaryHarness.run(["run", "--config", target.config.path, "--jobs", "2"])
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 0, "\(result.stdout.suffix(3000))")
        #expect(result.stdout.contains("NOTE: this target's answers do not reveal a secret's state"), "said as soon as it is learned")
        #expect(result.stdout.contains("States:  this target's answers do not reveal a secret's state"), "and again at the end")
        #expect(result.stdout.contains("each fixture is restored to the state fixtures.secrets[].state declares"))
        #expect(!result.stdout.contains("contradict"))
        #expect(!result.stdout.contains("FAIL"))
        #expect(target.server.secretStates() == before, "every secret as it was before the run")
        let summary = try result.summary()
        let restore = summary["restore"]?.arrayValue ?? []
        let touched = restore.filter { $0["role"]?.stringValue == "secret" }
        #expect(touched.count == DemoData.fixtureSecrets.count)
        for record in touched {
            let id = try #require(record["fixture"]?.intValue)
            #expect(record["verified"] == .bool(true))
            #expect(record["originalState"]?.stringValue == Self.state(before[id]))
            #expect(record["detail"]?.stringValue?.contains("the state the configuration declares") == true, "\(record)")
        }
        #expect(summary["hiddenStates"]?["undeclared"] == .array([]))
        let unprovable = (summary["cases"]?.arrayValue ?? []).flatMap { $0["observations"]?.arrayValue ?? [] }
            .filter { $0["check"]?.stringValue == "state.unprovable" }
        #expect(!unprovable.isEmpty, "state checks are recorded as not provable")
    }

    @Test("no declared states: exit 4 that says 'not verified' (never 'left changed') and shows the JSON to paste")
    func undeclared() throws {
        let target = try Target(declared: false)
        defer { target.stop() }
        let before = target.server.secretStates()
        let result = try BinaryHarness.run(["run", "--config", target.config.path, "--jobs", "2"])
        defer { try? FileManager.default.removeItem(at: result.reportDirectory) }
        #expect(result.exitCode == 4, "\(result.stdout.suffix(3000))")
        #expect(result.stdout.contains("RESTORE NOT VERIFIED"))
        #expect(!result.stdout.contains("left changed"))
        #expect(!result.stdout.contains("contradict"))
        #expect(!result.stdout.contains("FAIL "), "no case fails: \(result.stdout.prefix(3000))")
        let early = try #require(result.stdout.range(of: "NOTE: this target's answers do not reveal a secret's state"))
        #expect(early.lowerBound < (result.stdout.range(of: "Summary:")?.lowerBound ?? early.lowerBound), "said before the totals")
        #expect(result.stdout.contains("fixtures.secrets[].state"))
        #expect(result.stdout.contains("\"secrets\": [{\"id\": 43, \"state\": "), "the JSON to paste")

        let after = target.server.secretStates()
        let summary = try result.summary()
        let restore = summary["restore"]?.arrayValue ?? []
        for id in DemoData.fixtureSecrets {
            let record = try #require(restore.first { $0["fixture"] == .integer(id) })
            #expect(record["verified"] == .bool(false))
            #expect(record["originalState"] == .null, "the original state was never known")
            // The state the run says it left the secret in is the simulator's.
            #expect(record["finalState"]?.stringValue == Self.state(after[id]), "secret \(id)")
            #expect(result.stdout.contains("fixture \(id) (secret): could not confirm secret \(id)'s state"))
        }
        // Secrets outside the fixtures are untouched.
        for (id, active) in before where !DemoData.fixtureSecrets.contains(id) {
            #expect(after[id] == active, "secret \(id)")
        }
        if TestTools.hasJSONSchema {
            try ReportSchemaTests.expectValid("summary.schema.json", [result.reportDirectory.appendingPathComponent("summary.json")])
        }
        let declaration = try #require(summary["hiddenStates"]?["declaration"]?.stringValue)
        for id in DemoData.fixtureSecrets {
            #expect(declaration.contains("{\"id\": \(id), \"state\": \"\(Self.state(after[id]) ?? "")\"}"), "\(declaration)")
        }
    }
}
