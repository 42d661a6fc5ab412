import Foundation
import MySafeJSON
import TestSupport
import Testing

/// Every machine-readable output validates against its published JSON Schema (docs/schemas/): summary.json
/// of a run (named and unnamed), of every fleet target (one of them down), compare.json, the fleet.json of
/// `fleet` and of `merge`, and the fleet file itself. python3's `jsonschema` reads them (CI requires it).
@Suite("Reports: every JSON output validates against its schema", .enabled(if: RequiredTool.runs(TestTools.hasJSONSchema)))
struct ReportSchemaTests {
    static let schemas = JUnitSchemas.repositoryRoot.appendingPathComponent("docs/schemas")

    static func errors(_ schema: String, _ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String]] {
        try #require(TestTools.hasJSONSchema, "python3 with the jsonschema package is required in CI", sourceLocation: sourceLocation)
        for file in files { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path) was not written", sourceLocation: sourceLocation) }
        return try TestTools.schemaErrors(schema: schemas.appendingPathComponent(schema).path, files: files.map(\.path))
    }

    static func expectValid(_ schema: String, _ files: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let errors = try errors(schema, files, sourceLocation: sourceLocation)
        #expect(errors.count == files.count, sourceLocation: sourceLocation)
        for (file, messages) in errors.sorted(by: { $0.key < $1.key }) {
            #expect(messages.isEmpty, "\(file) fails \(schema): \(messages.prefix(5))", sourceLocation: sourceLocation)
        }
    }

    @Test("fleet (one target down), merge, compare and a plain run: every JSON file they write is valid")
    func realOutputs() async throws {
        let fleet = try FleetFixture("schemas", [FleetFixture.simulator("sp-prod"), FleetFixture.simulator("rj-v3-32", profile: .v3_32), .unreachable("down")])
        defer { fleet.stop() }
        let root = TestDirectory.make("schema-reports")
        defer { TestDirectory.remove(root) }
        let fleetReports = root.appendingPathComponent("fleet")
        let ran = try await AsyncBinary.run(["fleet", fleet.file.path, "--report-dir", fleetReports.path, "--filter", "activate.*", "--request-timeout", "2", "--quiet"])
        #expect(ran.exitCode == 3, "fleet with one target down: \(ran.stdout) \(ran.stderr)")
        let merged = root.appendingPathComponent("merged")
        let merge = try await AsyncBinary.run(["merge", fleetReports.appendingPathComponent("sp-prod").path, fleetReports.appendingPathComponent("rj-v3-32").path, "--report-dir", merged.path])
        #expect(merge.exitCode == 0, "\(merge.stdout) \(merge.stderr)")
        let compared = root.appendingPathComponent("compare")
        let compare = try await AsyncBinary.run(["compare", fleetReports.appendingPathComponent("rj-v3-32").path, fleetReports.appendingPathComponent("sp-prod").path, "--report-dir", compared.path])
        #expect([0, 1].contains(compare.exitCode), "\(compare.stdout) \(compare.stderr)")
        let plain = try await AsyncBinary.run(["run", "--simulator", "--filter", "deactivate.*", "--report-dir", root.appendingPathComponent("plain").path])
        #expect(plain.exitCode == 0)

        let summaries = ["sp-prod", "rj-v3-32", "down"].map { fleetReports.appendingPathComponent($0).appendingPathComponent("summary.json") }
            + [root.appendingPathComponent("plain/summary.json")]
        try Self.expectValid("summary.schema.json", summaries)
        try Self.expectValid("fleet.schema.json", [fleetReports.appendingPathComponent("fleet.json"), merged.appendingPathComponent("fleet.json")])
        try Self.expectValid("compare.schema.json", [compared.appendingPathComponent("compare.json")])
        try Self.expectValid("fleet-file.schema.json", [fleet.file])

        // The fleet names each run; merge and compare carry the name.
        let named = try JSONParser.parse(Array(Data(contentsOf: summaries[0])))
        #expect(named["name"]?.stringValue == "sp-prod")
        let comparison = try JSONParser.parse(Array(Data(contentsOf: compared.appendingPathComponent("compare.json"))))
        #expect(comparison["before"]?["name"]?.stringValue == "rj-v3-32")
    }

    @Test("the schemas bite: a summary.json missing a member, with an unknown one or a wrong type fails")
    func schemasRefuse() throws {
        let directory = TestDirectory.make("schema-refuse")
        defer { TestDirectory.remove(directory) }
        let run = try BinaryHarness.run(["run", "--simulator", "--filter", "activate.success"])
        let text = try String(contentsOf: run.reportDirectory.appendingPathComponent("summary.json"), encoding: .utf8)
        let broken = [
            text.replacingOccurrences(of: "\"restoreFailed\"", with: "\"restoreFailedd\""),
            text.replacingOccurrences(of: "\"exitCode\": 0", with: "\"exitCode\": \"0\""),
            text.replacingOccurrences(of: "\"countsAs\": \"passed\"", with: "\"countsAs\": \"green\""),
            text.replacingOccurrences(of: "\"skipCause\": null", with: "\"skipCause\": \"the-weather\""),
        ]
        var files: [URL] = []
        for (index, variant) in broken.enumerated() {
            #expect(variant != text, "variant \(index) changed nothing")
            let file = directory.appendingPathComponent("\(index).json")
            try Data(variant.utf8).write(to: file)
            files.append(file)
        }
        let valid = directory.appendingPathComponent("valid.json")
        try Data(text.utf8).write(to: valid)
        // skipCause is null (above) or one of its words.
        let skipped = directory.appendingPathComponent("skip-cause.json")
        let withCause = text.replacingOccurrences(of: "\"skipCause\": null", with: "\"skipCause\": \"token-lifetime\"")
        #expect(withCause != text)
        try Data(withCause.utf8).write(to: skipped)
        // A summary written before skipCause was added lacks it, and is still schema version 1.
        let older = directory.appendingPathComponent("older.json")
        let withoutCause = text.replacingOccurrences(of: ",\n      \"skipCause\": null", with: "")
        #expect(withoutCause != text)
        try Data(withoutCause.utf8).write(to: older)
        let errors = try Self.errors("summary.schema.json", files + [valid, skipped, older])
        #expect(errors[valid.path] == [])
        #expect(errors[skipped.path] == [])
        #expect(errors[older.path] == [])
        for file in files { #expect(errors[file.path]?.isEmpty == false, "the schema accepts \(file.lastPathComponent)") }
    }
}
