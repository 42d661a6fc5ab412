import Foundation
import MySafeJSON
import Testing
import TestSupport

@testable import MySafeConformance

@Suite("Document reader")
struct DocumentReaderTests {
    static let kind = DocumentReader.Kind(name: "fleet file", maximumBytes: 64, maximumDepth: 4)

    /// The problems of reading `text` as `kind`, as `PATH: MESSAGE` (`-` for no path).
    static func parseProblems(_ bytes: [UInt8]) -> [String] {
        var reader = DocumentReader(file: "f.json")
        #expect(reader.parse(bytes, kind: kind) == nil)
        #expect(reader.problems.allSatisfy { $0.file == "f.json" })
        return reader.problems.map { "\($0.path ?? "-"): \($0.message)" }
    }

    @Test("the file as a whole: size, emptiness, UTF-8, NUL bytes and JSON syntax, each with line and column")
    func wholeFile() {
        #expect(Self.parseProblems(Array(repeating: 0x20, count: 65)) == ["-: the file is 65 bytes; a fleet file is at most 64 bytes"])
        #expect(Self.parseProblems(Array(" \n\t".utf8)) == ["-: the file is empty; expected a JSON object"])
        #expect(Self.parseProblems([0x7B, 0x0A, 0x22, 0xC3, 0x22, 0x7D]) == ["line 2, column 2: the file is not valid UTF-8 (byte 0xC3)"])
        #expect(Self.parseProblems([0x7B, 0x0A, 0x20, 0x00, 0x7D]) == ["line 2, column 2: the file contains a NUL byte; fleet files are JSON text"])
        #expect(Self.parseProblems(Array("{\n  \"a\": ]\n}".utf8)) == ["line 2, column 8: invalid JSON: unexpected ']'; expected a value"])
        #expect(Self.parseProblems(Array("[[[[[1]]]]]".utf8)).first?.hasPrefix("line 1, column 5: invalid JSON: nesting deeper than 4") == true)
        var reader = DocumentReader(file: "f.json")
        #expect(reader.parse(Array("{\"a\": 1}".utf8), kind: Self.kind) == ["a": 1])
        #expect(reader.problems.isEmpty)
    }

    @Test("a file on disk: unreadable with what to check, too large refused unread")
    func fromDisk() throws {
        let directory = TestDirectory.make("document-reader")
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.json").path
        var reader = DocumentReader(file: missing)
        let kind = DocumentReader.Kind(name: "fleet file", unreadableAdvice: "check the path given to 'fleet'")
        #expect(reader.load(kind: kind) == nil)
        #expect(reader.problems == [Problem(file: missing, message: "cannot read the fleet file (no such file)", suggestion: "check the path given to 'fleet'")])

        let large = directory.appendingPathComponent("large.json")
        try Data(count: 100).write(to: large)
        var small = DocumentReader(file: large.path)
        #expect(small.load(kind: Self.kind) == nil)
        #expect(small.problems.map(\.message) == ["the file is 100 bytes; a fleet file is at most 64 bytes"])

        // Through a symbolic link (whose own size is its target's name), and a device that never ends:
        // refused after reading one byte over the limit, never read whole.
        let link = directory.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: large)
        var linked = DocumentReader(file: link.path)
        #expect(linked.load(kind: Self.kind) == nil)
        #expect(linked.problems.map(\.message) == ["the file is 100 bytes; a fleet file is at most 64 bytes"])
        #expect(try DocumentReader.readBounded(large.path, maximumBytes: 64).count == 65)
        if FileManager.default.fileExists(atPath: "/dev/zero") {
            var endless = DocumentReader(file: "/dev/zero")
            #expect(endless.load(kind: Self.kind) == nil)
            #expect(endless.problems.map(\.message) == ["the file is 65 bytes; a fleet file is at most 64 bytes"])
        }

        let good = directory.appendingPathComponent("good.json")
        try Data(#"{"targets": []}"#.utf8).write(to: good)
        var fine = DocumentReader(file: good.path)
        #expect(fine.load(kind: Self.kind) == ["targets": []])
        #expect(fine.problems.isEmpty)
    }

    static let document: JSONValue = [
        "targets": [
            ["name": "a", "config": "a.json"],
            ["name": "b", "config": "b.json"],
            ["name": "c", "config": 3],
        ],
        "fixtures": ["secrets": [["id": -1, "state": "on"]], "retries": 2, "strict": "yes"],
        "nmae": "x",
    ]

    @Test("members are read through a keyed cursor that names each one by its path, and every problem is kept")
    func keyedCursor() throws {
        var reader = DocumentReader(file: "fleet.json")
        let read = reader.object(Self.document, at: .root, allowed: ["targets", "fixtures", "name"], required: ["name", "targets"])
        let root = try #require(read)
        let configs = reader.array(root, "targets", nonEmpty: true) { reader, element, path -> String? in
            guard let target = reader.object(element, at: path, allowed: ["name", "config"], required: ["name", "config"]) else { return nil }
            return reader.string(target, "config", what: "the path of a configuration file")
        }
        #expect(configs == nil, "one element is wrong, so the array is")
        let readFixtures = reader.object(root, "fixtures", allowed: ["secrets", "retries", "strict"])
        let fixtures = try #require(readFixtures)
        let ids = reader.array(fixtures, "secrets") { reader, element, path -> Int? in
            guard let secret = reader.object(element, at: path, allowed: ["id", "state"], required: ["id"]) else { return nil }
            _ = reader.oneOf(secret, "state", what: "state", allowed: ["active", "inactive"])
            return reader.integer(secret, "id", in: 0...Int.max, what: "a non-negative integer id")
        }
        #expect(ids == nil)
        #expect(reader.integer(fixtures, "retries", in: 0...5) == 2)
        #expect(reader.integer(fixtures, "retries", in: 3...5) == nil)
        #expect(reader.bool(fixtures, "strict") == nil)
        #expect(reader.string(root, "absent") == nil, "an absent optional member is no problem")
        #expect(reader.problems.allSatisfy { $0.file == "fleet.json" })
        #expect(reader.problems.map { "\($0.path ?? "-"): \($0.message)" } == [
            #"$.nmae: unknown key "nmae"; did you mean "name"? Allowed: "targets", "fixtures", "name""#,
            #"$: missing required key "name""#,
            "$.targets[2].config: expected the path of a configuration file; got integer",
            #"$.fixtures.secrets[0].state: unknown state "on"; allowed: "active", "inactive""#,
            "$.fixtures.secrets[0].id: expected a non-negative integer id; got -1",
            "$.fixtures.retries: expected an integer 3-5; got 2",
            "$.fixtures.strict: expected true or false; got string",
        ])
    }

    @Test("wrong types of containers, empty and duplicate elements, strings too long or blank")
    func values() {
        var reader = DocumentReader(file: "x.json")
        #expect(reader.object([1], at: .root, allowed: []) == nil)
        #expect(reader.map("text", at: JSONPath.root / "identities", what: "an object of identities") == nil)
        #expect(reader.array(["a", "a"], at: JSONPath.root / "tags", unique: true) { r, v, p in r.string(v, at: p) } == nil)
        #expect(reader.array([], at: JSONPath.root / "docs", nonEmpty: true) { r, v, p in r.string(v, at: p) } == nil)
        #expect(reader.string("  ", at: JSONPath.root / "title") == nil)
        #expect(reader.string("abcdef", at: JSONPath.root / "name", maximumBytes: 5) == nil)
        #expect(reader.number(.float(0.5), at: JSONPath.root / "timeout", what: "seconds, more than 1", where: { $0 > 1 }) == nil)
        #expect(reader.number(.integer(2), at: JSONPath.root / "timeout", what: "seconds, more than 1", where: { $0 > 1 }) == 2)
        #expect(reader.oneOf(7, at: JSONPath.root / "kind", what: "kind", allowed: ["contract", "probe"]) == nil)
        #expect(reader.problems.map { "\($0.path ?? "-"): \($0.message)" } == [
            "$: expected an object; got array",
            "$.identities: expected an object of identities; got string",
            #"$.tags[1]: duplicate element "a""#,
            "$.docs: expected at least one element; the array is empty",
            "$.title: expected a non-empty string",
            "$.name: expected a string of at most 5 bytes; got 6",
            "$.timeout: expected seconds, more than 1; got 0.5",
            #"$.kind: expected a string, one of "contract", "probe"; got integer"#,
        ])
    }

    @Test("an unknown key may get its own advice instead of the did-you-mean")
    func advice() {
        var reader = DocumentReader(file: "c.json")
        _ = reader.object(["cafile": "x", "nme": 1], at: .root, allowed: ["name"]) { key in key == "cafile" ? "TLS settings go in \"tls\"" : nil }
        #expect(reader.problems.map { "\($0.path ?? "-"): \($0.message)" } == [
            #"$.cafile: TLS settings go in "tls""#,
            #"$.nme: unknown key "nme"; did you mean "name"? Allowed: "name""#,
        ])
    }
}
