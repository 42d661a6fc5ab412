import MySafeConformance
import MySafeJSON
import Testing

/// One function grades an expectation (``ExpectationGrades``): the grade a run records for a broken expectation is
/// the grade `list --verbose` prints, for every step of the shipped catalogue under every shipped profile.
@Suite("ResponseChecks grades: the checks and list --verbose agree")
struct ResponseChecksGradesTests {
    static let catalogue = try? CatalogueLoader.loadBuiltIn()

    /// The check ids a broken expectation key is recorded under.
    static let checks: [String: Set<CheckID>] = [
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

    // MARK: - The three grades that used to be decided outside ExpectationGrades

    /// A case of one activate step, from an inactive secret, whose expectations state their own grades (none of the
    /// defaults), so that a check graded anywhere but ``ExpectationGrades`` records another grade than it lists.
    static func statedCase(repeatCount: Int = 1, state: StateExpectation, evidence: [String: Evidence]) -> ConformanceCase {
        ConformanceCase(
            id: "activate.stated", title: "stated grades", kind: .contract, tags: [], docs: [], fixtures: [.secret], identities: ["owner"],
            given: [.secret: .inactive],
            steps: [Step(
                name: "activate", request: StepRequest(method: "POST", path: "/api/mysafe/secretapi/active/{secret}", identity: "owner"),
                expect: Expectation(status: .oneOf([200]), envelope: .success, message: .profile(MessageKey.activateSuccess), state: [.secret: state], evidence: evidence),
                repeatCount: repeatCount)],
            source: "activate.stated.json")
    }

    @Test("token.* checks take the envelope's grade from ExpectationGrades: the RFC's by default, the case file's when it states one")
    func tokenGradeFromExpectationGrades() throws {
        let catalogue = try #require(Self.catalogue)
        let profile = try #require(catalogue.profiles["v4"])
        let stated = Evidence(.documented, "a case file's own citation")
        for evidence in [[:], ["envelope": stated]] {
            let expectation = MySafeConformance.Expectation(status: .oneOf([200]), envelope: .token, evidence: evidence)
            let listed = ExpectationGrades(expectation, profile: profile).evidence(for: "envelope")
            #expect(listed == (evidence.isEmpty ? ExpectationGrades.tokenAnswer : stated))
            let verdict = ResponseChecks.check(Self.json(200, [:]), expectation: expectation, settings: CheckSettings(profile: profile))
            let tokens = verdict.failures.filter(\.check.isToken)
            #expect(tokens.count == 3)
            for failure in tokens {
                #expect(failure.grade == listed.grade && failure.citation == listed.citation, "\(failure.check) with \(evidence.keys.sorted())")
            }
        }
    }

    @Test("a broken state expectation is graded by ExpectationGrades: a stated inferred grade warns instead of failing")
    func stateGradeFromExpectationGrades() async throws {
        let stated = Evidence(.inferred, "a case file's own citation for the state")
        let testCase = Self.statedCase(state: .unchanged, evidence: ["state": stated])
        let listed = ExpectationGrades(testCase.steps[0].expect, profile: RunnerTests.profile).state
        #expect(listed == stated)
        // Activating an inactive secret changes it: `unchanged` is broken.
        let fake = FakeMySafe(states: [43: false, 44: true], owners: [43: "owner", 44: "outsider"])
        let result = await RunnerTests.run(fake, cases: [testCase])
        let item = try #require(result.cases.first)
        #expect(item.outcome == .passed, "a documented grade would have failed it: \(item.failures.map(\.summary))")
        let warning = try #require(item.warnings.first { $0.check == "state.unchanged" })
        #expect(warning.grade == listed.grade.rawValue && warning.citation == listed.citation)
        // Without a stated grade, state is documented: the same break fails the case.
        let plain = Self.statedCase(state: .unchanged, evidence: [:])
        #expect(ExpectationGrades(plain.steps[0].expect, profile: RunnerTests.profile).state.grade == .documented)
        let failing = await RunnerTests.run(FakeMySafe(states: [43: false, 44: true], owners: [43: "owner", 44: "outsider"]), cases: [plain])
        #expect(failing.cases.first?.failures.contains { $0.check == "state.unchanged" && $0.grade == .documented } == true)
    }

    @Test("repeat.stable is graded by ExpectationGrades as the message it repeats")
    func repeatGradeFromExpectationGrades() async throws {
        let stated = Evidence(.inferred, "a case file's own citation for the message")
        let testCase = Self.statedCase(repeatCount: 2, state: .active, evidence: ["message": stated])
        let grades = ExpectationGrades(testCase.steps[0].expect, profile: RunnerTests.profile)
        #expect(grades.repeatStability == grades.evidence(for: "message") && grades.repeatStability == stated)
        // The second activation answers "already activated": not the first call's answer.
        let fake = FakeMySafe(states: [43: false, 44: true], owners: [43: "owner", 44: "outsider"])
        let result = await RunnerTests.run(fake, cases: [testCase])
        let item = try #require(result.cases.first)
        let warning = try #require(item.warnings.first { $0.check == "repeat.stable" }, "\(item.failures.map(\.summary))")
        #expect(warning.grade == stated.grade.rawValue && warning.citation == stated.citation)
        #expect(!item.failures.contains { $0.check == "repeat.stable" })
    }

    @Test("repeat.stable on an answer the profile does not document is observed, as its message is")
    func repeatObservedOnUndocumentedAnswer() async throws {
        // A profile without the "already" answer: a step accepting either answer names one it does not document.
        var messages = RunnerTests.profile.messages
        messages[MessageKey.activateAlreadyActive] = nil
        let profile = Profile(id: "v4", title: "test", docs: [], messages: messages, gateway: RunnerTests.profile.gateway)
        var testCase = Self.statedCase(repeatCount: 2, state: .active, evidence: [:])
        testCase.steps[0].expect.message = .profiles([MessageKey.activateSuccess, MessageKey.activateAlreadyActive])
        let grades = ExpectationGrades(testCase.steps[0].expect, profile: profile)
        #expect(grades.repeatStability.grade == .observed && grades.repeatStability == grades.evidence(for: "message"))
        let fake = FakeMySafe(states: [43: false, 44: true], owners: [43: "owner", 44: "outsider"])
        let runner = Runner(
            configuration: RunnerTests.configuration(), cases: [testCase], profiles: ["v4": profile], caseSetDigest: "test",
            options: RunOptions(jobs: 1), transport: fake.transport)
        let item = try #require(await runner.run().cases.first)
        #expect(!item.failures.contains { $0.check == "repeat.stable" }, "\(item.failures.map(\.summary))")
        let observation = try #require(item.observations.first { $0.check == "repeat.stable" })
        #expect(observation.grade == .observed && observation.detail.contains(grades.repeatStability.citation))
    }
}
