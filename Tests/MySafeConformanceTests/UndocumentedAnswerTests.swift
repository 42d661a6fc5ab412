import MySafeConformance
import MySafeJSON
import Testing

/// An answer no page of the detected version documents (an application's own 401, 404 or 405 envelope) is judged
/// alike under every profile: its envelope, mirrors and `exception` block are inferred at most (docs/EVIDENCE.md).
@Suite("Answers a version does not document")
struct UndocumentedAnswerTests {
    static let profiles = (try? CatalogueLoader.loadBuiltIn().profiles) ?? [:]

    /// A 405 in the application's own envelope: no `exception`, `mensagem` in Portuguese.
    static let methodNotAllowed: JSONValue = [
        "code": 405,
        "response": [
            "status": 405, "message": "Method not allowed", "error": true, "error_code": 1, "detail": "",
            "mensagem": "Método não permitido", "erro": true, "cod_erro": 1,
        ],
    ]

    static func response(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: JSONWriter.compact.bytes(body))
    }

    @Test("the exception block and the mirrors of an undocumented 405 warn, never fail, under every profile", arguments: ["v3-32", "v3-33", "v4"])
    func sameGradeEverywhere(_ id: String) throws {
        let profile = try #require(Self.profiles[id])
        let verdict = ResponseChecks.check(
            Self.response(405, Self.methodNotAllowed), expectation: Expectation(status: .notClassOf(2), envelope: .notSuccess),
            settings: CheckSettings(profile: profile))
        let checks = Set(verdict.failures.map(\.check))
        #expect(checks.contains("envelope.exception") && checks.contains("mirror.mensagem"), "\(verdict.failures)")
        for failure in verdict.failures where failure.check.isEnvelope || failure.check.isMirror {
            #expect(failure.grade == .inferred, "\(id): \(failure.summary)")
            #expect(failure.citation?.contains("pages document no 405 answer") == true)
        }
    }

    @Test("a documented error answer without its exception block still fails where the page shows the block (v3-32)")
    func documentedAnswerStillDocumented() throws {
        let profile = try #require(Self.profiles["v3-32"])
        let body: JSONValue = [
            "code": 400,
            "response": [
                "status": 400, "message": "1005: Api secret not found", "error": true, "error_code": 1, "detail": "",
                "mensagem": "1005: Api secret not found", "erro": true, "cod_erro": 1,
            ],
        ]
        let verdict = ResponseChecks.check(
            Self.response(400, body), expectation: Expectation(status: .oneOf([400]), envelope: .error, message: .profile(MessageKey.notFound)),
            settings: CheckSettings(profile: profile))
        let exception = try #require(verdict.failures.first { $0.check == "envelope.exception" })
        #expect(exception.grade == .documented)
    }
}

@Suite("Warning groups and page citations")
struct WarningGroupTests {
    static func warning(_ check: CheckID, value: String, step: Int = 1) -> CaseWarning {
        CaseWarning(
            check: check, grade: "inferred", citation: "001_6a7bd22861e94e24.txt#Response", path: "$.exception",
            expected: "an object", actual: "step \(step): PATCH: \(value)", value: value)
    }

    @Test("warnings of one check, grade and message are one group, with a count and each case once")
    func grouping() {
        var first = ReportSamples.caseResult("activate.wrong-method")
        first.warnings = [Self.warning("envelope.exception", value: "(absent)"), Self.warning("envelope.exception", value: "(absent)", step: 2)]
        var second = ReportSamples.caseResult("deactivate.wrong-method")
        second.warnings = [Self.warning("envelope.exception", value: "(absent)"), Self.warning("mirror.mensagem", value: "\"Método\"")]
        let groups = WarningGroup.groups(of: [first, second])
        #expect(groups.count == 2)
        #expect(groups[0].count == 3 && groups[0].caseIDs == ["activate.wrong-method", "deactivate.wrong-method"])
        #expect(groups[0].headline == "envelope.exception at $.exception ×3: got (absent), expected an object")
        #expect(groups[0].source == "inferred: v3-32 English page, Response")
        #expect(groups[1].count == 1 && groups[1].caseIDs == ["deactivate.wrong-method"])
    }

    @Test("citations name the page: version, language and heading", arguments: [
        ("001_6a7bd22861e94e24.txt#Response", "v3-32 English page, Response"),
        ("002_94262b9826fcafb7.txt#Ativar um segredo de API", "v3-32 Portuguese page, Ativar um segredo de API"),
        ("000_e35a1aba2a069d21.txt#Errors; 004_777cd8f770cc16b5.txt#Erros (status and message only)", "v3-33 English page, Errors; v3-33 Portuguese page, Erros (status and message only)"),
        ("003#Response, 004#Resposta", "v4 English page, Response, v3-33 Portuguese page, Resposta"),
        ("RFC 9110 §15.5.6 (405)", "RFC 9110 §15.5.6 (405)"),
        ("1005: Api secret not found", "1005: Api secret not found"),
    ])
    func readableCitations(_ citation: String, _ readable: String) {
        #expect(SeedPage.readable(citation) == readable)
    }
}
