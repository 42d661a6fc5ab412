import MySafeConformance
import MySafeJSON
import Testing

/// `openapi --diff A B`: what a client written for one version must change for another, from the same profiles as
/// the documents; and the profile data it rests on (identifier type, documented token endpoint).
@Suite("OpenAPI: the diff between versions")
struct ContractDiffTests {
    static func diff(_ from: String, _ to: String) throws -> ContractDiff {
        let profiles = try CatalogueLoader.loadBuiltIn().profiles
        return OpenAPIExport.diff(try #require(profiles[from]), try #require(profiles[to]))
    }

    @Test("v3-32 to v4 names the identifier type (D2), the top-level code (D3) and the message texts")
    func v332ToV4() throws {
        let diff = try Self.diff("v3-32", "v4")
        let identifier = try #require(diff.changes.first { $0.topic == .identifierType })
        #expect(identifier.drift == "D2")
        #expect(identifier.before.hasPrefix("string (documented: 001_6a7bd22861e94e24.txt#Request parameters"))
        #expect(identifier.after.hasPrefix("integer (documented: 003_88e9082276f05d47.txt#Request parameters"))
        let code = try #require(diff.changes.first { $0.topic == .code })
        #expect(code.subject == "deactivate.success" && code.drift == "D3")
        #expect(code.before.hasPrefix("no top-level code") && code.after.hasPrefix("top-level code 200"))
        let message = try #require(diff.changes.first { $0.topic == .message && $0.subject == "deactivate.success" })
        #expect(message.before.hasPrefix("\"API secret  successfully deactivated\""))
        #expect(message.after.hasPrefix("\"Api secret successfully deactivated\""))
        #expect(diff.changes.contains { $0.topic == .message && $0.subject == "activate.alreadyActive" && $0.before.hasPrefix("not documented") })
        #expect(diff.changes.contains { $0.topic == .exception && $0.subject == "error.notFound" })
        #expect(diff.changes.contains { $0.topic == .tokenEndpoint && $0.drift == "D5" && $0.before.hasPrefix("GET /api/oauth2/token") })
        let text = diff.text
        for fragment in ["identifier type: identifier (drift D2)", "code: deactivate.success (drift D3)", "API secret  successfully deactivated", "change: send the identifier as a decimal integer"] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
        #expect(diff.json["changes"]?.arrayValue?.count == diff.changes.count)
        #expect(diff.json["from"] == "v3-32" && diff.json["to"] == "v4")
    }

    @Test("every drift finding that cites 'openapi --diff v3-32 v4' is a change that diff names")
    func driftFindingsCiteTheDiff() throws {
        let diff = try Self.diff("v3-32", "v4")
        let citing = DriftFindings.items.filter { $0.documented.hasSuffix("what a client changes: mysafe-conformance openapi --diff v3-32 v4") }
        #expect(citing.map(\.id) == ["D2", "D3", "D4", "D5"])
        for item in citing {
            #expect(diff.changes.contains { $0.drift == item.id }, "\(item.id) cites the diff, which does not name it")
        }
    }

    @Test("a version against itself changes nothing; the reverse diff reverses the identifier change")
    func symmetric() throws {
        for id in ["v3-32", "v3-33", "v4"] {
            let same = try Self.diff(id, id)
            #expect(same.changes.isEmpty, "\(id): \(same.changes)")
            #expect(same.text.contains("Nothing: the two versions document the same answers."))
        }
        let back = try Self.diff("v4", "v3-32")
        let identifier = try #require(back.changes.first { $0.topic == .identifierType })
        #expect(identifier.before.hasPrefix("integer") && identifier.after.hasPrefix("string"))
        #expect(back.changes.contains { $0.topic == .code && $0.action.contains("do not require the top-level \"code\"") })
        #expect(back.changes.count == (try Self.diff("v3-32", "v4")).changes.count)
    }

    @Test("v3-33 to v4: the same identifier type and messages; v4's deactivate answers are carried over from v3-33")
    func v333ToV4() throws {
        let diff = try Self.diff("v3-33", "v4")
        #expect(!diff.changes.contains { $0.topic == .identifierType || $0.topic == .message || $0.topic == .code })
        #expect(diff.changes.contains { $0.subject == "deactivate.success" && $0.topic == .envelope })
    }

    @Test("profile data: an unknown identifier type or a token path with a query is refused; inheritance carries the type over as inferred")
    func profileData() throws {
        let sample: (path: String, bytes: [UInt8]) = ("activate/sample.json", Array(catalogueValidCase.utf8))
        func profile(_ id: String, _ body: String) -> (path: String, bytes: [UInt8]) {
            ("profiles/\(id).json", Array("{\"id\": \"\(id)\", \"title\": \"t\", \"docs\": [{\"seed\": \"000_e35a1aba2a069d21.txt\", \"section\": \"Errors\"}]\(body)}".utf8))
        }
        let full = ", \"messages\": {\"activate.success\": \"a\", \"deactivate.success\": \"d\", \"error.notFound\": \"n\", \"error.noAccess\": \"x\"}, \"gateway\": {\"noRoute\": [\"r\"]}"
        let docs = "[{\"seed\": \"000_e35a1aba2a069d21.txt\", \"section\": \"Request parameters\"}]"
        let problems = try catalogueProblems([
            sample,
            profile("typed", full + ", \"identifier\": {\"type\": \"int\", \"docs\": \(docs)}"),
            profile("token", full + ", \"tokenEndpoint\": {\"method\": \"GET\", \"path\": \"/api/oauth2/token?client_id=x\", \"docs\": \(docs)}"),
        ]).map(\.description)
        #expect(problems.contains { $0.hasPrefix("profiles/typed.json: $.identifier.type: unknown identifier type \"int\"") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("profiles/token.json: $.tokenEndpoint.path: expected an absolute path without query") }, "\(problems)")

        let catalogue = try CatalogueLoader.load(
            files: [sample, profile("parent", full + ", \"identifier\": {\"type\": \"integer\", \"docs\": \(docs)}"), profile("child", ", \"inherits\": \"parent\"")],
            origin: "test", fallbackProfiles: [:])
        #expect(catalogue.profiles["parent"]?.identifier?.grade == .documented)
        let child = try #require(catalogue.profiles["child"]?.identifier)
        #expect(child.type == "integer" && child.grade == .inferred)
        let document = OpenAPIDocument.document(try #require(catalogue.profiles["child"]))
        #expect(document["components"]?["parameters"]?["identifier"]?["x-evidence"]?["grade"] == "inferred")
    }
}
