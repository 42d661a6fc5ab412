import Foundation
import MySafeConformance
import MySafeJSON
import Testing
import TestSupport

@Suite("Catalogue: the shipped cases and profiles")
struct CatalogueLoaderTests {
    static let specIDs: [String] = {
        let mirrored = ["success", "repeat-stable", "not-found", "no-access", "invalid-token", "no-token", "wrong-method"]
        return mirrored.map { "activate.\($0)" } + ["activate.already-active"]
            + mirrored.map { "deactivate.\($0)" } + ["deactivate.already-inactive"]
            + ["lifecycle.round-trip", "routes.password-alias", "routes.unknown", "auth.token-issued", "auth.token-wrong-secret"]
    }()

    @Test("Every shipped case and profile loads and validates")
    func shippedCatalogueLoads() throws {
        let catalogue = try CatalogueLoader.load(directory: catalogueRepositoryRoot().appendingPathComponent("Cases").path)
        #expect(catalogue.cases.count >= Self.specIDs.count)
        #expect(catalogue.cases.map(\.id) == catalogue.cases.map(\.id).sorted())
        #expect(catalogue.profileIDs == ["v3-32", "v3-33", "v4"])
        #expect(catalogue.digest.count == 64)
        for item in catalogue.cases {
            #expect(!item.docs.isEmpty, "\(item.id) cites no document")
            #expect(item.source == "\(item.group)/\(item.name).json")
        }
    }

    @Test("list shows every catalogue id, for both operations", arguments: specIDs)
    func listShowsSpecID(_ id: String) throws {
        let catalogue = try CatalogueLoader.loadBuiltIn()
        let table = CatalogueListing.table(catalogue)
        #expect(table.split(separator: "\n").contains { $0.hasPrefix(id + " ") }, "\(id) missing from list")
        let json = try JSONParser().parse(CatalogueListing.json(catalogue))
        let ids = json["cases"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.contains(id))
    }

    @Test("The list JSON carries kind, tags and citations")
    func listJSONShape() throws {
        let catalogue = try CatalogueLoader.loadBuiltIn()
        let json = try JSONParser().parse(CatalogueListing.json(catalogue))
        #expect(json["origin"] == "built-in")
        #expect(json["digest"]?.stringValue == catalogue.digest)
        let alias = try #require(json["cases"]?.arrayValue?.first { $0["id"] == "routes.password-alias" })
        #expect(alias["kind"] == "probe")
        #expect(alias["drift"] == ["D1"])
        #expect(alias["docs"]?.arrayValue?.first?["seed"] == "003_88e9082276f05d47.txt")
    }

    @Test("Cases decode to the model exactly")
    func modelMapping() throws {
        let catalogue = try CatalogueLoader.loadBuiltIn()
        let success = try #require(catalogue.case(id: "activate.success"))
        #expect(success.kind == .contract)
        #expect(success.fixtures == [.secret])
        #expect(success.given == [.secret: .inactive])
        let step = try #require(success.steps.first)
        #expect(step.request == StepRequest(target: .api, method: "POST", path: "/api/mysafe/secretapi/active/{secret}", identity: "owner"))
        #expect(step.expect.status == .oneOf([200]))
        #expect(step.expect.envelope == .success)
        #expect(step.expect.message == .profile("activate.success"))
        #expect(step.expect.state == [.secret: .active])

        let notFound = try #require(catalogue.case(id: "deactivate.not-found"))
        #expect(notFound.steps[0].request.path == "/api/mysafe/secretapi/inactive/{missingSecret}")
        #expect(notFound.steps[0].expect.fields == [FieldExpectation(path: "exception.code", value: .integer(1005))])

        let repeatStable = try #require(catalogue.case(id: "activate.repeat-stable"))
        #expect(repeatStable.steps[0].repeatCount == 3)

        let forged = try #require(catalogue.case(id: "activate.invalid-token"))
        #expect(forged.steps[0].request.identity == "forged")
        #expect(forged.steps[0].expect.status == .notClassOf(2))
        #expect(forged.steps[0].expect.message == .gateway(["noRoute", "notAuthorized"]))
        #expect(forged.drift == ["D4"])

        let token = try #require(catalogue.case(id: "auth.token-wrong-secret"))
        #expect(token.steps[0].request == StepRequest(target: .token, method: "POST", path: "", identity: "owner", secret: .wrong))
        #expect(token.steps[0].expect.status == .oneOf([400, 401]))
        #expect(token.steps[0].expect.envelope == .notSuccess)
        #expect(token.steps[0].expect.absent == ["access_token"])

        let roundTrip = try #require(catalogue.case(id: "lifecycle.round-trip"))
        #expect(roundTrip.steps.map(\.expect.message) == [
            .profile("activate.success"), .profile("deactivate.success"), .profile("deactivate.alreadyInactive"),
            .profile("activate.success"), .profile("activate.alreadyActive"),
        ])
        #expect(roundTrip.steps.last?.expect.state == [.secret: .active])

        let alias = try #require(catalogue.case(id: "routes.password-alias"))
        #expect(alias.kind == .probe)
        #expect(alias.steps[0].request.path == "/api/mysafe/password/active/{secret}")

        let unknown = try #require(catalogue.case(id: "routes.unknown"))
        #expect(unknown.fixtures.isEmpty)
        #expect(unknown.steps[0].expect.status == .oneOf([404]))
    }

    @Test("Profiles carry the documented messages; v4 inherits v3-33's deactivate")
    func profiles() throws {
        let profiles = try CatalogueLoader.loadBuiltIn().profiles
        let v332 = try #require(profiles["v3-32"])
        let v333 = try #require(profiles["v3-33"])
        let v4 = try #require(profiles["v4"])
        #expect(v332.messages["deactivate.success"] == "API secret  successfully deactivated")
        #expect(v332.messages["activate.alreadyActive"] == nil)
        #expect(v332.messages["deactivate.alreadyInactive"] == nil)
        #expect(v332.codeOptionalFor == ["deactivate.success"])
        for profile in [v333, v4] {
            #expect(profile.messages == [
                "activate.success": "Api secret activated successfully",
                "activate.alreadyActive": "Api secret has already been activated",
                "deactivate.success": "Api secret successfully deactivated",
                "deactivate.alreadyInactive": "Api secret has already been deactivated",
                "error.notFound": "1005: Api secret not found",
                "error.noAccess": "1006: User does not have access",
                "error.unexpected": "Unexpected error.",
            ])
            #expect(profile.codeOptionalFor.isEmpty)
        }
        #expect(v4.inherits == "v3-33")
        #expect(v4.docs.contains(DocumentReference(seed: "000_e35a1aba2a069d21.txt", section: "Response")))
        for profile in [v332, v333, v4] {
            #expect(profile.gateway["noRoute"]?.contains("No route matched with those values.") == true)
            #expect(profile.gateway["noRoute"]?.contains("no Route matched with those values") == true)
            #expect(profile.gateway["notAuthorized"] == ["You are not authorized to access this resource."])
            #expect(profile.gateway["badGateway"] == ["An invalid response was received from the upstream server"])
            #expect(profile.gateway["gatewayTimeout"] == ["The upstream server is timing out"])
        }
    }

    @Test("A directory without profiles/ uses the built-in profiles; README and schemas are ignored")
    func directoryFallsBackToBuiltInProfiles() throws {
        let directory = TestDirectory.make("catalogue")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("routes"), withIntermediateDirectories: true)
        let source = try #require(catalogueSourceFiles().first { $0.path == "routes/unknown.json" })
        try Data(source.bytes).write(to: directory.appendingPathComponent("routes/unknown.json"))
        try Data("# notes".utf8).write(to: directory.appendingPathComponent("README.md"))
        try Data("{".utf8).write(to: directory.appendingPathComponent("case.schema.json"))
        try Data("not json".utf8).write(to: directory.appendingPathComponent("routes/notes.txt"))
        let catalogue = try CatalogueLoader.load(directory: directory.path)
        #expect(catalogue.cases.map(\.id) == ["routes.unknown"])
        #expect(catalogue.profileIDs == ["v3-32", "v3-33", "v4"])
        #expect(catalogue.origin == directory.path)
    }

    @Test("A 10 MB file in a directory is refused unread; a case outside a group folder is refused")
    func hugeFileAndMisplacedCase() throws {
        let directory = TestDirectory.make("catalogue")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("activate"), withIntermediateDirectories: true)
        try Data(count: 10 << 20).write(to: directory.appendingPathComponent("activate/huge.json"))
        try Data(catalogueValidCase.utf8).write(to: directory.appendingPathComponent("sample.json"))
        let error = try #require(throws: CatalogueError.self) { try CatalogueLoader.load(directory: directory.path) }
        #expect(error.problems.map(\.description) == [
            "activate/huge.json: the file is 10485760 bytes; a case file is at most 1 MiB (1048576 bytes)",
            "sample.json: case files belong in <group>/<name>.json directly under the catalogue root (profiles in profiles/<id>.json)",
        ])
    }

    @Test("A missing directory and an empty one are problems, not crashes")
    func missingOrEmptyDirectory() throws {
        let missing = "/nonexistent/\(UUID().uuidString)"
        let error = try #require(throws: CatalogueError.self) { try CatalogueLoader.load(directory: missing) }
        #expect(error.problems.map(\.description) == ["\(missing): no case files found in \(missing): it does not exist or is not a directory"])

        let empty = TestDirectory.make("catalogue")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let emptyError = try #require(throws: CatalogueError.self) { try CatalogueLoader.load(directory: empty.path) }
        #expect(emptyError.problems.contains { $0.message == "no case files found in \(empty.path)" })
        #expect(emptyError.localizedDescription.contains("no case files found"))
    }

    @Test("The digest changes with any byte of any file")
    func digestCoversBytes() throws {
        let files = try catalogueSourceFiles().filter { !$0.path.hasSuffix(".schema.json") }
        let base = try CatalogueLoader.load(files: files, origin: "test", fallbackProfiles: nil)
        var changed = files
        let index = try #require(changed.firstIndex { $0.path == "routes/unknown.json" })
        changed[index].bytes += Array("\n".utf8)
        let other = try CatalogueLoader.load(files: changed, origin: "test", fallbackProfiles: nil)
        #expect(base.digest != other.digest)
        #expect(base.cases == other.cases)
        let shuffled = try CatalogueLoader.load(files: files.reversed(), origin: "test", fallbackProfiles: nil)
        #expect(shuffled.digest == base.digest)
    }
}
