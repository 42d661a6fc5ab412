import Foundation
import MySafeConformance
import TestSupport
import Testing

/// A valid case file; the broken cases below are small edits of it.
let catalogueValidCase = """
    {
      "id": "activate.sample",
      "title": "A sample case",
      "kind": "contract",
      "tags": ["activate"],
      "docs": [{"seed": "003_88e9082276f05d47.txt", "section": "Response"}],
      "fixtures": ["secret"],
      "identities": ["owner"],
      "given": {"secret": "inactive"},
      "steps": [
        {
          "name": "activate",
          "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
          "expect": {"status": 200, "envelope": "success", "message": {"profile": "activate.success"}, "state": {"secret": "active"}}
        }
      ]
    }

    """

/// The valid case with `replacements` applied (each must match).
func catalogueEditedCase(_ replacements: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    var text = catalogueValidCase
    for (old, new) in replacements {
        #expect(text.contains(old), "the edit \(old) does not apply", sourceLocation: sourceLocation)
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}

/// Loads `files` with the built-in profiles and returns the problems (empty when it loads).
func catalogueProblems(_ files: [(path: String, bytes: [UInt8])]) throws -> [Problem] {
    let profiles = try CatalogueLoader.loadBuiltIn().profiles
    do {
        _ = try CatalogueLoader.load(files: files, origin: "test", fallbackProfiles: profiles)
        return []
    } catch {
        return error.problems
    }
}

/// One malformed input and the problems it must produce, as `(path, message fragment)`.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [(path: String, bytes: [UInt8])]
    /// Each expected problem: the file, the JSON path (or location) and a fragment of the message.
    var expected: [(file: String, path: String, fragment: String)]
    /// The exact number of problems, when it matters.
    var count: Int?

    var testDescription: String { name }

    init(_ name: String, file: String = "activate/sample.json", text: String, count: Int? = nil,
         _ expected: [(String, String)]) {
        self.init(name, files: [(file, Array(text.utf8))], count: count, expected.map { (file, $0.0, $0.1) })
    }

    init(_ name: String, files: [(path: String, bytes: [UInt8])], count: Int? = nil,
         _ expected: [(file: String, path: String, fragment: String)]) {
        self.name = name
        self.files = files
        self.expected = expected
        self.count = count
    }
}

@Suite("Catalogue: validation of malformed case files")
struct CatalogueValidationTests {
    static let deepNesting = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)

    static let brokenCases: [BrokenCase] = [
        BrokenCase("JSON syntax error (trailing comma)", text: catalogueEditedCase([("\"tags\": [\"activate\"],", "\"tags\": [\"activate\",],")]), count: 1, [
            ("line 5, column 23", "invalid JSON: unexpected ']'; expected a value"),
        ]),
        BrokenCase("wrong type: status is a boolean", text: catalogueEditedCase([("\"status\": 200", "\"status\": true")]), count: 1, [
            ("$.steps[0].expect.status", "expected an integer 100-599, a list of them, \"4xx\" or \"!2xx\"; got boolean"),
        ]),
        BrokenCase("wrong types: title, tags, repeat", text: catalogueEditedCase([
            ("\"title\": \"A sample case\"", "\"title\": 7"), ("\"tags\": [\"activate\"]", "\"tags\": \"activate\""),
            ("\"name\": \"activate\",", "\"name\": \"activate\", \"repeat\": 0,"),
        ]), count: 3, [
            ("$.title", "expected a string; got integer"), ("$.tags", "expected an array of tag strings; got string"),
            ("$.steps[0].repeat", "expected an integer 1-100; got 0"),
        ]),
        BrokenCase("unknown key with a suggestion", text: catalogueEditedCase([("\"title\":", "\"titel\":")]), count: 2, [
            ("$.titel", "unknown key \"titel\"; did you mean \"title\"?"), ("$", "missing required key \"title\""),
        ]),
        BrokenCase("unknown key inside a step, with a suggestion", text: catalogueEditedCase([("\"envelope\":", "\"envelop\":")]), count: 1, [
            ("$.steps[0].expect.envelop", "did you mean \"envelope\"?"),
        ]),
        BrokenCase("missing required fields", text: """
            {"id": "activate.sample", "kind": "contract", "tags": []}
            """, count: 3, [
            ("$", "missing required key \"title\""), ("$", "missing required key \"docs\""), ("$", "missing required key \"steps\""),
        ]),
        BrokenCase("unbalanced template braces", text: catalogueEditedCase([("active/{secret}", "active/{secret")]), count: 1, [
            ("$.steps[0].request.path", "unbalanced braces: '{' is never closed"),
        ]),
        BrokenCase("'}' without '{' and a path without a leading slash", text: catalogueEditedCase([("\"/api/mysafe/secretapi/active/{secret}\"", "\"api/x}/{secret}\"")]), [
            ("$.steps[0].request.path", "a path must start with '/'"), ("$.steps[0].request.path", "'}' without a matching '{'"),
        ]),
        BrokenCase("undeclared fixture variable", text: catalogueEditedCase([("active/{secret}", "active/{foreignSecret}")]), count: 1, [
            ("$.steps[0].request.path", "fixture variable {foreignSecret} is not declared in $.fixtures"),
        ]),
        BrokenCase("unknown fixture variable with a suggestion", text: catalogueEditedCase([("active/{secret}", "active/{secrt}")]), count: 1, [
            ("$.steps[0].request.path", "unknown fixture variable \"{secrt}\"; did you mean \"{secret}\"?"),
        ]),
        BrokenCase("undeclared identity", text: catalogueEditedCase([("\"identity\": \"owner\"", "\"identity\": \"outsider\"")]), count: 1, [
            ("$.steps[0].request.identity", "identity \"outsider\" is not declared in $.identities"),
        ]),
        BrokenCase("identifier rule misspelt, with a suggestion", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"sufix\", \"text\": \"abc\"}]},")]), count: 1, [
            ("$.steps[0].each.identifier[0].rule", "unknown identifier rule \"sufix\"; did you mean \"suffix\"?"),
        ]),
        BrokenCase("identifier rule key misspelt, and a key another rule takes", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"pad\", \"widht\": 2048, \"with\": \"0\"}, {\"rule\": \"suffix\", \"text\": \"/\", \"base\": 16}]},")]), [
            ("$.steps[0].each.identifier[0].widht", "unknown key for rule \"pad\" \"widht\"; did you mean \"width\"?"),
            ("$.steps[0].each.identifier[0]", "rule \"pad\" needs \"width\""),
            ("$.steps[0].each.identifier[1].base", "unknown key for rule \"suffix\" \"base\""),
        ]),
        BrokenCase("each misspelt, with a suggestion", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"methods\": [\"PUT\"]},")]), [
            ("$.steps[0].each.methods", "unknown key \"methods\"; did you mean \"method\"?"),
        ]),
        BrokenCase("each.method with request.method, a lowercase method, and repeat besides", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"repeat\": 2, \"each\": {\"method\": [\"PUT\", \"patch\"]},")]), [
            ("$.steps[0].request.method", "leave \"method\" out"),
            ("$.steps[0].each.method[1]", "expected an uppercase HTTP method"),
            ("$.steps[0]", "give only one of \"repeat\", \"each\""),
        ]),
        BrokenCase("identifier rules that derive the same identifier, and bad parameters", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"add\", \"value\": \"2^32\"}, {\"rule\": \"radix\", \"base\": 40}, {\"rule\": \"digits\", \"script\": \"arabic\"}]},")]), [
            ("$.steps[0].each.identifier[0].value", "expected a decimal number as a string of 1-40 digits"),
            ("$.steps[0].each.identifier[1].base", "expected an integer 2-36"),
            ("$.steps[0].each.identifier[2].script", "unknown digit script \"arabic\""),
        ]),
        BrokenCase("identifier rules without a class, with a misspelt class, and a percent-encoding that is not the same number", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"suffix\", \"text\": \"abc\"}, {\"rule\": \"prefix\", \"text\": \"0\", \"class\": \"same-numbr\"}, {\"rule\": \"percent-encode\", \"class\": \"other-number\"}]},")]), count: 3, [
            ("$.steps[0].each.identifier[0]", "missing required key \"class\""),
            ("$.steps[0].each.identifier[1].class", "unknown identifier class \"same-numbr\"; did you mean \"same-number\"?"),
            ("$.steps[0].each.identifier[2].class", "its class is \"same-number\""),
        ]),
        BrokenCase("the same identifier twice", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"prefix\", \"text\": \"0\", \"class\": \"same-number\"}, {\"rule\": \"pad\", \"width\": 3, \"with\": \"0\", \"class\": \"same-number\"}]},")]), count: 1, [
            ("$.steps[0].each.identifier[1]", "derives the same identifier as rule 0"),
        ]),
        BrokenCase("concurrent out of range", text: catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"concurrent\": 1,")]), count: 1, [
            ("$.steps[0].concurrent", "expected an integer 2-64 (requests sent at the same time); got 1"),
        ]),
        BrokenCase("serverError misspelt, and a list of profile keys with a typo", text: catalogueEditedCase([("\"state\": {\"secret\": \"active\"}", "\"serverError\": \"warm\""), ("{\"profile\": \"activate.success\"}", "{\"profile\": [\"activate.success\", \"activate.alreadyActiv\"]}")]), [
            ("$.steps[0].expect.serverError", "unknown serverError policy \"warm\"; did you mean \"warn\"?"),
            ("$.steps[0].expect.message.profile[1]", "did you mean \"activate.alreadyActive\"?"),
        ]),
        BrokenCase("unknown profile key with a suggestion", text: catalogueEditedCase([("\"activate.success\"", "\"activate.sucess\"")]), count: 1, [
            ("$.steps[0].expect.message.profile", "unknown profile message key \"activate.sucess\"; did you mean \"activate.success\"?"),
        ]),
        BrokenCase("unknown gateway key", text: catalogueEditedCase([("{\"profile\": \"activate.success\"}", "{\"gateway\": [\"noRoute\", \"unauthorised\"]}")]), count: 1, [
            ("$.steps[0].expect.message.gateway[1]", "unknown gateway message key \"unauthorised\""),
        ]),
        BrokenCase("unknown enum values list what is allowed", text: catalogueEditedCase([
            ("\"kind\": \"contract\"", "\"kind\": \"contrat\""), ("\"envelope\": \"success\"", "\"envelope\": \"sucess\""),
            ("\"given\": {\"secret\": \"inactive\"}", "\"given\": {\"secret\": \"off\"}"),
        ]), count: 3, [
            ("$.kind", "unknown kind \"contrat\"; did you mean \"contract\"? Allowed: \"contract\", \"probe\""),
            ("$.steps[0].expect.envelope", "did you mean \"success\"?"),
            ("$.given.secret", "unknown state \"off\"; allowed: \"active\", \"inactive\""),
        ]),
        BrokenCase("a file with three problems reports exactly three", text: catalogueEditedCase([
            ("\"kind\": \"contract\"", "\"kind\": 1"), ("\"method\": \"POST\"", "\"method\": \"post\""),
            ("\"state\": {\"secret\": \"active\"}", "\"state\": {\"secret\": \"on\"}"),
        ]), count: 3, [
            ("$.kind", "expected a string"), ("$.steps[0].request.method", "uppercase HTTP method"), ("$.steps[0].expect.state.secret", "unknown state expectation \"on\""),
        ]),
        BrokenCase("duplicate ids name both files", files: [
            ("activate/sample.json", Array(catalogueValidCase.utf8)),
            ("activate/copy.json", Array(catalogueValidCase.utf8)),
        ], count: 2, [
            ("activate/copy.json", "$.id", "does not match the file: activate/copy.json must have id \"activate.copy\""),
            ("activate/sample.json", "$.id", "duplicate id \"activate.sample\": also declared by activate/copy.json"),
        ]),
        BrokenCase("id does not match the folder", file: "deactivate/sample.json", text: catalogueValidCase, count: 1, [
            ("$.id", "id \"activate.sample\" does not match the file: deactivate/sample.json must have id \"deactivate.sample\""),
        ]),
        BrokenCase("invalid UTF-8", files: [("activate/sample.json", Array(catalogueValidCase.utf8.prefix(30)) + [0xC3, 0x28] + Array(catalogueValidCase.utf8.dropFirst(30)))], count: 1, [
            ("activate/sample.json", "line 3, column 2", "the file is not valid UTF-8 (byte 0xC3)"),
        ]),
        BrokenCase("NUL bytes", files: [("activate/sample.json", [0x7B, 0x0A, 0x00, 0x00, 0x7D])], count: 1, [
            ("activate/sample.json", "line 2, column 1", "NUL byte"),
        ]),
        BrokenCase("a 2 MB file", files: [("activate/sample.json", [UInt8](repeating: 0x20, count: 2 << 20))], count: 1, [
            ("activate/sample.json", "", "the file is 2097152 bytes; a case file is at most 1 MiB"),
        ]),
        BrokenCase("10 000-deep nesting", text: deepNesting, count: 1, [
            ("line 1, column 129", "invalid JSON: nesting deeper than 128 levels"),
        ]),
        BrokenCase("a number too large for a double", text: catalogueEditedCase([("\"status\": 200", "\"status\": 1e999")]), count: 1, [
            ("line 14", "invalid JSON: number 1e999 is out of range"),
        ]),
        BrokenCase("a huge integer status", text: catalogueEditedCase([("\"status\": 200", "\"status\": 123456789012345678901234567890")]), count: 1, [
            ("$.steps[0].expect.status", "got number"),
        ]),
        BrokenCase("an empty file", text: "", count: 1, [("", "the file is empty")]),
        BrokenCase("not an object", text: "[1, 2]", count: 1, [("$", "expected a case object; got array")]),
        BrokenCase("empty docs and a malformed seed", text: catalogueEditedCase([("\"kind\": \"contract\",", "\"kind\": \"contract\", \"drift\": [\"D7\"],")]).replacingOccurrences(of: "[{\"seed\": \"003_88e9082276f05d47.txt\", \"section\": \"Response\"}]", with: "[]"), count: 2, [
            ("$.docs", "expected at least one element"), ("$.drift[0]", "unknown drift id \"D7\""),
        ]),
        BrokenCase("a seed not of the form NNN_<hex>.txt", text: catalogueEditedCase([("003_88e9082276f05d47.txt", "enable-api-secret.md")]), count: 1, [
            ("$.docs[0].seed", "expected a seed file name of the form NNN_<hex>.txt"),
        ]),
        BrokenCase("state and given only for declared pool secrets", text: catalogueEditedCase([
            ("\"given\": {\"secret\": \"inactive\"}", "\"given\": {\"foreignSecret\": \"inactive\"}"),
            ("\"fixtures\": [\"secret\"]", "\"fixtures\": []"),
        ]), count: 3, [
            ("$.given.foreignSecret", "given applies only to \"secret\""),
            ("$.steps[0].request.path", "fixture variable {secret} is not declared"),
            ("$.steps[0].expect.state.secret", "fixture role \"secret\" is not declared in $.fixtures"),
        ]),
        BrokenCase("token requests take no method or path", text: catalogueEditedCase([
            ("\"request\": {\"method\": \"POST\", \"path\": \"/api/mysafe/secretapi/active/{secret}\", \"identity\": \"owner\"}",
             "\"request\": {\"token\": true, \"method\": \"GET\", \"identity\": \"forged\"}"),
        ]), [
            ("$.steps[0].request.method", "does not apply to a token request"),
            ("$.steps[0].request.identity", "a token request needs a configured identity"),
        ]),
        BrokenCase("a status string that is no class", text: catalogueEditedCase([("\"status\": 200", "\"status\": \"2XX\"")]), count: 1, [
            ("$.steps[0].expect.status", "expected an integer 100-599, a list of them, \"4xx\" or \"!2xx\"; got \"2XX\""),
        ]),
        BrokenCase("a status list with a bad element", text: catalogueEditedCase([("\"status\": 200", "\"status\": [400, \"401\", 99]")]), count: 2, [
            ("$.steps[0].expect.status[1]", "expected an integer 100-599"), ("$.steps[0].expect.status[2]", "got 99"),
        ]),
        BrokenCase("state without owner declared", text: catalogueEditedCase([
            ("\"identities\": [\"owner\"]", "\"identities\": []"), ("\"identity\": \"owner\"", "\"identity\": \"none\""),
        ]), count: 1, [
            ("$.identities", "declare \"owner\""),
        ]),
        BrokenCase("a duplicate key", text: catalogueEditedCase([("\"kind\": \"contract\",", "\"kind\": \"contract\", \"kind\": \"probe\",")]), count: 1, [
            ("line 4", "duplicate key \"kind\""),
        ]),
    ]

    @Test("Each malformed input names the file and the JSON path of every problem", arguments: brokenCases)
    func broken(_ broken: BrokenCase) throws {
        let problems = try catalogueProblems(broken.files)
        #expect(!problems.isEmpty, "\(broken.name) loaded")
        for expected in broken.expected {
            #expect(
                problems.contains { $0.file == expected.file && ($0.path ?? "").hasPrefix(expected.path) && $0.message.contains(expected.fragment) },
                "no problem \(expected.file): \(expected.path): …\(expected.fragment)…; got:\n\(problems.map(\.description).joined(separator: "\n"))")
        }
        if let count = broken.count {
            #expect(problems.count == count, "expected \(count) problems; got:\n\(problems.map(\.description).joined(separator: "\n"))")
        }
        for problem in problems {
            #expect(problem.description.hasPrefix((problem.file ?? "") + ": "))
        }
    }

    @Test("The valid sample loads (the edits above are what breaks it)")
    func validSampleLoads() throws {
        #expect(try catalogueProblems([("activate/sample.json", Array(catalogueValidCase.utf8))]).isEmpty)
    }

    @Test("Loading is all or nothing: one bad file among good ones fails the whole load, problems in file order")
    func allOrNothing() throws {
        let good = try catalogueSourceFiles().filter { !$0.path.hasPrefix("profiles/") && !$0.path.hasSuffix(".schema.json") }
        let bad: [(path: String, bytes: [UInt8])] = [
            ("activate/zz-bad.json", Array(catalogueEditedCase([("\"status\": 200", "\"status\": true")]).utf8)),
            ("activate/aa-bad.json", Array("{".utf8)),
        ]
        let problems = try catalogueProblems(good + bad)
        #expect(problems.map(\.file) == ["activate/aa-bad.json", "activate/zz-bad.json", "activate/zz-bad.json"])
    }

    @Test("Problem text has the form file: path: message")
    func problemDescription() throws {
        let problems = try catalogueProblems([
            ("activate/success.json", Array(catalogueEditedCase([("\"status\": 200", "\"status\": true"), ("activate.sample", "activate.success")]).utf8))
        ])
        #expect(problems.map(\.description) == [
            "activate/success.json: $.steps[0].expect.status: expected an integer 100-599, a list of them, \"4xx\" or \"!2xx\"; got boolean"
        ])
    }

    @Test("Broken profiles: unknown keys, unknown parent, cycles, missing messages")
    func brokenProfiles() throws {
        let sample: (path: String, bytes: [UInt8]) = ("activate/sample.json", Array(catalogueValidCase.utf8))
        func profile(_ id: String, _ body: String) -> (path: String, bytes: [UInt8]) {
            ("profiles/\(id).json", Array("{\"id\": \"\(id)\", \"title\": \"t\", \"docs\": [{\"seed\": \"000_e35a1aba2a069d21.txt\", \"section\": \"Errors\"}]\(body)}".utf8))
        }
        let full = ", \"messages\": {\"activate.success\": \"a\", \"deactivate.success\": \"d\", \"error.notFound\": \"n\", \"error.noAccess\": \"x\"}, \"gateway\": {\"noRoute\": [\"r\"]}"
        let problems = try catalogueProblems([
            sample,
            profile("good", full),
            profile("child", ", \"inherits\": \"goood\""),
            profile("a", ", \"inherits\": \"b\""),
            profile("b", ", \"inherits\": \"a\""),
            profile("thin", ", \"messages\": {\"activate.sucess\": \"a\"}, \"gateway\": {\"noRoute\": []}, \"codeOptionalFor\": [\"deactivate.success\"]"),
            ("profiles/misnamed.json", profile("other", full).bytes),
        ]).map(\.description)
        let expected = [
            "profiles/child.json: $.inherits: unknown parent profile \"goood\"; did you mean \"good\"?",
            "inheritance cycle: a -> b -> a",
            "profiles/thin.json: $.messages[\"activate.sucess\"]: unknown key \"activate.sucess\"; did you mean \"activate.success\"?",
            "profiles/thin.json: $.gateway.noRoute: expected at least one element",
            "profiles/misnamed.json: $.id: id \"other\" does not match the file",
        ]
        for fragment in expected {
            #expect(problems.contains { $0.contains(fragment) }, "missing \(fragment) in\n\(problems.joined(separator: "\n"))")
        }
        let child = try catalogueProblems([sample, profile("good", full), profile("child", ", \"inherits\": \"good\", \"messages\": {\"activate.success\": \"A\"}")])
        #expect(child.isEmpty)
        let missing = try catalogueProblems([sample, profile("bare", "")]).map(\.description)
        #expect(missing.contains("profiles/bare.json: $.messages: missing message \"activate.success\" (neither this profile nor the one it inherits defines it)"))
        #expect(missing.contains { $0.contains("missing gateway message \"noRoute\"") })
    }

    @Test("No input crashes the loader: 2 000 random mutations of a valid case")
    func randomMutationsNeverCrash() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let base = Array(catalogueValidCase.utf8)
        let profiles = try CatalogueLoader.loadBuiltIn().profiles
        let alphabet = Array("{}[]\",:0123456789-.eE truefalsnul\\u{".utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        var loaded = 0
        for _ in 0..<2_000 {
            var bytes = base
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            do {
                _ = try CatalogueLoader.load(files: [("activate/sample.json", bytes)], origin: "fuzz", fallbackProfiles: profiles)
                loaded += 1
            } catch {
                #expect(!error.problems.isEmpty)
            }
        }
        #expect(loaded < 2_000)
    }
}
