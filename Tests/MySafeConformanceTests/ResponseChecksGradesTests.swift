import MySafeConformance
import MySafeJSON
import Testing

/// One function grades an expectation (``ExpectationGrades``): the grade a run records for a broken expectation is
/// the grade `list --verbose` prints, for every step of the shipped catalogue under every shipped profile.
@Suite("ResponseChecks grades: the checks and list --verbose agree")
struct ResponseChecksGradesTests {
    static let catalogue = try? CatalogueLoader.loadBuiltIn()

    /// The check ids a broken expectation key is recorded under.
    static let checks: [String: Set<String>] = [
        "status": ["status"],
        "envelope": ["envelope.kind", "body.json", "token.access_token", "token.token_type", "token.expires_in"],
        "message": ["message", "message.gateway"],
        "fields": ["field"],
        "absent": ["absent"],
    ]

    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: JSONWriter.compact.bytes(body))
    }

    /// `{"a": {"b": value}}` for the dotted path `a.b`.
    static func nested(_ path: String, _ value: JSONValue) -> JSONValue {
        path.split(separator: ".").reversed().reduce(value) { inner, member in .object(JSONObject([String(member): inner])) }
    }

    static func envelope(_ status: Int, message: String) -> JSONValue {
        [
            "code": .integer(status),
            "response": [
                "status": .integer(status), "message": .string(message), "error": .bool(status >= 400), "error_code": .integer(status >= 400 ? 1 : 0),
                "detail": "", "mensagem": .string(message), "erro": .bool(status >= 400), "cod_erro": .integer(status >= 400 ? 1 : 0),
            ],
        ]
    }

    /// An answer that breaks the expectation `key` of `expectation` (nil: the expectation cannot be broken this way).
    static func breaking(_ key: String, of expectation: MySafeConformance.Expectation) -> HTTPResponse? {
        switch key {
        case "status":
            guard let expected = expectation.status,
                let status = [200, 201, 302, 400, 401, 404, 405, 500, 503].first(where: { !expected.accepts($0) })
            else { return nil }
            return HTTPResponse(status: status, headers: [], body: [])
        case "envelope":
            switch expectation.envelope {
            case .token?: return json(200, [:])
            case .notSuccess?: return json(200, envelope(200, message: "Api secret activated successfully"))
            case .success?, .error?, .gateway?:
                return HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "text/html")], body: Array("<html></html>".utf8))
            case nil: return nil
            }
        case "message":
            if case .gateway? = expectation.message { return json(404, ["message": "not a documented text"]) }
            return json(200, envelope(200, message: "not a documented text"))
        case "fields":
            guard let field = expectation.fields.first else { return nil }
            return json(400, nested(field.path, "not the expected value"))
        case "absent":
            guard let path = expectation.absent.first else { return nil }
            return json(400, nested(path, "present"))
        default:
            return nil
        }
    }

    @Test("every broken expectation of every shipped step is recorded with the grade and citation list --verbose shows", arguments: ["v3-32", "v3-33", "v4"])
    func checksAgreeWithListing(_ id: String) throws {
        let catalogue = try #require(Self.catalogue)
        let profile = try #require(catalogue.profiles[id])
        var compared = 0
        for item in catalogue.cases {
            for (index, step) in item.steps.enumerated() {
                for (key, listed) in ResponseChecks.grades(of: step.expect, profile: profile) {
                    guard let checks = Self.checks[key], let answer = Self.breaking(key, of: step.expect) else { continue }
                    let verdict = ResponseChecks.check(answer, expectation: step.expect, settings: CheckSettings(profile: profile))
                    let recorded = verdict.failures.filter { checks.contains($0.check) }
                    let place = "\(item.id) step \(index + 1) \(key) under \(id)"
                    if recorded.isEmpty {
                        // Only an answer this version does not document is recorded without a failure.
                        #expect(listed.grade == .observed, "\(place): no failure recorded, listed \(listed.grade)")
                        #expect(!verdict.observations.isEmpty, "\(place): neither a failure nor an observation")
                    }
                    for failure in recorded {
                        #expect(failure.grade == listed.grade, "\(place): \(failure.check) recorded \(failure.grade), listed \(listed.grade)")
                        #expect((failure.citation ?? "") == listed.citation, "\(place): \(failure.check) cites \(String(describing: failure.citation)), listed \(listed.citation)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 100, "only \(compared) expectations compared")
    }

    @Test("concurrency.activate-deactivate: v3-32 documents no \"already\" answer, so its answers are observed there and inferred elsewhere")
    func concurrencyGrades() throws {
        let catalogue = try #require(Self.catalogue)
        let item = try #require(catalogue.cases.first { $0.id == "concurrency.activate-deactivate" })
        for step in item.steps {
            for id in ["v3-32", "v3-33", "v4"] {
                let profile = try #require(catalogue.profiles[id])
                let grades = Dictionary(uniqueKeysWithValues: ResponseChecks.grades(of: step.expect, profile: profile).map { ($0.key, $0.evidence) })
                for key in ["status", "envelope", "message"] {
                    #expect(grades[key]?.grade == (id == "v3-32" ? .observed : .inferred), "\(step.name) \(key) under \(id)")
                }
                #expect(grades["state"]?.grade == .documented, "\(step.name) state under \(id)")
            }
            let v332 = try #require(catalogue.profiles["v3-32"])
            let citation = ResponseChecks.grades(of: step.expect, profile: v332).first { $0.key == "status" }?.evidence.citation ?? ""
            #expect(citation.hasPrefix("the v3-32 pages document no ") && citation.contains("already"), "\(citation)")
        }
        let listing = CatalogueListing.verbose(catalogue)
        let section = try #require(listing.components(separatedBy: "\nconcurrency.activate-deactivate [").dropFirst().first)
        #expect(section.contains("    status: v3-32 observed, v3-33 inferred, v4 inferred\n"))
        #expect(section.contains("    state: v3-32 documented, v3-33 documented, v4 documented\n"))
    }

    @Test("the exception block of error.notFound: documented on v3-32, inferred on v3-33 and v4")
    func exceptionGradePerProfile() throws {
        let catalogue = try #require(Self.catalogue)
        let item = try #require(catalogue.cases.first { $0.id == "activate.not-found" })
        let expect = try #require(item.steps.first?.expect)
        let expected: [String: Grade] = ["v3-32": .documented, "v3-33": .inferred, "v4": .inferred]
        for (id, grade) in expected {
            let grades = ExpectationGrades(expect, profile: try #require(catalogue.profiles[id]))
            #expect(grades.evidence(for: "fields").grade == grade, "fields under \(id)")
            #expect(grades.field("exception.code").grade == grade, "exception.code under \(id)")
            #expect(grades.undocumented == nil, "error.notFound is documented under \(id)")
        }
    }

    @Test("activate.already-active: observed on v3-32 except its state; documented on v3-33")
    func undocumentedAnswerPerProfile() throws {
        let catalogue = try #require(Self.catalogue)
        let item = try #require(catalogue.cases.first { $0.id == "activate.already-active" })
        let expect = try #require(item.steps.first?.expect)
        let legacy = ExpectationGrades(expect, profile: try #require(catalogue.profiles["v3-32"]))
        #expect(legacy.undocumented?.citation == "the v3-32 pages document no activate.alreadyActive answer")
        for (key, evidence) in legacy.listed {
            #expect(evidence.grade == (key == "state" ? .documented : .observed), "\(key) under v3-32")
        }
        let current = ExpectationGrades(expect, profile: try #require(catalogue.profiles["v3-33"]))
        #expect(current.undocumented == nil)
        #expect(current.evidence(for: "status").grade == .documented)
        #expect(current.evidence(for: "message").grade == .documented)
    }
}
