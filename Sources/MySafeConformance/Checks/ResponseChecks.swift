import Foundation
public import MySafeJSON

/// What the checks need to know besides the answer.
public struct CheckSettings: Sendable {
    public var profile: Profile
    /// Compare MySafe messages case-insensitively with white space folded.
    public var lenientMessages: Bool
    /// Undocumented fields fail instead of being observed.
    public var strict: Bool

    public init(profile: Profile, lenientMessages: Bool = false, strict: Bool = false) {
        self.profile = profile
        self.lenientMessages = lenientMessages
        self.strict = strict
    }
}

/// The verdict of the checks on one answer.
public struct ResponseVerdict: Sendable, Hashable {
    public var failures: [CheckFailure] = []
    public var observations: [Observation] = []
    /// `200 "Api secret activated successfully"`: the answer in one line.
    public var observed: String = ""
    /// The message the answer carried (envelope `response.message` or gateway `message`).
    public var message: String?
}

/// The checks (docs/DESIGN.md#the-data-flow-of-a-run): the envelope invariants (docs/DESIGN.md#the-envelope) on every MySafe envelope, then the step's expectations.
public enum ResponseChecks {
    /// Keys the documents show in an envelope; anything else is an observation (a failure under `--strict`).
    static let documentedTopLevel: Set<String> = ["code", "response", "exception"]
    static let documentedResponse: Set<String> = [
        "status", "message", "error", "error_code", "detail", "mensagem", "erro", "cod_erro",
    ]
    static let documentedException: Set<String> = ["code", "message", "detail"]

    public static func check(_ response: HTTPResponse, expectation: Expectation, settings: CheckSettings) -> ResponseVerdict {
        check(response, body: Body(response.body), expectation: expectation, settings: settings)
    }

    /// `Content-Type: application/json` is a convention the seeds never show (their bodies are JSON; no header is given).
    static let contentTypeEvidence = Evidence(.inferred, "RFC 8259 §11 (application/json); the seeds show JSON bodies, never the header")

    /// The same, with the body already parsed.
    static func check(_ response: HTTPResponse, body parsed: Body, expectation: Expectation, settings: CheckSettings) -> ResponseVerdict {
        var verdict = ResponseVerdict()
        func fail(_ check: CheckID, _ path: String? = nil, expected: String, actual: String, _ evidence: Evidence) {
            verdict.failures.append(CheckFailure(check: check, path: path, expected: expected, actual: actual, grade: evidence.grade, citation: evidence.citation))
        }
        let status = response.status
        let profile = settings.profile
        let object = parsed.json?.objectValue
        let envelope = object?["response"]?.objectValue
        verdict.message = message(in: parsed)
        verdict.observed = describe(status: status, body: parsed, message: verdict.message)

        // The grade of each expectation (the same function `list --verbose` prints); the answer that came, for the
        // envelope's own grades.
        let grades = ExpectationGrades(expectation, profile: profile)
        let expectedAnswer = grades.expectedAnswer
        let actualKey = envelope != nil ? verdict.message.flatMap { profile.lenientKey(forMessage: $0) } : nil
        var envelopeAnswer = actualKey.map(profile.evidence(for:)) ?? expectedAnswer
            ?? profile.evidence(for: status >= 400 ? MessageKey.notFound : MessageKey.activateSuccess)
        if envelope != nil, actualKey == nil {
            // An answer no page of this version documents (an application's own 401, 404 or 405 envelope): judged
            // alike under every profile, its envelope, mirrors and exception block inferred at most (docs/EVIDENCE.md).
            let documentedBy = envelopeAnswer.citation
            envelopeAnswer = envelopeAnswer.carriedOver
            envelopeAnswer.citation = "the \(profile.id) pages document no \(status) answer \(verdict.message.map { JSONWriter.quoted(String($0.prefix(80))) } ?? "without a message"); its envelope compared with \(documentedBy)"
        }

        // Content type: every JSON answer must say so. A page that is not JSON where only "not a success" is
        // expected (an HTML 404 or 405 from a web server) is allowed: the documents say nothing about those.
        if !response.body.isEmpty && !(expectation.envelope == .notSuccess && parsed.json == nil) {
            let contentType = response.header("Content-Type") ?? "(none)"
            if !isJSONMediaType(contentType) {
                fail(.contentType, expected: "application/json", actual: contentType, contentTypeEvidence)
            }
        }

        if let expected = expectation.status, !expected.accepts(status) {
            fail(.status, expected: expected.description, actual: String(status), grades.evidence(for: "status"))
        }

        if let object, envelope != nil {
            checkEnvelope(object, status: status, settings: settings, answer: envelopeAnswer, verdict: &verdict)
        }

        if let kind = expectation.envelope {
            checkKind(kind, status: status, body: parsed, evidence: grades.evidence(for: "envelope"), verdict: &verdict)
        }
        if let message = expectation.message {
            checkMessage(message, verdict: &verdict, settings: settings, isEnvelope: envelope != nil, evidence: grades.evidence(for: "message"))
        }
        for field in expectation.fields {
            let path = JSONPath(parsing: field.path)
            let actual = parsed.json?.value(at: path)
            if actual != field.value {
                fail(.field, path.description, expected: render(field.value), actual: actual.map(render) ?? "(absent)", grades.field(field.path))
            }
        }
        if expectation.serverError == .warn, status >= 500 {
            checkServerError(status: status, body: parsed, settings: settings, verdict: &verdict)
        }
        for absent in expectation.absent {
            let path = JSONPath(parsing: absent)
            if let present = parsed.json?.value(at: path) {
                fail(.absent, path.description, expected: "(absent)", actual: render(present), grades.evidence(for: "absent"))
            }
        }

        // An answer this version's pages never describe (v3-32's repeat calls) is recorded, not judged: the
        // envelope invariants and the content type too.
        if let undocumented = grades.undocumented {
            for index in verdict.failures.indices where verdict.failures[index].grade != .observed {
                verdict.failures[index].grade = undocumented.grade
                verdict.failures[index].citation = undocumented.citation
            }
        }
        return verdict
    }

    /// The grade of each expectation a step states, under `profile`: what `list --verbose` shows and what a
    /// broken expectation of the step is judged by (``ExpectationGrades``; docs/EVIDENCE.md). Citations left empty
    /// mean "the case's docs".
    public static func grades(of expectation: Expectation, profile: Profile) -> [(key: String, evidence: Evidence)] {
        ExpectationGrades(expectation, profile: profile).listed
    }

    /// The grade of a step's message expectation (also the grade of its repeat calls' stability).
    static func messageEvidence(_ expectation: Expectation, settings: CheckSettings) -> Evidence {
        ExpectationGrades(expectation, profile: settings.profile).stated("message")
    }

    // MARK: - Envelope invariants (docs/DESIGN.md#the-envelope)

    static func checkEnvelope(_ object: JSONObject, status: Int, settings: CheckSettings, answer: AnswerEvidence, verdict: inout ResponseVerdict) {
        let envelopeGrade = answer.envelope
        let exceptionGrade: Grade = answer.exception == .documented ? .documented : (answer.exception == .inferred ? .inferred : .observed)
        func fail(_ check: CheckID, _ path: String, expected: String, actual: String) {
            let grade = check.isEnvelopeException && status >= 400 ? exceptionGrade : envelopeGrade
            verdict.failures.append(CheckFailure(check: check, path: path, expected: expected, actual: actual, grade: grade, citation: answer.citation))
        }
        let response = object["response"]?.objectValue ?? JSONObject()
        let isError = status >= 400
        let message = response["message"]

        // code: equals the HTTP status; may be absent only where the profile says so.
        if let code = object["code"] {
            if code != .integer(status) { fail(.envelopeCode, "$.code", expected: String(status), actual: render(code)) }
        } else {
            let key = message?.stringValue.flatMap { settings.profile.lenientKey(forMessage: $0) }
            let optional = !isError && key.map { settings.profile.codeOptionalFor.contains($0) } == true
            if !optional { fail(.envelopeCode, "$.code", expected: String(status), actual: "(absent)") }
        }
        expectValue(response["status"], .integer(status), check: .envelopeStatus, path: "$.response.status", verdict: &verdict)
        expectValue(response["error"], .bool(isError), check: .envelopeError, path: "$.response.error", verdict: &verdict)
        expectValue(response["error_code"], .integer(isError ? 1 : 0), check: .envelopeErrorCode, path: "$.response.error_code", verdict: &verdict)
        if message?.stringValue == nil {
            fail(.envelopeMessage, "$.response.message", expected: "a string", actual: message.map(render) ?? "(absent)")
        }
        if let detail = response["detail"] {
            if detail.stringValue == nil { fail(.envelopeDetail, "$.response.detail", expected: "a string", actual: render(detail)) }
        } else {
            fail(.envelopeDetail, "$.response.detail", expected: "a string", actual: "(absent)")
        }

        // Portuguese mirrors equal their English twins, type included.
        for (mirror, twin) in [("mensagem", "message"), ("erro", "error"), ("cod_erro", "error_code")] {
            guard let english = response[twin] else { continue }
            let portuguese = response[mirror]
            if portuguese != english {
                fail(.mirror(mirror), "$.response.\(mirror)", expected: render(english) + " (as \(twin))", actual: portuguese.map(render) ?? "(absent)")
            }
        }

        // exception: present exactly on errors.
        if isError {
            if let exception = object["exception"]?.objectValue {
                let text = message?.stringValue ?? ""
                if let prefix = messageCode(text) {
                    expectValue(exception["code"], .integer(prefix), check: .envelopeExceptionCode, path: "$.exception.code", verdict: &verdict)
                } else if exception["code"]?.intValue == nil {
                    fail(.envelopeExceptionCode, "$.exception.code", expected: "an integer", actual: exception["code"].map(render) ?? "(absent)")
                }
                if let message {
                    expectValue(exception["message"], message, check: .envelopeExceptionMessage, path: "$.exception.message", verdict: &verdict)
                }
                expectValue(exception["detail"], .null, check: .envelopeExceptionDetail, path: "$.exception.detail", verdict: &verdict)
                for key in exception.keys where !documentedException.contains(key) {
                    extra("$.exception.\(key)", settings: settings, verdict: &verdict)
                }
            } else {
                fail(.envelopeException, "$.exception", expected: "an object {code, message, detail}", actual: object["exception"].map(render) ?? "(absent)")
            }
        } else if let exception = object["exception"] {
            fail(.envelopeException, "$.exception", expected: "(absent on success)", actual: render(exception))
        }

        // Failures recorded by expectValue carry no grade yet: the answer's.
        for index in verdict.failures.indices where verdict.failures[index].citation == nil && verdict.failures[index].check.isEnvelope {
            let check = verdict.failures[index].check
            verdict.failures[index].grade = check.isEnvelopeException && status >= 400 ? exceptionGrade : envelopeGrade
            verdict.failures[index].citation = answer.citation
        }
        for key in object.keys where !documentedTopLevel.contains(key) {
            extra("$.\(key)", settings: settings, verdict: &verdict)
        }
        for key in response.keys where !documentedResponse.contains(key) {
            extra("$.response.\(key)", settings: settings, verdict: &verdict)
        }
    }

    static func extra(_ path: String, settings: CheckSettings, verdict: inout ResponseVerdict) {
        if settings.strict {
            verdict.failures.append(CheckFailure(check: .envelopeExtraField, path: path, expected: "(only documented fields, --strict)", actual: "present"))
        } else {
            verdict.observations.append(Observation(check: .envelopeExtraField, path: path, detail: "undocumented field"))
        }
    }

    static func expectValue(_ actual: JSONValue?, _ expected: JSONValue, check: CheckID, path: String, verdict: inout ResponseVerdict) {
        if actual != expected {
            verdict.failures.append(CheckFailure(check: check, path: path, expected: render(expected), actual: actual.map(render) ?? "(absent)"))
        }
    }

    /// The number that prefixes a MySafe error message (`1005: Api secret not found` → 1005).
    public static func messageCode(_ message: String) -> Int? {
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let digits = message[..<colon]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    // MARK: - Expectations

    /// `evidence` is the grade of the envelope expectation (``ExpectationGrades/evidence(for:)``): for `token`, the
    /// RFC's (``ExpectationGrades/tokenAnswer``) unless the case file states another.
    static func checkKind(_ kind: EnvelopeKind, status: Int, body: Body, evidence: Evidence, verdict: inout ResponseVerdict) {
        func fail(_ check: CheckID, _ path: String?, expected: String, actual: String) {
            verdict.failures.append(CheckFailure(check: check, path: path, expected: expected, actual: actual, grade: evidence.grade, citation: evidence.citation))
        }
        let object = body.json?.objectValue
        let envelope = object?["response"]?.objectValue
        let isSuccessEnvelope = envelope != nil && envelope?["error"] == .bool(false)
        switch kind {
        case .success, .error, .gateway, .token:
            guard object != nil else {
                fail(.bodyJSON, nil, expected: "a JSON object", actual: body.problem)
                return
            }
        case .notSuccess:
            break
        }
        switch kind {
        case .success:
            if envelope == nil {
                fail(.envelopeKind, "$.response", expected: "a MySafe success envelope", actual: "no response object")
            } else if !isSuccessEnvelope {
                fail(.envelopeKind, "$.response.error", expected: "false (success envelope)", actual: envelope?["error"].map(render) ?? "(absent)")
            }
        case .error:
            if envelope == nil {
                fail(.envelopeKind, "$.response", expected: "a MySafe error envelope", actual: "no response object")
            } else if envelope?["error"] != .bool(true) {
                fail(.envelopeKind, "$.response.error", expected: "true (error envelope)", actual: envelope?["error"].map(render) ?? "(absent)")
            }
        case .gateway:
            if envelope != nil {
                fail(.envelopeKind, "$.response", expected: "a gateway answer {\"message\": …}", actual: "a MySafe envelope")
            } else if object?["message"]?.stringValue == nil {
                fail(.envelopeKind, "$.message", expected: "a gateway answer {\"message\": …}", actual: object?["message"].map(render) ?? "(absent)")
            }
        case .token:
            guard let object else { return }
            if let token = object["access_token"]?.stringValue, !token.isEmpty {
            } else {
                fail(.tokenAccessToken, "$.access_token", expected: "a non-empty string", actual: object["access_token"].map { _ in "(not a non-empty string)" } ?? "(absent)")
            }
            if object["token_type"]?.stringValue?.lowercased() != "bearer" {
                fail(.tokenTokenType, "$.token_type", expected: "\"Bearer\" (any case)", actual: object["token_type"].map(render) ?? "(absent)")
            }
            if let lifetime = object["expires_in"]?.intValue, lifetime > 0 {
            } else {
                fail(.tokenExpiresIn, "$.expires_in", expected: "a positive integer", actual: object["expires_in"].map(render) ?? "(absent)")
            }
        case .notSuccess:
            if (200..<300).contains(status) && isSuccessEnvelope {
                fail(.envelopeKind, "$.response.error", expected: "no success envelope", actual: "a success envelope")
            }
        }
    }

    static func checkMessage(_ expectation: MessageExpectation, verdict: inout ResponseVerdict, settings: CheckSettings, isEnvelope: Bool, evidence stated: Evidence? = nil) {
        let path = isEnvelope ? "$.response.message" : "$.message"
        let actual = verdict.message
        let evidence = stated ?? messageEvidence(Expectation(message: expectation), settings: settings)
        let before = verdict.failures.count
        defer {
            for index in before..<verdict.failures.count {
                verdict.failures[index].grade = evidence.grade
                verdict.failures[index].citation = evidence.citation
            }
        }
        switch expectation {
        case .literal(let text):
            if !messagesMatch(actual, text, lenient: settings.lenientMessages) {
                verdict.failures.append(CheckFailure(check: .message, path: path, expected: JSONWriter.quoted(text), actual: actual.map(JSONWriter.quoted) ?? "(absent)"))
            }
        case .profile(let key):
            guard let text = settings.profile.messages[key] else {
                verdict.observations.append(Observation(
                    check: .messageUndocumented, path: path,
                    detail: "profile \(settings.profile.id) documents no message for \(key); the target answered \(actual.map(JSONWriter.quoted) ?? "no message")"))
                return
            }
            if !messagesMatch(actual, text, lenient: settings.lenientMessages) {
                verdict.failures.append(CheckFailure(check: .message, path: path, expected: JSONWriter.quoted(text) + " (\(key), profile \(settings.profile.id))", actual: actual.map(JSONWriter.quoted) ?? "(absent)"))
            }
        case .profiles(let keys):
            let documented = keys.compactMap { key in settings.profile.messages[key].map { (key, $0) } }
            if documented.contains(where: { messagesMatch(actual, $0.1, lenient: settings.lenientMessages) }) { return }
            if documented.count < keys.count {
                // A key this version does not document may be the answer: observe, do not judge.
                verdict.observations.append(Observation(
                    check: .messageUndocumented, path: path,
                    detail: "profile \(settings.profile.id) documents no message for \(keys.filter { settings.profile.messages[$0] == nil }.joined(separator: ", ")); the target answered \(actual.map(JSONWriter.quoted) ?? "no message")"))
                return
            }
            verdict.failures.append(CheckFailure(
                check: .message, path: path,
                expected: "one of " + documented.map { JSONWriter.quoted($0.1) + " (\($0.0))" }.joined(separator: ", ") + ", profile \(settings.profile.id)",
                actual: actual.map(JSONWriter.quoted) ?? "(absent)"))
        case .gateway(let keys):
            let accepted = keys.flatMap { settings.profile.gateway[$0] ?? [] }
            if !accepted.contains(where: { gatewayMessagesMatch(actual, $0) }) {
                verdict.failures.append(CheckFailure(
                    check: .messageGateway, path: path,
                    expected: "one of " + accepted.map(JSONWriter.quoted).joined(separator: ", ") + " (any case, trailing full stop optional)",
                    actual: actual.map(JSONWriter.quoted) ?? "(absent)"))
            }
        }
    }

    /// A 5xx to a request the documents do not describe: a robustness warning when it is a documented fault
    /// answer (`docs/vendor/seeds/000_e35a1aba2a069d21.txt#Errors`: 500 `Unexpected error.`, the gateway's
    /// 502 and 504 pages); any other body (a stack trace, an HTML error page) breaks the documented 500 answer.
    static func checkServerError(status: Int, body: Body, settings: CheckSettings, verdict: inout ResponseVerdict) {
        let message = verdict.message
        let isEnvelope = body.json?.objectValue?["response"]?.objectValue != nil
        let documented: Bool
        if isEnvelope {
            documented = status == 500 && settings.profile.messages[MessageKey.unexpected].map {
                messagesMatch(message, $0, lenient: true)
            } ?? gatewayMessagesMatch(message, "Unexpected error.")
        } else {
            let gatewayKeys = status == 502 ? ["badGateway"] : status == 504 ? ["badGateway", "gatewayTimeout"] : []
            documented = body.json?.objectValue != nil
                && gatewayKeys.flatMap { settings.profile.gateway[$0] ?? [] }.contains { gatewayMessagesMatch(message, $0) }
        }
        if documented {
            verdict.observations.append(Observation(
                check: .robustnessServerError, path: nil,
                detail: "answered \(status) (a documented fault answer) to a request the documents do not describe; it should be refused with a 4xx"))
        } else {
            verdict.failures.append(CheckFailure(
                check: .faultBody, path: isEnvelope ? "$.response.message" : nil,
                expected: "a documented fault answer for a 5xx: 500 \"Unexpected error.\" or the gateway's 502/504 message",
                actual: describe(status: status, body: body, message: message)))
        }
    }

    static func messagesMatch(_ actual: String?, _ expected: String, lenient: Bool) -> Bool {
        guard let actual else { return false }
        if !lenient { return actual == expected }
        return fold(actual) == fold(expected)
    }

    /// Gateway strings: case-insensitive, white space folded, a trailing full stop ignored (docs/DESIGN.md#messages).
    public static func gatewayMessagesMatch(_ actual: String?, _ expected: String) -> Bool {
        guard let actual else { return false }
        return lenientForm(actual) == lenientForm(expected)
    }

    /// The form two messages are compared in by ``gatewayMessagesMatch(_:_:)``: folded (``fold(_:)``),
    /// trailing full stops dropped. Equal forms match; sets of forms can be computed once and looked up.
    static func lenientForm(_ text: String) -> String {
        var folded = fold(text)
        while folded.hasSuffix(".") { folded.removeLast() }
        return folded
    }

    /// Lower case, every run of white space one space, none at either end.
    static func fold(_ text: String) -> String {
        // ASCII text (nearly every message) is folded byte by byte: the same result, without the cost of
        // grapheme breaking. ASCII white space is space, tab, line feed, vertical tab, form feed, return.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var folded: [UInt8] = []
            folded.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !folded.isEmpty
                    continue
                }
                if pendingSpace {
                    folded.append(0x20)
                    pendingSpace = false
                }
                folded.append((65...90).contains(byte) ? byte + 32 : byte)
            }
            return String(decoding: folded, as: UTF8.self)
        }
        return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func isJSONMediaType(_ value: String) -> Bool {
        var media = Substring(value.prefix { $0 != ";" })
        while media.first == " " || media.first == "\t" { media.removeFirst() }
        while media.last == " " || media.last == "\t" { media.removeLast() }
        let lowered = media.lowercased()
        return lowered == "application/json" || (lowered.hasPrefix("application/") && lowered.hasSuffix("+json"))
    }

    /// The message an answer carries: the envelope's `response.message`, or a gateway answer's `message`.
    static func message(in body: Body) -> String? {
        let object = body.json?.objectValue
        if let envelope = object?["response"]?.objectValue { return envelope["message"]?.stringValue }
        return object?["message"]?.stringValue
    }

    /// `200 "Api secret activated successfully"`: an answer in one line.
    static func describe(status: Int, body: Body) -> String {
        describe(status: status, body: body, message: message(in: body))
    }

    static func describe(status: Int, body: Body, message: String?) -> String {
        if let message { return "\(status) \(JSONWriter.quoted(String(message.prefix(200))))" }
        if body.json != nil { return "\(status) \(String(JSONWriter.compact.string(body.json!).prefix(200)))" }
        return "\(status) (\(body.problem))"
    }

    /// A JSON value as text with its type visible: `"false"` (a string) vs `false`.
    public static func render(_ value: JSONValue) -> String {
        let text = JSONWriter.compact.string(value)
        let short = text.count > 200 ? String(text.prefix(197)) + "…" : text
        if case .string = value { return short + " (string)" }
        return short
    }
}

/// A response body, parsed once.
struct Body {
    var json: JSONValue?
    var problem: String

    init(_ bytes: [UInt8]) {
        if bytes.isEmpty {
            json = nil
            problem = "empty body"
            return
        }
        do {
            json = try JSONParser(options: .init(maximumDepth: 64, allowDuplicateKeys: true)).parse(bytes)
            problem = ""
        } catch {
            json = nil
            problem = "not JSON: \(error.description)"
        }
    }
}
