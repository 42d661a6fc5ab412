import MySafeConformance
import Testing

/// Check ids are typed (``CheckID``); the reports and expectations files still read and write the same text.
@Suite("Check ids")
struct CheckIDTests {
    /// The ids an expectation could name before they were typed, as text: the reports write exactly these.
    static let textual: [String] = ([
        "absent", "arrange", "body.json", "content-type", "field", "message", "message.gateway",
        "message.undocumented", "repeat.stable", "status",
        "envelope.code", "envelope.detail", "envelope.error", "envelope.error_code", "envelope.exception",
        "envelope.exception.code", "envelope.exception.detail", "envelope.exception.message",
        "envelope.extra-field", "envelope.kind", "envelope.message", "envelope.status",
        "mirror.mensagem", "mirror.erro", "mirror.cod_erro",
        "token.access_token", "token.expires_in", "token.token_type",
        "state.check", "state.unprovable", "concurrency.one-change", "fault.body", "robustness.server-error",
        "transport.timeout", "transport.refused", "transport.unresolved", "transport.not-sent", "transport.connection-lost",
        "transport.body-too-large", "transport.tls", "transport.invalid-url", "transport.unsupported", "transport.error",
        "identifier.success-unchanged", "identifier.same-uri",
        "state.active", "state.inactive", "state.unchanged", "state.changed",
        "identifier.same-number", "identifier.not-integer", "identifier.other-script", "identifier.other-number",
        "harm.call-accepted", "harm.changed", "harm.token-issued",
    ]).sorted()

    @Test("the known ids are the same text as before, sorted, each once, and CheckIdentifiers is derived from them")
    func knownText() {
        #expect(CheckID.known.map(\.rawValue) == Self.textual)
        #expect(Set(CheckID.known).count == CheckID.known.count)
        #expect(CheckID.known == CheckID.known.sorted())
        #expect(CheckIdentifiers.known == Self.textual)
        #expect(CheckIdentifiers.isKnown("mirror.mensagem") && !CheckIdentifiers.isKnown("mirror.mensagen"))
        // An expectations file's own checks are recorded, never named by an entry.
        #expect(!CheckID.known.contains(.expectationExpired) && !CheckID.known.contains(.expectationUnneeded))
    }

    @Test("the families are built by their constructors and told apart by typed predicates")
    func families() {
        #expect(CheckID.state(.unchanged).rawValue == "state.unchanged")
        #expect(CheckID.mirror("cod_erro").rawValue == "mirror.cod_erro")
        #expect(CheckID.identifier(.otherScript) == IdentifierClass.otherScript.check)
        #expect(Harm.checks.allSatisfy(CheckID.known.contains))
        let transport: [TransportError] = [
            .timedOut(seconds: 1), .connectionRefused("x"), .unresolved("x"), .notSent("x"), .connectionLost("x"),
            .bodyTooLarge(limit: 1024), .tls("x"), .tlsAfterSend("x"), .invalidURL("x"), .unsupported("x"), .other("x"),
        ]
        for error in transport {
            #expect(error.check.isTransport && CheckID.known.contains(error.check), "\(error.check)")
        }
        let answerChecks = CheckID.known.filter { !$0.isTransport }
        #expect(answerChecks.count == CheckID.known.count - 10)
        #expect(CheckID.known.filter(\.isToken) == [.tokenAccessToken, .tokenExpiresIn, .tokenTokenType])
        #expect(CheckID.envelopeException.isEnvelopeException && CheckID.envelopeExceptionCode.isEnvelopeException)
        #expect(!CheckID.envelopeError.isEnvelopeException && CheckID.envelopeError.isEnvelope && !CheckID.envelopeError.isMirror)
        #expect(CheckID.mirror("erro").isMirror && !CheckID.status.isEnvelope)
    }

    @Test("an id reads and writes as its text")
    func text() {
        let id = CheckID(rawValue: "envelope.exception.code")
        #expect(id == .envelopeExceptionCode && "\(id)" == "envelope.exception.code" && id.description == id.rawValue)
        #expect(CheckID.absent < CheckID.status && CheckID.stateCheck < CheckID.status)
    }
}
