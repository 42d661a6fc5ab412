import MySafeConformance
import MySafeJSON
import Testing

@Suite("Response checks")
struct ResponseChecksTests {
    static let profile = Profile(
        id: "v3-33", title: "test", docs: [],
        messages: [
            MessageKey.activateSuccess: "Api secret activated successfully",
            MessageKey.activateAlreadyActive: "Api secret has already been activated",
            MessageKey.deactivateSuccess: "Api secret successfully deactivated",
            MessageKey.notFound: "1005: Api secret not found",
        ],
        gateway: ["noRoute": ["No route matched with those values.", "no Route matched with those values"]])
    static let legacy = Profile(
        id: "v3-32", title: "test", docs: [],
        messages: [MessageKey.deactivateSuccess: "API secret  successfully deactivated"],
        codeOptionalFor: [MessageKey.deactivateSuccess], gateway: [:])

    static func success(_ message: String, code: Bool = true) -> JSONValue {
        var object: JSONObject = JSONObject()
        if code { object["code"] = 200 }
        object["response"] = [
            "status": 200, "message": .string(message), "error": false, "error_code": 0, "detail": "",
            "mensagem": .string(message), "erro": false, "cod_erro": 0,
        ]
        return .object(object)
    }

    static let notFound: JSONValue = [
        "code": 400,
        "response": [
            "status": 400, "message": "1005: Api secret not found", "error": true, "error_code": 1, "detail": "",
            "mensagem": "1005: Api secret not found", "erro": true, "cod_erro": 1,
        ],
        "exception": ["code": 1005, "message": "1005: Api secret not found", "detail": nil],
    ]

    static func response(_ status: Int, _ body: JSONValue, contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", contentType)], body: JSONWriter.compact.bytes(body))
    }

    static func mutate(_ body: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
        var object = body.objectValue!
        change(&object)
        return .object(object)
    }

    static func mutateResponse(_ body: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
        mutate(body) { object in
            var inner = object["response"]!.objectValue!
            change(&inner)
            object["response"] = .object(inner)
        }
    }

    let settings = CheckSettings(profile: ResponseChecksTests.profile)

    @Test("the documented success and error envelopes pass every invariant")
    func documentedEnvelopesPass() {
        let success = ResponseChecks.check(
            Self.response(200, Self.success("Api secret activated successfully")),
            expectation: Expectation(status: .oneOf([200]), envelope: .success, message: .profile(MessageKey.activateSuccess)),
            settings: settings)
        #expect(success.failures.isEmpty)
        let error = ResponseChecks.check(
            Self.response(400, Self.notFound),
            expectation: Expectation(status: .oneOf([400]), envelope: .error, message: .profile(MessageKey.notFound), fields: [FieldExpectation(path: "exception.code", value: 1005)]),
            settings: settings)
        #expect(error.failures.isEmpty)
        #expect(error.observed == #"400 "1005: Api secret not found""#)
    }

    @Test(
        "each broken invariant is named by its check id",
        arguments: [
            ("mirror.mensagem", mutateResponse(notFound) { $0["mensagem"] = "outra coisa" }),
            ("mirror.cod_erro", mutateResponse(notFound) { $0["cod_erro"] = nil }),
            ("mirror.erro", mutateResponse(notFound) { $0["erro"] = "true" }),
            ("envelope.code", mutate(notFound) { $0["code"] = 200 }),
            ("envelope.status", mutateResponse(notFound) { $0["status"] = 200 }),
            ("envelope.error_code", mutateResponse(notFound) { $0["error_code"] = 0; $0["cod_erro"] = 0 }),
            ("envelope.error", mutateResponse(notFound) { $0["error"] = false; $0["erro"] = false }),
            ("envelope.exception", mutate(notFound) { $0["exception"] = nil }),
            ("envelope.exception.code", mutate(notFound) { $0["exception"] = ["code": 1000, "message": "1005: Api secret not found", "detail": nil] }),
            ("envelope.exception.detail", mutate(notFound) { $0["exception"] = ["code": 1005, "message": "1005: Api secret not found", "detail": ""] }),
            ("envelope.detail", mutateResponse(notFound) { $0["detail"] = nil }),
        ] as [(CheckID, JSONValue)])
    func brokenInvariant(check: CheckID, body: JSONValue) {
        let verdict = ResponseChecks.check(Self.response(400, body), expectation: Expectation(), settings: settings)
        #expect(verdict.failures.map(\.check).contains(check), "failures: \(verdict.failures.map(\.summary))")
    }

    @Test("a success envelope must not carry an exception, and code must equal the status")
    func successInvariants() {
        let body = Self.mutate(Self.success("Api secret activated successfully")) { $0["exception"] = ["code": 1, "message": "x", "detail": nil] }
        #expect(ResponseChecks.check(Self.response(200, body), expectation: Expectation(), settings: settings).failures.map(\.check) == ["envelope.exception"])
        let missingCode = Self.success("Api secret activated successfully", code: false)
        #expect(ResponseChecks.check(Self.response(200, missingCode), expectation: Expectation(), settings: settings).failures.map(\.check) == ["envelope.code"])
    }

    @Test("v3-32's deactivate answer may omit code; other answers may not")
    func codeOptional() {
        let legacy = CheckSettings(profile: Self.legacy)
        let body = Self.success("API secret  successfully deactivated", code: false)
        #expect(ResponseChecks.check(Self.response(200, body), expectation: Expectation(), settings: legacy).failures.isEmpty)
        #expect(!ResponseChecks.check(Self.response(200, body), expectation: Expectation(), settings: settings).failures.isEmpty)
    }

    @Test("messages are exact by default and folded with --lenient-messages")
    func messages() {
        let body = Self.success("api secret  ACTIVATED successfully")
        let expectation = Expectation(message: .profile(MessageKey.activateSuccess))
        #expect(ResponseChecks.check(Self.response(200, body), expectation: expectation, settings: settings).failures.map(\.check) == ["message"])
        let lenient = CheckSettings(profile: Self.profile, lenientMessages: true)
        #expect(ResponseChecks.check(Self.response(200, body), expectation: expectation, settings: lenient).failures.isEmpty)
    }

    @Test("gateway strings compare case-insensitively without a trailing full stop")
    func gateway() {
        let expectation = Expectation(status: .notClassOf(2), envelope: .gateway, message: .gateway(["noRoute"]))
        for message in ["no Route matched with those values", "No route matched with those values.", "NO ROUTE MATCHED WITH THOSE VALUES"] {
            let verdict = ResponseChecks.check(Self.response(404, ["message": .string(message)]), expectation: expectation, settings: settings)
            #expect(verdict.failures.isEmpty, "\(message): \(verdict.failures.map(\.summary))")
        }
        let wrong = ResponseChecks.check(Self.response(401, ["message": "Unauthorized"]), expectation: expectation, settings: settings)
        #expect(wrong.failures.map(\.check) == ["message.gateway"])
    }

    @Test("undocumented fields are observations, failures under --strict")
    func extraFields() {
        let body = Self.mutateResponse(Self.success("Api secret activated successfully")) { $0["trace_id"] = "abc" }
        let normal = ResponseChecks.check(Self.response(200, body), expectation: Expectation(), settings: settings)
        #expect(normal.failures.isEmpty)
        #expect(normal.observations.map(\.path) == ["$.response.trace_id"])
        let strict = ResponseChecks.check(Self.response(200, body), expectation: Expectation(), settings: CheckSettings(profile: Self.profile, strict: true))
        #expect(strict.failures.map(\.check) == ["envelope.extra-field"])
    }

    @Test("content type must be JSON; a charset is fine")
    func contentType() {
        let body = Self.success("Api secret activated successfully")
        #expect(ResponseChecks.check(Self.response(200, body, contentType: "application/json; charset=utf-8"), expectation: Expectation(), settings: settings).failures.isEmpty)
        #expect(ResponseChecks.check(Self.response(200, body, contentType: "text/html"), expectation: Expectation(), settings: settings).failures.map(\.check) == ["content-type"])
    }

    @Test("bodies that are not JSON fail the envelope expectation without crashing")
    func hostileBodies() {
        let bodies: [[UInt8]] = [[], Array("<html>".utf8), Array(#"{"code": 200, "resp"#.utf8), [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]]
        for body in bodies {
            let response = HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json")], body: body)
            let verdict = ResponseChecks.check(response, expectation: Expectation(envelope: .success), settings: settings)
            #expect(verdict.failures.map(\.check).contains("body.json"))
        }
    }

    @Test("token answers: bearer in any case, positive integer lifetime, non-empty token")
    func token() {
        let good: JSONValue = ["token_type": "bearer", "expires_in": 3600, "access_token": "abc"]
        #expect(ResponseChecks.check(Self.response(200, good), expectation: Expectation(envelope: .token), settings: settings).failures.isEmpty)
        let bad: JSONValue = ["token_type": "mac", "expires_in": "3600", "access_token": ""]
        let checks = ResponseChecks.check(Self.response(200, bad), expectation: Expectation(envelope: .token), settings: settings).failures.map(\.check)
        #expect(checks == ["token.access_token", "token.token_type", "token.expires_in"])
    }

    @Test("state readings follow the documented messages")
    func readings() {
        let read = { (operation: MySafeConformance.Operation, message: String) in
            StateReading.read(operation, status: 200, message: message, isSuccessEnvelope: true, vocabulary: StateVocabulary(profiles: [Self.profile]))
        }
        #expect(read(.activate, "Api secret activated successfully") == StateReading(before: .inactive, after: .active))
        #expect(read(.activate, "Api secret has already been activated") == StateReading(before: .active, after: .active))
        #expect(read(.activate, "something else") == nil)
        #expect(StateReading.read(.activate, status: 400, message: "1005: Api secret not found", isSuccessEnvelope: false, vocabulary: StateVocabulary(profiles: [Self.profile])) == nil)
        // Every profile's wording is understood, whichever profile the checks use.
        let both = StateVocabulary(profiles: [Self.profile, Self.legacy])
        #expect(StateReading.read(.deactivate, status: 200, message: "API secret  successfully deactivated", isSuccessEnvelope: true, vocabulary: both) == StateReading(before: .active, after: .inactive))
        // Reading is lenient whatever --lenient-messages says: case, white space and a trailing full stop.
        #expect(StateReading.read(.deactivate, status: 200, message: "API secret successfully deactivated.", isSuccessEnvelope: true, vocabulary: both) == StateReading(before: .active, after: .inactive))
        #expect(read(.activate, "api secret has  already been activated") == StateReading(before: .active, after: .active))
    }
}
