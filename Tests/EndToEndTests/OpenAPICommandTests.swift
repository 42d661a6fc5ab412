import Foundation
import MySafeJSON
import Testing

/// `mysafe-conformance openapi` through the built binary: the document on standard output, the files of
/// `--report-dir`, the diff, and bad input answered with exit 2 and a message saying what to do.
@Suite("openapi through the binary")
struct OpenAPICommandTests {
    @Test("--profile v4 prints the v4 document; --report-dir writes one file per profile")
    func export() throws {
        let printed = try BinaryHarness.run(["openapi", "--profile", "v4"], timeout: 60)
        #expect(printed.exitCode == 0, "\(printed.stderr)")
        let document = try JSONParser.parse(Array(printed.stdout.utf8))
        #expect(document["openapi"] == "3.1.0")
        #expect(document["info"]?["version"] == "v4")
        #expect(document["components"]?["parameters"]?["identifier"]?["schema"]?["type"] == "integer")

        let directory = BinaryHarness.temporaryDirectory("openapi")
        let written = try BinaryHarness.run(["openapi", "--report-dir", directory.path], timeout: 60)
        #expect(written.exitCode == 0, "\(written.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["openapi-v3-32.json", "openapi-v3-33.json", "openapi-v4.json"])
        #expect(written.stdout.split(separator: "\n").count == 3 && written.stdout.contains("wrote \(directory.path)/openapi-v4.json"))
        let v4 = try String(contentsOf: directory.appendingPathComponent("openapi-v4.json"), encoding: .utf8)
        #expect(v4 == printed.stdout, "the file and the printed document differ")
        let v332 = try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("openapi-v3-32.json"))))
        #expect(v332["components"]?["parameters"]?["identifier"]?["schema"]?["type"] == "string")

        let one = BinaryHarness.temporaryDirectory("openapi-one")
        let single = try BinaryHarness.run(["openapi", "--profile", "v3-32", "--report-dir", one.path], timeout: 60)
        #expect(single.exitCode == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: one.path) == ["openapi-v3-32.json"])
    }

    @Test("--diff v3-32 v4 names the identifier type, the top-level code and the message texts")
    func diff() throws {
        let result = try BinaryHarness.run(["openapi", "--diff", "v3-32", "v4"], timeout: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        for fragment in [
            "identifier type: identifier (drift D2)", "v3-32: string", "v4:    integer",
            "code: deactivate.success (drift D3)", "\"API secret  successfully deactivated\"", "\"Api secret successfully deactivated\"",
            "token endpoint: token endpoint (drift D5)",
        ] {
            #expect(result.stdout.contains(fragment), "missing \(fragment) in\n\(result.stdout)")
        }
        let json = try BinaryHarness.run(["openapi", "--diff", "v3-32", "v4", "--json"], timeout: 60)
        #expect(json.exitCode == 0)
        let changes = try #require(try JSONParser.parse(Array(json.stdout.utf8))["changes"]?.arrayValue)
        #expect(changes.contains { $0["topic"] == "identifier type" && $0["drift"] == "D2" })
    }

    @Test("bad input: exit 2 and a message that says what to do", arguments: [
        (["openapi", "--profile", "v9"], "error: --profile: unknown profile 'v9' (did you mean 'v4'?); profiles: v3-32, v3-33, v4"),
        (["openapi", "--profile", "auto"], "error: --profile: unknown profile 'auto'; profiles: v3-32, v3-33, v4; 'auto' detects"),
        (["openapi"], "error: openapi: name one --profile (v3-32, v3-33, v4) to print its document, or give --report-dir DIR"),
        (["openapi", "v4"], "error: openapi: unexpected argument 'v4'; arguments are taken only with --diff (did you mean '--profile v4'?)"),
        (["openapi", "--diff", "v3-32"], "error: openapi --diff: expected two profiles"),
        (["openapi", "--diff", "v3-32", "v5"], "error: openapi --diff: unknown profile 'v5' (did you mean 'v4'?)"),
        (["openapi", "--diff", "v3-32", "v4", "--profile", "v4"], "error: openapi --diff: --profile does not apply to a diff"),
        (["openapi", "--profile", "v4", "--json"], "error: openapi: --json applies to --diff"),
        (["openapi", "--profle", "v4"], "error: openapi: unknown option '--profle' (did you mean '--profile'?)"),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let result = try BinaryHarness.run(arguments, timeout: 60)
        #expect(result.exitCode == 2, "\(arguments): exit \(result.exitCode)")
        #expect(result.stderr.hasPrefix(message), "\(arguments):\n\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a report directory that cannot be made is exit 2 naming it")
    func unwritable() throws {
        let file = BinaryHarness.temporaryDirectory("openapi-file").appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        let result = try BinaryHarness.run(["openapi", "--report-dir", file.path + "/sub"], timeout: 60)
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("\(file.path)/sub: error: cannot create the report directory (--report-dir)"), "\(result.stderr)")
    }
}
