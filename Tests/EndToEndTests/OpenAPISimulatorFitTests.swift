import Foundation
import MySafeConformance
import MySafeJSON
import MySafeSimulator
import Testing
import TestSupport

/// Each profile's OpenAPI document describes what the reference simulator answers as that profile, with every
/// conformant variation the profile allows: each answer's status is declared for its operation, its content type
/// is one the document lists, and its body validates against the schema (Python's jsonschema, draft 2020-12).
/// Scripts/openapi-check fuzzes the plain profiles with Schemathesis; this covers the variations, in `swift test`.
@Suite("openapi: the simulator's answers fit each profile's document")
struct OpenAPISimulatorFitTests {
    struct Target: Sendable, CustomTestStringConvertible {
        var profile: SimulatorProfile
        var variation: Variation?
        var testDescription: String { profile.rawValue + (variation.map { " + \($0.rawValue)" } ?? "") }
    }

    static let targets: [Target] = SimulatorProfile.allCases.flatMap { profile in
        [Target(profile: profile, variation: nil)]
            + Variation.allCases.filter { $0.profiles.contains(profile) }.map { Target(profile: profile, variation: $0) }
    }

    static var pythonAvailable: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Matches each recorded answer to its operation's response in the document and validates the body.
    static let script = """
        import json, sys
        from jsonschema import Draft202012Validator
        document = json.load(open(sys.argv[1], encoding="utf-8"))
        answers = json.load(open(sys.argv[2], encoding="utf-8"))
        def resolve(value):
            while "$ref" in value:
                node = document
                for part in value["$ref"][2:].split("/"): node = node[part]
                value = node
            return value
        problems = []
        for answer in answers:
            label = "%s %s -> %s" % (answer["method"], answer["request"], answer["status"])
            operation = document["paths"].get(answer["path"], {}).get(answer["method"].lower())
            if operation is None:
                problems.append(label + ": no such operation in the document"); continue
            response = operation["responses"].get(str(answer["status"]))
            if response is None:
                problems.append(label + ": status not declared"); continue
            response = resolve(response)
            media = (answer["contentType"] or "").split(";")[0].strip().lower()
            content = response.get("content", {})
            if media not in content:
                problems.append(label + ": content type %r not declared (%s)" % (media, ", ".join(content))); continue
            if media != "application/json":
                continue
            schema = dict(resolve(content[media]["schema"]), components=document["components"])
            for error in Draft202012Validator(schema).iter_errors(json.loads(answer["body"])):
                problems.append(label + ": " + error.message)
        print(json.dumps({"checked": len(answers), "problems": problems}))
        """

    @Test("every answer is declared and valid", .enabled(if: RequiredTool.runs(pythonAvailable), "python3 with jsonschema is not installed"), arguments: targets)
    func fits(_ target: Target) async throws {
        var options = SimulatorOptions()
        options.profile = target.profile
        if let variation = target.variation { options.variations = [variation] }
        let problems = try await Self.problems(options)
        #expect(problems == [], "\(target.testDescription): \(problems.joined(separator: "\n"))")
    }

    /// Deviations that change the shape of an answer: the document must reject them (the export is strict enough).
    static let shapeDeviations: [Deviation] = [
        .erroAsString, .mirrorCodErroMissing, .detailNotString, .extraExceptionOnSuccess, .codeMismatch, .statusMismatch,
        .errorCodeZeroOnError, .errorFlagFalseOnError, .exceptionMissing, .exceptionCodeMismatch, .tokenTypeWrong, .tokenExpiresInString,
        .htmlContentType, .missingId404, .mirrorMensagemDiffers,
    ]

    @Test("an answer of another shape does not fit", .enabled(if: RequiredTool.runs(pythonAvailable), "python3 with jsonschema is not installed"), arguments: shapeDeviations)
    func shapeDeviationsRejected(_ deviation: Deviation) async throws {
        var options = SimulatorOptions()
        options.profile = deviation.documentedOn
        options.deviations = [deviation]
        let problems = try await Self.problems(options)
        #expect(!problems.isEmpty, "\(deviation.rawValue) on \(deviation.documentedOn.rawValue) fits the document")
    }

    /// What the document of `options.profile` finds wrong with the simulator's answers to 15 requests.
    static func problems(_ options: SimulatorOptions) async throws -> [String] {
        let server = SimulatorServer(options: options)
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        let transport = SocketTransport()
        let form = [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")]
        let owner = DemoData.owner
        var answers: [JSONValue] = []
        func send(_ method: String, _ request: String, path: String, headers: [HTTPHeader] = [], body: String = "") async throws -> HTTPResponse {
            let response = try await transport.send(HTTPRequest(method: method, url: base + request, headers: headers, body: Array(body.utf8)), timeout: 10)
            answers.append([
                "method": .string(method), "request": .string(request), "path": .string(path), "status": .integer(response.status),
                "contentType": response.header("Content-Type").map(JSONValue.string) ?? .null,
                "body": .string(String(decoding: response.body, as: UTF8.self)),
            ])
            return response
        }
        let credentials = "grant_type=client_credentials&client_id=\(owner.clientId)&client_secret=\(owner.clientSecret)"
        let issued = try await send("POST", "/api/oauth2/token", path: "/api/oauth2/token", headers: form, body: credentials)
        let token = try #require(try JSONParser.parse(issued.body)["access_token"]?.stringValue)
        _ = try await send("POST", "/api/oauth2/token", path: "/api/oauth2/token", headers: form, body: "grant_type=client_credentials&client_id=\(owner.clientId)&client_secret=wrong")
        _ = try await send("POST", "/api/oauth2/token", path: "/api/oauth2/token", headers: form, body: "grant_type=password&client_id=\(owner.clientId)&client_secret=\(owner.clientSecret)")
        let bearer = [HTTPHeader("Authorization", "Bearer \(token)")]
        let activate = "/api/mysafe/secretapi/active/{identifier}"
        let deactivate = "/api/mysafe/secretapi/inactive/{identifier}"
        let secret = DemoData.fixtureSecrets[0]
        for (method, id, path) in [
            ("POST", "\(secret)", deactivate), ("POST", "\(secret)", deactivate), ("POST", "\(secret)", activate), ("POST", "\(secret)", activate),
            ("POST", "\(DemoData.foreignSecret)", activate), ("POST", "\(DemoData.foreignSecret)", deactivate),
            ("POST", "\(DemoData.missingSecret)", activate), ("POST", "\(DemoData.missingSecret)", deactivate), ("POST", "abc", activate), ("POST", "", activate),
        ] {
            _ = try await send(method, path.replacingOccurrences(of: "{identifier}", with: id), path: path, headers: bearer)
        }
        _ = try await send("POST", "/api/mysafe/secretapi/active/\(secret)", path: activate)
        _ = try await send("POST", "/api/mysafe/secretapi/inactive/\(secret)", path: deactivate, headers: [HTTPHeader("Authorization", "Bearer forged")])

        let directory = TestDirectory.make("openapi-fit")
        defer { TestDirectory.remove(directory) }
        let profile = try #require(try CatalogueLoader.loadBuiltIn().profiles[options.profile.rawValue])
        let documentPath = directory.appendingPathComponent("openapi.json").path
        let answersPath = directory.appendingPathComponent("answers.json").path
        try Data(OpenAPIExport.text(profile).utf8).write(to: URL(fileURLWithPath: documentPath))
        try Data(JSONWriter.compact.string(.array(answers)).utf8).write(to: URL(fileURLWithPath: answersPath))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, documentPath, answersPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3: \(String(decoding: output, as: UTF8.self))")
        let result = try JSONParser.parse(Array(output))
        #expect(result["checked"] == .integer(answers.count) && answers.count == 15)
        return try #require(result["problems"]?.arrayValue).map { $0.stringValue ?? "" }
    }
}
