import Foundation
import MySafeJSON
import MySafeSimulator
import Testing

/// `fleet` when one target's transport cannot be made: that target's line and fleet.md row say why, with
/// the exit code the transport factory gives, and the other targets still run (README, "Many
/// deployments: fleet and merge").
@Suite("Fleet: a target whose transport cannot be made")
struct FleetTransportTests {
    @Test("a target whose CA file holds no certificate is reported in its row (exit 2); the good target passes")
    func unusableCAFile() async throws {
        let fleet = try FleetFixture("fleet-transport", [FleetFixture.simulator("good")])
        defer { fleet.stop() }
        let reports = BinaryHarness.temporaryDirectory("fleet-transport-reports")
        // https, so the transport must read the CA file; a port nothing listens on, though nothing is ever sent.
        var document = OwnedSimulator.demoConfiguration(baseURL: "https://127.0.0.1:9")
        let notPEM = fleet.directory.appendingPathComponent("not-a-ca.pem")
        try Data("not a certificate\n".utf8).write(to: notPEM)
        document["tls"] = ["caFile": "not-a-ca.pem"]
        try Data(JSONWriter(pretty: true).string(.object(document)).utf8).write(to: fleet.directory.appendingPathComponent("bad-ca.json"))
        let file = fleet.directory.appendingPathComponent("two.json")
        try Data(#"{"targets": [{"name": "good", "config": "good.json"}, {"name": "bad-ca", "config": "bad-ca.json"}]}"#.utf8).write(to: file)

        let result = try await AsyncBinary.run(["fleet", file.path, "--report-dir", reports.path, "--filter", "activate.*"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("✔ good: exit 0") }, "\(result.stdout)")
        let bad = lines.first { $0.hasPrefix("! bad-ca: exit ") } ?? ""
        if bad.hasPrefix("! bad-ca: exit 3") {
            // No OpenSSL 3 here: the factory's own exit code and reason.
            #expect(bad.contains("OpenSSL"), "\(result.stdout)")
            #expect(result.exitCode == 3)
        } else {
            #expect(bad.hasPrefix("! bad-ca: exit 2: transport error: "), "\(result.stdout)")
            #expect(bad.contains("tls.caFile") && bad.contains("not-a-ca.pem"), "\(bad)")
            #expect(result.exitCode == 2, "\(result.stdout)\n\(result.stderr)")
        }
        let markdown = try String(contentsOf: reports.appendingPathComponent("fleet.md"), encoding: .utf8)
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| bad-ca |") } ?? ""
        #expect(row.contains("error: "), "fleet.md's note column names the cause: \(row)")
        #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("good/summary.json").path))
    }
}
