import Foundation
import MySafeConformance
import Testing
import TestSupport

/// Runs Python's `jsonschema` (draft 2020-12) over files; nil when python3 or the package is missing.
enum CatalogueSchemaValidator {
    static let script = """
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=lambda e: list(e.path))
            print(json.dumps({"file": path, "errors": [e.message for e in errors]}))
        """

    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"]))?.status == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The schema errors of each file, by path.
    static func errors(schema: String, files: [String]) throws -> [String: [String]] {
        let result = try run(["-c", script, schema] + files)
        try #require(result.status == 0, "python3 failed: \(result.output)")
        var errors: [String: [String]] = [:]
        for line in result.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let file = try #require(object?["file"] as? String)
            errors[file] = object?["errors"] as? [String] ?? []
        }
        return errors
    }
}

@Suite("Catalogue: the JSON Schemas agree with the loader", .enabled(if: RequiredTool.runs(CatalogueSchemaValidator.isAvailable), "python3 with the jsonschema package is not installed"))
struct CatalogueSchemaTests {
    static let cases = catalogueRepositoryRoot().appendingPathComponent("Cases")

    @Test("Every shipped case and profile validates against its schema")
    func shippedFilesValidate() throws {
        let files = try catalogueSourceFiles().filter { !$0.path.hasSuffix(".schema.json") }
        let caseFiles = files.filter { !$0.path.hasPrefix("profiles/") }.map { Self.cases.appendingPathComponent($0.path).path }
        let profileFiles = files.filter { $0.path.hasPrefix("profiles/") }.map { Self.cases.appendingPathComponent($0.path).path }
        #expect(caseFiles.count > 20 && profileFiles.count == 3)
        for (schema, paths) in [("case.schema.json", caseFiles), ("profile.schema.json", profileFiles)] {
            let errors = try CatalogueSchemaValidator.errors(schema: Self.cases.appendingPathComponent(schema).path, files: paths)
            #expect(errors.count == paths.count)
            for (file, messages) in errors {
                #expect(messages.isEmpty, "\(file) fails \(schema): \(messages)")
            }
        }
    }

    /// Broken cases both the loader and the schema reject.
    static let brokenForBoth: [(String, String)] = [
        ("unknown key", catalogueEditedCase([("\"title\":", "\"titel\":")])),
        ("status boolean", catalogueEditedCase([("\"status\": 200", "\"status\": true")])),
        ("status class typo", catalogueEditedCase([("\"status\": 200", "\"status\": \"2XX\"")])),
        ("status out of range", catalogueEditedCase([("\"status\": 200", "\"status\": 600")])),
        ("unknown kind", catalogueEditedCase([("\"kind\": \"contract\"", "\"kind\": \"contrat\"")])),
        ("unknown envelope", catalogueEditedCase([("\"envelope\": \"success\"", "\"envelope\": \"ok\"")])),
        ("unknown profile key", catalogueEditedCase([("\"activate.success\"", "\"activate.sucess\"")])),
        ("unknown gateway key", catalogueEditedCase([("{\"profile\": \"activate.success\"}", "{\"gateway\": [\"nope\"]}")])),
        ("profile and gateway", catalogueEditedCase([("{\"profile\": \"activate.success\"}", "{\"profile\": \"activate.success\", \"gateway\": [\"noRoute\"]}")])),
        ("missing steps", catalogueEditedCase([("\"steps\":", "\"stepz\":")])),
        ("empty docs", catalogueEditedCase([("[{\"seed\": \"003_88e9082276f05d47.txt\", \"section\": \"Response\"}]", "[]")])),
        ("bad seed", catalogueEditedCase([("003_88e9082276f05d47.txt", "enable.md")])),
        ("repeat zero", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"repeat\": 0,")])),
        ("lowercase method", catalogueEditedCase([("\"method\": \"POST\"", "\"method\": \"post\"")])),
        ("unclosed brace", catalogueEditedCase([("active/{secret}", "active/{secret")])),
        ("unknown fixture variable", catalogueEditedCase([("active/{secret}", "active/{secrt}")])),
        ("unknown identity", catalogueEditedCase([("\"identity\": \"owner\"", "\"identity\": \"admin\"")])),
        ("token with path", catalogueEditedCase([("\"method\": \"POST\", \"path\"", "\"token\": true, \"path\"")])),
        ("given off", catalogueEditedCase([("\"given\": {\"secret\": \"inactive\"}", "\"given\": {\"secret\": \"off\"}")])),
        ("state for missingSecret", catalogueEditedCase([("\"state\": {\"secret\": \"active\"}", "\"state\": {\"missingSecret\": \"active\"}")])),
        ("drift D7", catalogueEditedCase([("\"kind\": \"contract\",", "\"kind\": \"contract\", \"drift\": [\"D7\"],")])),
        ("empty title", catalogueEditedCase([("\"A sample case\"", "\"  \"")])),
        ("identifier rule misspelt", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"sufix\", \"text\": \"abc\"}]},")])),
        ("identifier rule with another rule's key", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"suffix\", \"text\": \"/\", \"base\": 16}]},")])),
        ("pad without width", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"identifier\": [{\"rule\": \"pad\", \"with\": \"0\"}]},")])),
        ("each misspelt", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"each\": {\"methods\": [\"PUT\"]},")])),
        ("concurrent one", catalogueEditedCase([("\"name\": \"activate\",", "\"name\": \"activate\", \"concurrent\": 1,")])),
        ("serverError misspelt", catalogueEditedCase([("\"state\": {\"secret\": \"active\"}", "\"serverError\": \"warning\"")])),
        ("field path with empty component", catalogueEditedCase([("\"state\": {\"secret\": \"active\"}", "\"fields\": {\"exception..code\": 1005}")])),
    ]

    @Test("A set of broken cases fails both the schema and the loader")
    func brokenCasesFailBoth() throws {
        let directory = TestDirectory.make("schema")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String: String] = [:]
        for (index, (name, text)) in Self.brokenForBoth.enumerated() {
            let path = directory.appendingPathComponent("broken-\(index).json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            paths[path] = name
            #expect(!(try catalogueProblems([("activate/sample.json", Array(text.utf8))])).isEmpty, "the loader accepts \(name)")
        }
        let valid = directory.appendingPathComponent("valid.json").path
        try Data(catalogueValidCase.utf8).write(to: URL(fileURLWithPath: valid))
        let errors = try CatalogueSchemaValidator.errors(
            schema: Self.cases.appendingPathComponent("case.schema.json").path, files: [valid] + paths.keys.sorted())
        #expect(errors[valid] == [], "the valid sample fails the schema: \(errors[valid] ?? [])")
        for (path, name) in paths {
            #expect(errors[path]?.isEmpty == false, "the schema accepts \(name)")
        }
    }

    @Test("The schemas describe every property, so editors can complete them")
    func schemasHaveDescriptions() throws {
        for name in ["case.schema.json", "profile.schema.json"] {
            let text = try String(contentsOf: Self.cases.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
            #expect(text.components(separatedBy: "\"description\"").count > 10)
        }
    }
}

@Suite("Expectations: the JSON Schema agrees with the reader", .enabled(if: RequiredTool.runs(CatalogueSchemaValidator.isAvailable), "python3 with the jsonschema package is not installed"))
struct ExpectationsSchemaTests {
    static let schema = catalogueRepositoryRoot().appendingPathComponent("Cases/expectations.schema.json").path

    static let files: [(text: String, valid: Bool)] = [
        (#"{"expectations": []}"#, true),
        (#"{"$schema": "Cases/expectations.schema.json", "expectations": [{"case": "activate.success", "check": "mirror.mensagem", "reason": "ticket 7", "until": "2030-12-31", "targets": ["sp-prod"]}]}"#, true),
        (#"{"expectations": [{"case": "activate.success"}]}"#, false),
        (#"{"expectations": [{"case": "activate.success", "reason": "r", "until": "2030-13-01"}]}"#, false),
        (#"{"expectations": [{"case": "activate.success", "reason": "r", "targets": []}]}"#, false),
        (#"{"expectations": [{"case": "activate.success", "reason": "r", "reasno": "x"}]}"#, false),
        (#"{"expectation": []}"#, false),
    ]

    @Test("the schema and ExpectationSet accept and refuse the same files")
    func agree() throws {
        let directory = TestDirectory.make("expectations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, file) in Self.files.enumerated() {
            let path = directory.appendingPathComponent("\(index).json").path
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            let parsed = (try? ExpectationSet.parse(Array(file.text.utf8), label: "\(index).json")) != nil
            #expect(parsed == file.valid, "reader on \(file.text)")
        }
        let errors = try CatalogueSchemaValidator.errors(schema: Self.schema, files: paths)
        for (index, file) in Self.files.enumerated() {
            #expect((errors[paths[index]] ?? ["missing"]).isEmpty == file.valid, "schema on \(file.text): \(errors[paths[index]] ?? [])")
        }
    }

    @Test("every check the deviation matrix catches with is a check id an expectation may name")
    func checkIdentifiersCoverCatchers() throws {
        let url = catalogueRepositoryRoot().appendingPathComponent("Tests/EndToEndTests/expected-catchers.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var checks = Set<String>()
        for value in object.values {
            for catcher in (value as? [String: Any])?["catchers"] as? [[String: Any]] ?? [] {
                if let check = catcher["check"] as? String { checks.insert(check) }
            }
        }
        #expect(checks.count > 10)
        for check in checks.sorted() {
            #expect(CheckIdentifiers.isKnown(check), "\(check) is caught by the matrix but missing from CheckIdentifiers.known")
        }
    }
}
