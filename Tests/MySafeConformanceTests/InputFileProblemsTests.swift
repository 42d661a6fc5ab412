import Foundation
import MySafeConformance
import Testing
import TestSupport

/// Every kind of input file reports the same three mistakes the same way, all at once: an unknown key
/// at its own path with a did-you-mean, a wrong type at the member, a missing required key at the object.
@Suite("Input files: one way to report problems")
struct InputFileProblemsTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var kind: String
        /// The file's name and text.
        var file: String
        var text: String
        /// `PATH: MESSAGE` of each problem, in the order reported.
        var expected: [String]
        var testDescription: String { kind }
    }

    static let samples = [
        Sample(
            kind: "configuration", file: "mysafe.json",
            text: #"{"baseURL": "https://pam.example.com", "profle": "v4", "requestTimeoutSeconds": "10", "fixtures": {"secrets": [{"state": "active"}]}}"#,
            expected: [
                #"$.profle: unknown key "profle"; did you mean "profile"?"#,
                #"$.fixtures.secrets[0]: missing required key "id""#,
                #"$.requestTimeoutSeconds: expected seconds, more than 0 and at most 3600; got "10""#,
            ]),
        Sample(
            kind: "case", file: "activate/sample.json",
            text: catalogueEditedCase([("\"title\":", "\"titel\":"), (#""tags": ["activate"]"#, #""tags": "activate""#)]),
            expected: [
                #"$.titel: unknown key "titel"; did you mean "title"?"#,
                #"$: missing required key "title""#,
                "$.tags: expected an array of tag strings; got string",
            ]),
        Sample(
            kind: "profile", file: "profiles/v9.json",
            text: #"{"id": "v9", "titel": "A profile", "docs": "000_e35a1aba2a069d21.txt"}"#,
            expected: [
                #"$.titel: unknown key "titel"; did you mean "title"?"#,
                #"$: missing required key "title""#,
                "$.docs: expected an array of document citations; got string",
            ]),
        Sample(
            kind: "expectations", file: "expectations.json",
            text: #"{"expectations": [{"case": "activate.success", "reasno": "known", "until": 20300101}]}"#,
            expected: [
                #"$.expectations[0].reasno: unknown key "reasno"; did you mean "reason"?"#,
                #"$.expectations[0]: missing required key "reason""#,
                "$.expectations[0].until: expected a date YYYY-MM-DD; got integer",
            ]),
        Sample(
            kind: "fleet", file: "fleet.json",
            text: #"{"targets": [{"name": "a", "confg": "a.json"}, {"name": 7, "config": "b.json"}]}"#,
            expected: [
                #"$.targets[0].confg: unknown key "confg"; did you mean "config"?"#,
                #"$.targets[0]: missing required key "config""#,
                "$.targets[1].name: expected a string; got integer",
            ]),
    ]

    /// The problems of reading `sample` through the loader of its kind.
    static func problems(_ sample: Sample, in directory: URL) throws -> [Problem] {
        let path = directory.appendingPathComponent(sample.file).path
        switch sample.kind {
        case "configuration":
            do {
                _ = try ConfigurationLoader(environment: [:]) { _ in Array(sample.text.utf8) }.load(file: path)
                return []
            } catch { return error.problems }
        case "case", "profile":
            var files = [(path: sample.file, bytes: Array(sample.text.utf8))]
            if sample.kind == "profile" { files.append((path: "activate/sample.json", bytes: Array(catalogueValidCase.utf8))) }
            // Problems of a catalogue's files are named relative to its root.
            return try catalogueProblems(files).map {
                var problem = $0
                problem.file = problem.file.map { directory.appendingPathComponent($0).path }
                return problem
            }
        case "expectations":
            try Data(sample.text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try ExpectationSet.load(file: path)
                return []
            } catch { return error.problems }
        default:
            try Data(sample.text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try FleetFile.load(file: path)
                return []
            } catch { return error.problems }
        }
    }

    @Test("an unknown key, a wrong type and a missing required key are three problems, each naming the file and the path", arguments: samples)
    func threeProblems(_ sample: Sample) throws {
        let directory = TestDirectory.make("input-problems")
        defer { try? FileManager.default.removeItem(at: directory) }
        let problems = try Self.problems(sample, in: directory)
        let path = directory.appendingPathComponent(sample.file).path
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.allSatisfy { $0.file == path && $0.path?.hasPrefix("$") == true }, "\(problems)")
        for (problem, expected) in zip(problems, sample.expected) {
            #expect("\(problem.path ?? ""): \(problem.message)".hasPrefix(expected), "\(problem)")
            #expect(problem.description.hasPrefix("\(path): \(expected)"))
        }
    }
}
